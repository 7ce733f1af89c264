import { describe, it, expect } from 'vitest';
import { ClarityType, type ClarityValue, typeSignatureToString } from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import {
  retainedSequence,
  sequenceElements,
  sequenceLength,
} from '../../../src/natives/sequences.ts';
import { consList, typeOfValue } from '../../../src/natives/value-types.ts';
import { expectRuntimeError, expectValue, run, runError } from './harness.ts';

const typeOf = (src: string, version: 1 | 2 | 3 | 4 = 2) => typeSignatureToString(typeOfValue(run(src, { version })));

// clarity/src/vm/tests/sequences.rs `test_index_of` (Clarity 1 names).
describe('reference test_index_of', () => {
  const good: [string, string][] = [
    ['(index-of (list 1 2 3 4 5 4) 100)', 'none'],
    ['(index-of (list 1 2 3 4 5 4) 4)', '(some u3)'],
    ['(index-of "abcd" "a")', '(some u0)'],
    ['(index-of u"abcd" u"a")', '(some u0)'],
    ['(index-of 0xfedb 0xdb)', '(some u1)'],
    ['(index-of "abcd" "")', 'none'],
    ['(index-of u"abcd" u"")', 'none'],
    ['(index-of 0xfedb 0x)', 'none'],
    ['(index-of "abcd" "z")', 'none'],
    ['(index-of u"abcd" u"e")', 'none'],
    ['(index-of 0xfedb 0x01)', 'none'],
  ];
  for (const [src, expected] of good) it(src, () => expectValue(src, expected, { version: 1 }));
  it('rejects mismatched element kinds', () => {
    expectRuntimeError('(index-of 3 "a")', 'Unreachable', { version: 1 });
    expect(runError('(index-of 0xfedb "a")', { version: 1 }).args[0]).toBe('(buff 1)');
    expect(runError('(index-of u"a" "a")', { version: 1 }).args[0]).toBe('(string-utf8 1)');
    expect(runError('(index-of "a" u"a")', { version: 1 }).args[0]).toBe('(string-ascii 1)');
  });
  it('index-of? is the Clarity 2 name of the same function', () => {
    expectValue('(index-of? (list 1 2 3) 3)', '(some u2)');
    expectValue('(index-of? (list) 3)', 'none');
    expectValue('(index-of? 0x 0x00)', 'none');
  });
  it('counts code points in string-utf8 and finds multi-byte characters', () => {
    expectValue('(index-of? u"a\\u{1F98A}b\\u{1F98A}" u"\\u{1F98A}")', '(some u1)');
    expectValue('(index-of? u"\\u{1F98A}\\u{E9}b" u"b")', '(some u2)');
    expectValue('(index-of? u"\\u{1F98A}" u"\\u{1F98A}\\u{1F98A}")', 'none');
  });
  it('compares list items structurally', () => {
    expectValue('(index-of? (list (some 1) none) none)', '(some u1)');
    expectValue('(index-of? (list {a: 1} {a: 2}) {a: 2})', '(some u1)');
  });
});

// `test_element_at`.
describe('reference test_element_at', () => {
  const good: [string, string][] = [
    ['(element-at (list 1 2 3 4 5) u100)', 'none'],
    ['(element-at "abcd" u100)', 'none'],
    ['(element-at 0xfedb u100)', 'none'],
    ['(element-at u"abcd" u100)', 'none'],
    ['(element-at (list 1 2 3 4 5) u0)', '(some 1)'],
    ['(element-at (list 1 2 3 4 5) u1)', '(some 2)'],
    ['(element-at "abcd" u1)', '(some "b")'],
    ['(element-at 0xfedb u1)', '(some 0xdb)'],
    ['(element-at u"abcd" u1)', '(some u"b")'],
  ];
  for (const [src, expected] of good) it(src, () => expectValue(src, expected, { version: 1 }));
  it('rejects a non-sequence and a signed index', () => {
    expectRuntimeError('(element-at 3 u1)', 'Unreachable', { version: 1 });
    expect(runError('(element-at (list 1 2 3) 1)', { version: 1 }).code).toBe('TypeValueError');
  });
  it('returns none for any index out of range, up to u128::MAX', () => {
    expectValue('(element-at? (list 1) u1)', 'none');
    expectValue('(element-at? (list) u0)', 'none');
    expectValue('(element-at? "" u0)', 'none');
    expectValue(`(element-at? 0x01 u${(1n << 64n) - 1n})`, 'none');
    expectValue(`(element-at? 0x01 u${1n << 64n})`, 'none');
    expectValue('(element-at? 0x01 u340282366920938463463374607431768211455)', 'none');
  });
  it('indexes string-utf8 by code point', () => {
    expectValue('(element-at? u"hello \\u{1F98A}" u6)', '(some u"\\u{1F98A}")');
    expectValue('(element-at? u"\\u{1F98A}x" u1)', '(some u"x")');
    expectValue('(element-at? u"\\u{1F98A}" u1)', 'none');
  });
});

describe('len', () => {
  // `test_native_len`, `test_buff_len`, `test_string_*_get_len`.
  it('reference cases', () => {
    expectValue('(len (list 1 2 3 4))', 'u4');
    expectValue('(len "blockstack")', 'u10');
    expectValue('(len 0x)', 'u0');
  });
  it('counts code points of string-utf8', () => {
    expectValue('(len u"ab\\u{1F98A}\\u{E9}")', 'u4');
    expectValue('(len u"")', 'u0');
    expectValue('(len (list))', 'u0');
  });
  it('rejects a non-sequence', () => expectRuntimeError('(len 1)', 'Unreachable'));
});

// `test_slice_list`, `test_slice_buff`, `test_slice_ascii`, `test_slice_utf8`, `test_slice_type_errors`.
describe('reference slice?', () => {
  const cases: [string, string][] = [
    ['(slice? (list 2 3 4 5 6 7 8) u0 u3)', '(some (list 2 3 4))'],
    ['(slice? (list u0 u1 u2 u3 u4) u3 u2)', 'none'],
    ['(slice? (list 2 3 4 5 6 7 8) u0 u0)', '(some (list))'],
    ['(slice? (list u2 u3 u4 u5 u6 u7 u8) u3 u5)', '(some (list u5 u6))'],
    ['(slice? (list u2 u3 u4 u5 u6 u7 u8) u1 u11)', 'none'],
    ['(slice? 0x000102030405 u0 u3)', '(some 0x000102)'],
    ['(slice? 0x000102030405 u3 u3)', '(some 0x)'],
    ['(slice? 0x000102030405 u3 u6)', '(some 0x030405)'],
    ['(slice? 0x000102030405 u3 u10)', 'none'],
    ['(slice? 0x000102030405 u10 u3)', 'none'],
    ['(slice? 0x u2 u3)', 'none'],
    ['(slice? "blockstack" u0 u5)', '(some "block")'],
    ['(slice? "blockstack" u5 u10)', '(some "stack")'],
    ['(slice? "blockstack" u5 u5)', '(some "")'],
    ['(slice? "blockstack" u5 u0)', 'none'],
    ['(slice? "blockstack" u11 u3)', 'none'],
    ['(slice? "" u0 u3)', 'none'],
    ['(slice? u"hello \\u{1F98A}" u0 u5)', '(some u"hello")'],
    ['(slice? u"hello \\u{1F98A}" u6 u7)', '(some u"\\u{1F98A}")'],
    ['(slice? u"hello \\u{1F98A}" u6 u6)', '(some u"")'],
    ['(slice? u"hello \\u{1F98A}" u11 u4)', 'none'],
    ['(slice? u"" u0 u3)', 'none'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));
  it('type errors are Unreachable("Bad type construction")', () => {
    for (const src of ['(slice? 3 u0 u1)', '(slice? (list 1 2 3) 0 u1)', '(slice? (list 1 2 3) u0 1)']) {
      expect(runError(src).args[0]).toBe('Bad type construction');
    }
  });
  it('edges: any slice of an empty sequence is none, the left end must be inside', () => {
    expectValue('(slice? "" u0 u0)', 'none');
    expectValue('(slice? (list) u0 u0)', 'none');
    expectValue('(slice? "abc" u3 u3)', 'none');
    expectValue('(slice? "abc" u2 u3)', '(some "c")');
    expectValue('(slice? "abc" u0 u4294967296)', 'none');
    expectValue('(slice? "abc" u4294967296 u0)', 'none');
  });
  it('rebuilds a sliced list from its items', () => {
    expect(typeOf('(unwrap-panic (slice? (list 0x01 0x0203 0x04) u2 u3))')).toBe('(list 1 (buff 1))');
  });
});

// `test_simple_list_replace_at`, `test_simple_buff_replace_at`, `..._string_ascii_...`, `..._string_utf8_...`.
describe('reference replace-at?', () => {
  const cases: [string, string][] = [
    ['(replace-at? (list 1 2) u1 4)', '(some (list 1 4))'],
    ['(replace-at? (list 1) u0 10)', '(some (list 10))'],
    ['(replace-at? (list 1 9 0 5) u3 6)', '(some (list 1 9 0 6))'],
    ['(replace-at? (list 4 5 6 7 8) u2 11)', '(some (list 4 5 11 7 8))'],
    ['(replace-at? (list (list 1) (list 2)) u0 (list 33))', '(some (list (list 33) (list 2)))'],
    ['(replace-at? (list (list 1 2) (list 3 4)) u0 (list 0))', '(some (list (list 0) (list 3 4)))'],
    ['(replace-at? (list (list 1 2 3)) u0 (list 0))', '(some (list (list 0)))'],
    ['(replace-at? (list 1 2) u3 4)', 'none'],
    ['(replace-at? (list) u0 6)', 'none'],
    ['(replace-at? 0x3031 u1 0x44)', '(some 0x3044)'],
    ['(replace-at? 0x00 u0 0x11)', '(some 0x11)'],
    ['(replace-at? 0x00112233 u3 0x44)', '(some 0x00112244)'],
    ['(replace-at? 0x00112233 u1 0x44)', '(some 0x00442233)'],
    ['(replace-at? 0x0022 u3 0x44)', 'none'],
    ['(replace-at? 0x u0 0x11)', 'none'],
    ['(replace-at? "ab" u1 "c")', '(some "ac")'],
    ['(replace-at? "a" u0 "c")', '(some "c")'],
    ['(replace-at? "abcd" u3 "e")', '(some "abce")'],
    ['(replace-at? "abcd" u1 "e")', '(some "aecd")'],
    ['(replace-at? "ab" u3 "c")', 'none'],
    ['(replace-at? "" u0 "a")', 'none'],
    ['(replace-at? u"ab" u1 u"c")', '(some u"ac")'],
    ['(replace-at? u"a" u0 u"c")', '(some u"c")'],
    ['(replace-at? u"abcd" u3 u"e")', '(some u"abce")'],
    ['(replace-at? u"abcd" u1 u"e")', '(some u"aecd")'],
    ['(replace-at? u"hello\\u{1F98A}" u5 u"e")', '(some u"helloe")'],
    ['(replace-at? u"hello\\u{1F98A}" u2 u"e")', '(some u"heelo\\u{1F98A}")'],
    ['(replace-at? u"ab" u3 u"c")', 'none'],
    ['(replace-at? u"" u0 u"a")', 'none'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));
  it('rejects the reference bad inputs', () => {
    expectRuntimeError('(replace-at? 0 u0 (list 0))', 'Unreachable');
    expectRuntimeError('(replace-at? (list 1) 0 0)', 'TypeValueError');
    expect(runError('(replace-at? (list 2 3) u0 true)').args[0]).toBe('int');
    expect(runError('(replace-at? (list 2 3) u0 0x00)').args[0]).toBe('int');
    expect(runError('(replace-at? 0x445522 u0 55)').args[0]).toBe('(buff 1)');
    expect(runError('(replace-at? 0x445522 u0 (list 5))').args[0]).toBe('(buff 1)');
    expect(runError('(replace-at? 0x445522 u0 0x0044)').args[0]).toBe('(buff 1)');
    expect(runError('(replace-at? "abc" u0 55)').args[0]).toBe('(string-ascii 1)');
    expect(runError('(replace-at? "abc" u0 "de")').args[0]).toBe('(string-ascii 1)');
    expect(runError('(replace-at? u"abc" u0 0x00)').args[0]).toBe('(string-utf8 1)');
    expectRuntimeError('(replace-at? 33 u0 "c")', 'Unreachable');
  });
  it('checks the element before the index', () => {
    expectRuntimeError('(replace-at? (list 1) 0 true)', 'TypeValueError');
    expect(runError('(replace-at? (list 1) 0 true)').args[0]).toBe('int');
  });
  it('an empty element fits (buff 1) but is a runtime error once the index is in range', () => {
    expectRuntimeError('(replace-at? 0x0011 u0 0x)', 'Unreachable');
    expectRuntimeError('(replace-at? "ab" u1 "")', 'Unreachable');
    expectValue('(replace-at? 0x0011 u2 0x)', 'none');
  });
  it('keeps the list type, so a smaller element does not shrink it', () => {
    expect(typeOf('(unwrap-panic (replace-at? (list 0x0102 0x03) u0 0x05))')).toBe('(list 2 (buff 2))');
    expectValue(`(replace-at? (list 1) u${1n << 64n} 2)`, 'none');
  });
});

// `test_concat_append_supertype`, `test_simple_list_concat`, `test_simple_buff_concat`,
// `test_string_ascii_concat`, `test_string_utf8_concat`, `test_simple_map_append`.
describe('concat and append', () => {
  it('reference supertype cases', () => {
    expectValue('(concat (list) (list 4 5))', '(list 4 5)');
    expectValue(
      '(concat (list (list 2) (list) (list 4 5)) (list (list) (list) (list 7 8 9)))',
      '(list (list 2) (list) (list 4 5) (list) (list) (list 7 8 9))',
    );
    expectValue('(append (list) 1)', '(list 1)');
    expectValue('(append (list (list 3 4) (list)) (list 4 5 7))', '(list (list 3 4) (list) (list 4 5 7))');
  });
  it('concatenates every kind', () => {
    expectValue('(concat (list 1 2) (list 4 8))', '(list 1 2 4 8)');
    expectValue('(concat 0x303132 0x333435)', '0x303132333435');
    expectValue('(concat "block" "stack")', '"blockstack"');
    expectValue('(concat u"block" u"\\u{1F98A}")', 'u"block\\u{1F98A}"');
    expectValue('(concat 0x 0x)', '0x');
    expectValue('(concat (list) (list))', '(list)');
  });
  it('types the result with the supertype and the sum of the lengths', () => {
    expect(typeOf('(concat (list 0x01) (list 0x0203 0x04))')).toBe('(list 3 (buff 2))');
    expect(typeOf('(concat (list) (list))')).toBe('(list 0 UnknownType)');
    expect(typeOf('(append (list 0x01) 0x020304)')).toBe('(list 2 (buff 3))');
  });
  it('rejects mixed kinds and non-sequences', () => {
    expectRuntimeError('(concat (list 1) 0x01)', 'TypeError');
    expectRuntimeError('(concat "a" u"a")', 'TypeError');
    expectRuntimeError('(concat (list 1) 1)', 'TypeValueError');
    expectRuntimeError('(concat 1 (list 1))', 'Unreachable');
    expectRuntimeError('(concat (list 1) (list u1))', 'TypeError');
    expectRuntimeError('(append 0x01 0x02)', 'Unreachable');
    expectRuntimeError('(append (list 1) u1)', 'TypeError');
  });
  it('sanitizes appended tuples from Epoch 2.4 (extra fields of the second operand are dropped)', () => {
    // The supertype of {a: int} and {a: int, b: int} is {a: int}: the reference keeps only `a`.
    expectValue('(append (list {a: 1}) {a: 2, b: 3})', '(list {a: 1} {a: 2})', { epoch: StacksEpochId.Epoch24 });
    expectValue('(concat (list {a: 1}) (list {a: 2, b: 3}))', '(list {a: 1} {a: 2})', { epoch: StacksEpochId.Epoch25 });
    const before = run('(append (list {a: 1}) {a: 2, b: 3})', { epoch: StacksEpochId.Epoch21 });
    expect(before.type === 'list' && before.value[1]!.type === 'tuple' && Object.keys(before.value[1]!.value)).toEqual(['a', 'b']);
  });
});

// `test_simple_buff_assert_max_len`, `test_simple_list_assert_max_len`, `test_string_*_max_len`.
describe('as-max-len?', () => {
  const cases: [string, string][] = [
    ['(as-max-len? 0x313233 u3)', '(some 0x313233)'],
    ['(as-max-len? 0x313233 u2)', 'none'],
    ['(as-max-len? 0x313233 u5)', '(some 0x313233)'],
    ['(as-max-len? (list 1 2 3) u3)', '(some (list 1 2 3))'],
    ['(as-max-len? (list 1 2 3) u2)', 'none'],
    ['(as-max-len? (list 1 2 3) u5)', '(some (list 1 2 3))'],
    ['(as-max-len? "hello" u4)', 'none'],
    ['(as-max-len? "hello" u5)', '(some "hello")'],
    ['(as-max-len? u"\\u{1F98A}\\u{1F98A}" u2)', '(some u"\\u{1F98A}\\u{1F98A}")'],
    ['(as-max-len? u"\\u{1F98A}\\u{1F98A}" u1)', 'none'],
    ['(as-max-len? (list) u0)', '(some (list))'],
    ['(as-max-len? 0x u0)', '(some 0x)'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));
  it('needs a uint length', () => {
    expectRuntimeError('(as-max-len? 0x01 1)', 'TypeError');
    expectRuntimeError('(as-max-len? 1 u1)', 'Unreachable');
  });
  it('never raises a list type, and lowers it only when the declared length is larger', () => {
    expect(typeOf('(unwrap-panic (as-max-len? (list 1 2) u5))')).toBe('(list 2 int)');
    const declared = '(unwrap-panic (from-consensus-buff? (list 10 int) 0x0b000000010000000000000000000000000000000001))';
    expect(typeOf(declared)).toBe('(list 10 int)');
    expect(typeOf(`(unwrap-panic (as-max-len? ${declared} u4))`)).toBe('(list 4 int)');
  });
});

// `test_construct_bad_list` and list construction.
describe('list', () => {
  it('builds lists typed by the supertype of their items', () => {
    expectValue('(list 1 2 3)', '(list 1 2 3)');
    expect(typeOf('(list 0x01 0x0203)')).toBe('(list 2 (buff 2))');
    expect(typeOf('(list none (some 1))')).toBe('(list 2 (optional int))');
    expect(typeOf('(list (ok 1) (err u2))')).toBe('(list 2 (response int uint))');
    expect(typeOf('(list)')).toBe('(list 0 UnknownType)');
    expect(typeOf('(list (list) (list 1 2))')).toBe('(list 2 (list 2 int))');
  });
  it('reference bad lists are TypeError', () => {
    expectRuntimeError('(list 1 2 3 true)', 'TypeError');
    expectRuntimeError('(list (list 1 2 3) (list true false true))', 'TypeError');
    expectRuntimeError('(list (list 1 2 3) (list (list 1 2 3)))', 'TypeError');
  });
  it('tuple items: the first item decides which fields survive (Epoch 2.4 sanitization)', () => {
    expectValue('(list {a: 1} {a: 2, b: 3})', '(list {a: 1} {a: 2})', { epoch: StacksEpochId.Epoch24 });
    expectRuntimeError('(list {a: 1, b: 3} {a: 2})', 'TypeError');
    const before = run('(list {a: 1} {a: 2, b: 3})', { epoch: StacksEpochId.Epoch23 });
    expect(before.type === 'list' && Object.keys((before.value[1] as { value: object }).value)).toEqual(['a', 'b']);
  });
  it('rejects a list whose type is too large for a value', () => {
    const big = `0x${'00'.repeat(600_000)}`;
    expectRuntimeError(`(list ${big} ${big})`, 'ValueTooLarge');
  });
  it('consList keeps items unchanged when no sanitization applies', () => {
    const items: ClarityValue[] = [{ type: 'int', value: 1n }];
    const l = consList(items, StacksEpochId.Epoch33);
    expect(l.value[0]).toBe(items[0]);
  });
});

describe('helpers for map, filter and fold', () => {
  it('sequenceElements and sequenceLength split by element', () => {
    const s = run('u"a\\u{1F98A}"');
    expect(s.type === 'string-utf8' && sequenceLength(s)).toBe(2);
    expect(s.type === 'string-utf8' && sequenceElements(s).map((e) => e.value)).toEqual(['a', '\u{1F98A}']);
    const b = run('0x0102');
    expect(b.type === 'buffer' && sequenceElements(b).map((e) => (e.value as Uint8Array)[0])).toEqual([1, 2]);
  });
  it('retainedSequence keeps a list type and rebuilds strings and buffers', () => {
    const l = run('(list 0x01 0x0203 0x04)');
    if (l.type !== 'list') throw new Error('list');
    const kept = retainedSequence(l, [l.value[0]!]);
    expect(typeSignatureToString(typeOfValue(kept))).toBe('(list 3 (buff 2))');
    const u = run('u"a\\u{1F98A}b"');
    if (u.type !== 'string-utf8') throw new Error('utf8');
    const elements = sequenceElements(u);
    expect(retainedSequence(u, [elements[1]!, elements[2]!])).toEqual({ type: 'string-utf8', value: '\u{1F98A}b' });
    expect(typeOfValue(retainedSequence(u, []))).toEqual(ClarityType.stringUtf8(0));
  });
});
