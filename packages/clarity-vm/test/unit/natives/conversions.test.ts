import { describe, it, expect } from 'vitest';
import { typeSignatureToString } from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import { parseRustInteger } from '../../../src/natives/conversions.ts';
import { typeOfValue } from '../../../src/natives/value-types.ts';
import { expectRuntimeError, expectValue, hexOf, run, runError } from './harness.ts';

// clarity/src/vm/tests/conversions.rs `test_simple_buff_to_{int,uint}_{le,be}`.
describe('reference buff-to-int/uint', () => {
  const cases: [string, string][] = [
    ['(buff-to-int-le 0x00010000000000000000000000000000)', '256'],
    ['(buff-to-int-le 0xffffffffffffffffffffffffffffffff)', '-1'],
    ['(buff-to-int-le 0x0001)', '256'],
    ['(buff-to-uint-le 0x00010000000000000000000000000000)', 'u256'],
    ['(buff-to-uint-le 0xffffffffffffffffffffffffffffffff)', 'u340282366920938463463374607431768211455'],
    ['(buff-to-uint-le 0x0001)', 'u256'],
    ['(buff-to-uint-be 0x00000000000000000000000000000100)', 'u256'],
    ['(buff-to-int-be 0xffffffffffffffffffffffffffffffff)', '-1'],
    ['(buff-to-int-be 0x0100)', '256'],
    ['(buff-to-uint-be 0xffffffffffffffffffffffffffffffff)', 'u340282366920938463463374607431768211455'],
    ['(buff-to-uint-be 0x0100)', 'u256'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));
  it('edges: empty buffers are zero; short buffers never set the sign bit', () => {
    expectValue('(buff-to-int-le 0x)', '0');
    expectValue('(buff-to-uint-be 0x)', 'u0');
    expectValue('(buff-to-int-le 0xff)', '255');
    expectValue('(buff-to-int-be 0xffffffffffffffffffffffffffffff)', `${(1n << 120n) - 1n}`);
    expectValue('(buff-to-int-be 0x80000000000000000000000000000000)', `${-(1n << 127n)}`);
    expectValue('(buff-to-int-le 0x00000000000000000000000000000080)', `${-(1n << 127n)}`);
  });
  it('rejects the reference bad inputs', () => {
    for (const f of ['buff-to-int-le', 'buff-to-uint-le', 'buff-to-int-be', 'buff-to-uint-be']) {
      expect(runError(`(${f} "not-needed" 0xfffffffffffffffffffffffffffffffe)`).args).toEqual([1, 2]);
      expect(runError(`(${f} "wrong-type")`).args[0]).toBe('(buff 16)');
      expect(runError(`(${f} 0x000102030405060708090a0b0c0d0e0f00)`).args[0]).toBe('(buff 16)');
    }
  });
});

// `test_simple_string_to_int`, `test_simple_string_to_uint`.
describe('reference string-to-int? / string-to-uint?', () => {
  const cases: [string, string][] = [
    ['(string-to-int? "-1")', '(some -1)'],
    ['(string-to-int? u"-1")', '(some -1)'],
    ['(string-to-int? "")', 'none'],
    ['(string-to-int? "a")', 'none'],
    ['(string-to-int? u"a")', 'none'],
    ['(string-to-int? u"\\u{211D}\\u{221E}")', 'none'],
    ['(string-to-int? u"340282366920938463463374607431768211455000")', 'none'],
    ['(string-to-uint? "1")', '(some u1)'],
    ['(string-to-uint? u"1")', '(some u1)'],
    ['(string-to-uint? "")', 'none'],
    ['(string-to-uint? "a")', 'none'],
    ['(string-to-uint? u"a")', 'none'],
    ['(string-to-uint? u"\\u{211D}\\u{221E}")', 'none'],
    ['(string-to-uint? u"340282366920938463463374607431768211455000")', 'none'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));
  it('rejects the reference bad inputs', () => {
    expect(runError('(string-to-int?)').args).toEqual([1, 0]);
    expect(runError('(string-to-uint?)').args).toEqual([1, 0]);
    expectRuntimeError('(string-to-int? 1)', 'UnionTypeValueError');
    expectRuntimeError('(string-to-uint? 1)', 'UnionTypeValueError');
  });
  it("follows Rust's integer parsing exactly", () => {
    expectValue('(string-to-int? "+5")', '(some 5)');
    expectValue('(string-to-uint? "+5")', '(some u5)');
    expectValue('(string-to-uint? "-0")', 'none');
    expectValue('(string-to-int? "-0")', '(some 0)');
    expectValue('(string-to-int? "007")', '(some 7)');
    expectValue('(string-to-int? " 1")', 'none');
    expectValue('(string-to-int? "1 ")', 'none');
    expectValue('(string-to-int? "1_000")', 'none');
    expectValue('(string-to-int? "0x10")', 'none');
    expectValue('(string-to-int? "-")', 'none');
    expectValue('(string-to-int? "+")', 'none');
    expectValue('(string-to-int? "+-1")', 'none');
    expectValue('(string-to-int? "1e3")', 'none');
    expectValue('(string-to-int? u"\\u{FF11}")', 'none');
  });
  it('accepts exactly the i128 and u128 ranges', () => {
    expectValue('(string-to-int? "170141183460469231731687303715884105727")', '(some 170141183460469231731687303715884105727)');
    expectValue('(string-to-int? "170141183460469231731687303715884105728")', 'none');
    expectValue('(string-to-int? "-170141183460469231731687303715884105728")', '(some -170141183460469231731687303715884105728)');
    expectValue('(string-to-int? "-170141183460469231731687303715884105729")', 'none');
    expectValue('(string-to-uint? "340282366920938463463374607431768211455")', '(some u340282366920938463463374607431768211455)');
    expectValue('(string-to-uint? "340282366920938463463374607431768211456")', 'none');
    expect(parseRustInteger('00000000000000000000000000000000000000000000000001', false)).toBe(1n);
  });
});

// `test_simple_int_to_ascii`, `test_simple_int_to_utf8`.
describe('reference int-to-ascii / int-to-utf8', () => {
  it('converts', () => {
    expectValue('(int-to-ascii -1)', '"-1"');
    expectValue('(int-to-ascii u1)', '"1"');
    expectValue('(int-to-utf8 1)', 'u"1"');
    expectValue('(int-to-utf8 u1)', 'u"1"');
    expectValue('(int-to-ascii -170141183460469231731687303715884105728)', '"-170141183460469231731687303715884105728"');
    expectValue('(int-to-utf8 u340282366920938463463374607431768211455)', 'u"340282366920938463463374607431768211455"');
  });
  it('rejects the reference bad inputs', () => {
    expect(runError('(int-to-ascii)').args).toEqual([1, 0]);
    expect(runError('(int-to-utf8)').args).toEqual([1, 0]);
    expectRuntimeError('(int-to-ascii "1")', 'UnionTypeValueError');
    expectRuntimeError('(int-to-utf8 "1")', 'UnionTypeValueError');
  });
});

// `test_to_ascii` and the docs examples of `to-ascii?` (clarity/src/vm/docs/mod.rs).
describe('reference to-ascii? (Clarity 4)', () => {
  const v4 = { version: 4 as const };
  const cases: [string, string][] = [
    ['(to-ascii? 9876)', '(ok "9876")'],
    ['(to-ascii? u12345678)', '(ok "u12345678")'],
    ['(to-ascii? true)', '(ok "true")'],
    ['(to-ascii? false)', '(ok "false")'],
    ["(to-ascii? 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM)", '(ok "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM")'],
    ["(to-ascii? 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.foo)", '(ok "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.foo")'],
    ['(to-ascii? 0x1234)', '(ok "0x1234")'],
    ['(to-ascii? u"I am serious, and don\'t call me Shirley.")', '(ok "I am serious, and don\'t call me Shirley.")'],
    ['(to-ascii? u"A smiley face emoji: \\u{1F600}")', '(err u1)'],
    ['(to-ascii? 123)', '(ok "123")'],
    ['(to-ascii? u456)', '(ok "u456")'],
    ["(to-ascii? 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4)", '(ok "SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4")'],
    ['(to-ascii? 0x00112233)', '(ok "0x00112233")'],
    ['(to-ascii? u"An ASCII smiley face: :)")', '(ok "An ASCII smiley face: :)")'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected, v4));
  it('edges', () => {
    expectValue('(to-ascii? 0x)', '(ok "0x")', v4);
    expectValue('(to-ascii? 0xABCDEF)', '(ok "0xabcdef")', v4);
    expectValue('(to-ascii? -170141183460469231731687303715884105728)', '(ok "-170141183460469231731687303715884105728")', v4);
    expectValue('(to-ascii? u"")', '(ok "")', v4);
    expectValue('(to-ascii? u"tab\\tnewline\\n")', '(ok "tab\\tnewline\\n")', v4);
    expectValue('(to-ascii? u"\\u{7F}")', '(err u1)', v4);
    expectValue('(to-ascii? u"\\u{E9}")', '(err u1)', v4);
  });
  it('rejects the types analysis rejects', () => {
    for (const src of ['(to-ascii? "str")', '(to-ascii? (list 1 2 3))', '(to-ascii? { a: 1, b: u2 })', '(to-ascii? (some u789))', '(to-ascii? (ok true))']) {
      expectRuntimeError(src, 'UnionTypeValueError', v4);
    }
  });
  it('does not exist before Clarity 4', () => {
    expect(runError('(to-ascii? 1)', { version: 3 }).kind).toBe('check');
  });
});

// `test_to_from_consensus_buff_vectors` and `test_from_consensus_buff_missed_expectations`
// (clarity/src/vm/tests/simple_apply_eval.rs).
describe('reference to-consensus-buff? / from-consensus-buff?', () => {
  const vectors: [string, string, string][] = [
    ['0x0000000000000000000000000000000001', '1', 'int'],
    ['0x00ffffffffffffffffffffffffffffffff', '-1', 'int'],
    ['0x0100000000000000000000000000000001', 'u1', 'uint'],
    ['0x0200000004deadbeef', '0xdeadbeef', '(buff 8)'],
    ['0x03', 'true', 'bool'],
    ['0x04', 'false', 'bool'],
    ['0x050011deadbeef11ababffff11deadbeef11ababffff', "'S08XXBDYXW8TQAZZZW8XXBDYXW8TQAZZZZ88551S", 'principal'],
    ['0x060011deadbeef11ababffff11deadbeef11ababffff0461626364', "'S08XXBDYXW8TQAZZZW8XXBDYXW8TQAZZZZ88551S.abcd", 'principal'],
    ['0x0700ffffffffffffffffffffffffffffffff', '(ok -1)', '(response int int)'],
    ['0x0800ffffffffffffffffffffffffffffffff', '(err -1)', '(response int int)'],
    ['0x09', 'none', '(optional int)'],
    ['0x0a00ffffffffffffffffffffffffffffffff', '(some -1)', '(optional int)'],
    [
      '0x0b0000000400000000000000000000000000000000010000000000000000000000000000000002000000000000000000000000000000000300fffffffffffffffffffffffffffffffc',
      '(list 1 2 3 -4)',
      '(list 4 int)',
    ],
    ['0x0c000000020362617a0906666f6f62617203', '{ baz: none, foobar: true }', '(tuple (baz (optional int)) (foobar bool))'],
  ];
  for (const [buff, value, type] of vectors) {
    it(`from ${type}`, () => expectValue(`(from-consensus-buff? ${type} ${buff})`, `(some ${value})`));
    it(`to ${value}`, () => expectValue(`(to-consensus-buff? ${value})`, `(some ${buff})`));
  }
  const missed: [string, string][] = [
    ['0x0000000000000000000000000000000001', 'uint'],
    ['0x00ffffffffffffffffffffffffffffffff', 'uint'],
    ['0x0100000000000000000000000000000001', 'int'],
    ['0x010000000000000000000000000000000101', 'uint'],
    ['0x0200000004deadbeef', '(buff 2)'],
    ['0x0200000004deadbeef', '(buff 3)'],
    ['0x0200000004deadbeef', '(string-ascii 8)'],
    ['0x03', 'uint'],
    ['0x04', '(optional int)'],
    ['0x0700ffffffffffffffffffffffffffffffff', '(response uint int)'],
    ['0x0800ffffffffffffffffffffffffffffffff', '(response int uint)'],
    ['0x09', '(response int int)'],
    [
      '0x0b0000000400000000000000000000000000000000010000000000000000000000000000000002000000000000000000000000000000000300fffffffffffffffffffffffffffffffc',
      '(list 3 int)',
    ],
    ['0x0c000000020362617a0906666f6f62617203', '(tuple (bat (optional int)) (foobar bool))'],
    ['0xff', 'int'],
  ];
  for (const [buff, type] of missed) {
    it(`none for ${buff} as ${type}`, () => expectValue(`(from-consensus-buff? ${type} ${buff})`, 'none'));
  }
  it('reference type-check errors', () => {
    expect(runError('(from-consensus-buff? uint 0x10 0x00)').args).toEqual([2, 3]);
    expect(runError('(from-consensus-buff? uint 1)').args[0]).toBe('(buff 1048576)');
  });
  it('none for empty input and trailing bytes', () => {
    expectValue('(from-consensus-buff? int 0x)', 'none');
    expectValue('(from-consensus-buff? bool 0x0303)', 'none');
  });
  it('records the declared type of a decoded list', () => {
    const v = run('(unwrap-panic (from-consensus-buff? (list 5 (buff 4)) 0x0b00000001020000000101))');
    expect(typeSignatureToString(typeOfValue(v))).toBe('(list 5 (buff 4))');
  });
});

// `test_from_consensus_buff_unexpected_serialization_epoch_gate`.
describe('reference from-consensus-buff? principal version >= 32', () => {
  const src = '(from-consensus-buff? principal 0x05200000000000000000000000000000000000000000)';
  it('is a runtime error up to Epoch 3.3', () => {
    for (const epoch of [StacksEpochId.Epoch21, StacksEpochId.Epoch24, StacksEpochId.Epoch30, StacksEpochId.Epoch33]) {
      const e = expectRuntimeError(src, 'Unreachable', { epoch });
      expect(e.args[0]).toBe('UnexpectedSerialization');
    }
  });
  it('is none from Epoch 3.4', () => expectValue(src, 'none', { epoch: StacksEpochId.Epoch34 }));
  it('a truncated principal is just none', () => {
    expectValue('(from-consensus-buff? principal 0x0520)', 'none', { epoch: StacksEpochId.Epoch33 });
  });
});

// `test_from_consensus_buff_duplicate_tuple_fields_epoch_gate` (epochs before 4.1).
describe('reference from-consensus-buff? duplicate tuple fields', () => {
  const DUPLICATE_FIELDS = '0c000000020161000000000000000000000000000000000101610000000000000000000000000000000002';
  const DUPLICATE_WITH_UNKNOWN_FIELD =
    '0c00000003016100000000000000000000000000000000010161000000000000000000000000000000000201630000000000000000000000000000000003';
  const LEGACY_TUPLE_RESULT = '0a0c0000000101610000000000000000000000000000000002';
  const LEGACY_LIST_RESULT = '0a0b000000010c0000000101610000000000000000000000000000000002';
  for (const epoch of [StacksEpochId.Epoch21, StacksEpochId.Epoch24, StacksEpochId.Epoch33]) {
    it(`keeps the last duplicate in ${epoch}`, () => {
      expect(hexOf(run(`(from-consensus-buff? (tuple (a int) (b int)) 0x${DUPLICATE_FIELDS})`, { epoch }))).toBe(
        LEGACY_TUPLE_RESULT,
      );
      expect(
        hexOf(run(`(from-consensus-buff? (list 1 (tuple (a int) (b int))) 0x0b00000001${DUPLICATE_FIELDS})`, { epoch })),
      ).toBe(LEGACY_LIST_RESULT);
    });
  }
  it('drops an unknown field only when sanitizing (Epoch 2.4 on)', () => {
    const src = `(from-consensus-buff? (tuple (a int) (b int)) 0x${DUPLICATE_WITH_UNKNOWN_FIELD})`;
    expect(hexOf(run(src, { epoch: StacksEpochId.Epoch23 }))).toBe('09');
    expect(hexOf(run(src, { epoch: StacksEpochId.Epoch24 }))).toBe(LEGACY_TUPLE_RESULT);
    expect(hexOf(run(src, { epoch: StacksEpochId.Epoch33 }))).toBe(LEGACY_TUPLE_RESULT);
  });
});

// `test_to_consensus_buff_too_big`: serializations over MAX_VALUE_SIZE - 5 bytes give none.
describe('to-consensus-buff? size limit', () => {
  it('returns none when (some buffer) would not fit in a value', () => {
    const at = (n: number) => run(`(to-consensus-buff? 0x${'11'.repeat(n)})`);
    // 5 + n serialized bytes; the buffer fits while 5 + n <= 1048571.
    expect(at(1048566).type === 'optional' && at(1048566).value !== null).toBe(true);
    expect(hexOf(at(1048567))).toBe('09');
    expect(hexOf(at(1048570))).toBe('09');
  });
});

describe('to-consensus-buff? and from-consensus-buff? round trip', () => {
  it('decodes what it encodes, typed by the value', () => {
    const srcs = [
      '(list (some 1) none)',
      '{a: (ok u1), b: (list 0x01 0x0203)}',
      '(err (list))',
      'u"\\u{1F98A}"',
      "'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.c",
    ];
    const types = [
      '(list 2 (optional int))',
      '(tuple (a (response uint int)) (b (list 2 (buff 2))))',
      '(response int (list 0 int))',
      '(string-utf8 1)',
      'principal',
    ];
    srcs.forEach((src, i) => {
      expectValue(`(from-consensus-buff? ${types[i]} (unwrap-panic (to-consensus-buff? ${src})))`, `(some ${src})`);
    });
  });
});
