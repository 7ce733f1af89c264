import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ClarityValue } from '@stacks-ts/codec';
import { StacksEpochId } from '@stacks-ts/common';
import {
  I128_MAX,
  I128_MIN,
  U128_MAX,
  add,
  bitNot,
  bitXor,
  divide,
  modulo,
  multiply,
  sqrti,
  subtract,
} from '../../../src/natives/arithmetic.ts';
import { expectRuntimeError, expectValue, run, runError } from './harness.ts';

const MAX = I128_MAX.toString();
const MIN = I128_MIN.toString();
const UMAX = `u${U128_MAX}`;

// clarity/src/vm/tests/simple_apply_eval.rs `test_simple_arithmetic_functions`.
describe('reference test_simple_arithmetic_functions', () => {
  const cases: [string, string][] = [
    ['(* 52314 414)', '21657996'],
    ['(/ 52314 414)', '126'],
    ['(* 2 3 4 5)', '120'],
    ['(/ 10 13)', '0'],
    ['(mod 51 2)', '1'],
    ['(- 5 4 1)', '0'],
    ['(+ 5 4 1)', '10'],
    ['(is-eq (* 2 3) (+ 2 2 2))', 'true'],
    ['(> 1 2)', 'false'],
    ['(< 1 2)', 'true'],
    ['(<= 1 1)', 'true'],
    ['(>= 2 1)', 'true'],
    ['(>= 1 1)', 'true'],
    ['(pow 2 16)', '65536'],
    ['(pow 2 32)', '4294967296'],
    ['(pow 0 0)', '1'],
    [`(pow ${MAX} 1)`, MAX],
    [`(pow ${UMAX} u1)`, UMAX],
    [`(pow 0 ${MAX})`, '0'],
    [`(pow u1 ${UMAX})`, 'u1'],
    ['(sqrti u81)', 'u9'],
    ['(sqrti u80)', 'u8'],
    ['(sqrti 81)', '9'],
    ['(sqrti 80)', '8'],
    [`(sqrti ${MAX})`, '13043817825332782212'],
    [`(sqrti ${UMAX})`, 'u18446744073709551615'],
    ['(log2 u8)', 'u3'],
    ['(log2 u9)', 'u3'],
    ['(log2 8)', '3'],
    ['(log2 9)', '3'],
    [`(log2 ${MAX})`, '126'],
    [`(log2 ${UMAX})`, 'u127'],
    ['(+ (pow u2 u127) (- (pow u2 u127) u1))', UMAX],
    ['(+ (to-uint 127) u10)', 'u137'],
    ['(to-int (- (pow u2 u127) u1))', MAX],
    ['(- (pow 2 32))', '-4294967296'],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));
});

// `test_simple_arithmetic_errors` (the runtime errors; arity errors are checked in registry tests).
describe('reference test_simple_arithmetic_errors', () => {
  const cases: [string, string, string][] = [
    ['(>= 1)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(+ 1 true)', 'RuntimeCheck', 'TypeValueError'],
    ['(/ 10 0)', 'Runtime', 'DivisionByZero'],
    ['(mod 10 0)', 'Runtime', 'DivisionByZero'],
    ['(pow 2 128)', 'Runtime', 'ArithmeticOverflow'],
    ['(* 10 (pow 2 126))', 'Runtime', 'ArithmeticOverflow'],
    ['(+ (pow 2 126) (pow 2 126))', 'Runtime', 'ArithmeticOverflow'],
    ['(- 0 (pow 2 126) (pow 2 126) 1)', 'Runtime', 'ArithmeticUnderflow'],
    ['(-)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(/)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(mod 1)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(pow 1)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(sqrti)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(sqrti 256 16)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(sqrti -1)', 'Runtime', 'Arithmetic'],
    ['(log2)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(log2 8 9)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(log2 -8)', 'Runtime', 'Arithmetic'],
    ['(xor 1)', 'RuntimeCheck', 'IncorrectArgumentCount'],
    ['(pow 2 (pow 2 32))', 'Runtime', 'Arithmetic'],
    ['(pow 2 (- 1))', 'Runtime', 'Arithmetic'],
    ['(is-eq (some 1) (some true))', 'RuntimeCheck', 'TypeError'],
  ];
  for (const [src, group, code] of cases) it(src, () => expectRuntimeError(src, code, {}, group));

  it('carries the reference payloads', () => {
    expect(runError('(-)').args).toEqual([1, 0]);
    expect(runError('(sqrti 256 16)').args).toEqual([1, 2]);
    expect(runError('(sqrti -1)').args).toEqual(['sqrti must be passed a positive integer']);
    expect(runError('(log2 -8)').args).toEqual(['log2 must be passed a positive integer']);
    expect(runError('(pow 2 (- 1))').args).toEqual(['Power argument to (pow ...) must be a u32 integer']);
  });
});

// `test_unsigned_arithmetic`.
describe('reference test_unsigned_arithmetic', () => {
  it('(- u10) underflows', () => expectRuntimeError('(- u10)', 'ArithmeticUnderflow'));
  it('(- u10 u11) underflows', () => expectRuntimeError('(- u10 u11)', 'ArithmeticUnderflow'));
  it('(> u10 80) is a union type error', () => expectRuntimeError('(> u10 80)', 'UnionTypeValueError', { version: 1 }));
  it('(+ u10 80) is a type error', () => expectRuntimeError('(+ u10 80)', 'TypeValueError'));
  it('(to-uint -10) underflows', () => expectRuntimeError('(to-uint -10)', 'ArithmeticUnderflow'));
  it('(to-int (pow u2 u127)) overflows', () => expectRuntimeError('(to-int (pow u2 u127))', 'ArithmeticOverflow'));
});

describe('integer bounds', () => {
  it('adds up to exactly i128::MAX and overflows one past it', () => {
    expectValue(`(+ ${I128_MAX - 1n} 1)`, MAX);
    expectRuntimeError(`(+ ${MAX} 1)`, 'ArithmeticOverflow');
  });
  it('reports overflow (not underflow) when an addition goes below i128::MIN', () => {
    expectRuntimeError(`(+ ${MIN} -1)`, 'ArithmeticOverflow');
    expectValue(`(+ ${MIN} 0)`, MIN);
  });
  it('reports underflow (not overflow) when a subtraction goes above i128::MAX', () => {
    expectRuntimeError(`(- ${MAX} -1)`, 'ArithmeticUnderflow');
    expectValue(`(- ${MIN} 0)`, MIN);
    expectValue(`(- -1 ${MAX})`, MIN);
  });
  it('adds uints up to u128::MAX', () => {
    expectValue(`(+ ${UMAX} u0)`, UMAX);
    expectRuntimeError(`(+ ${UMAX} u1)`, 'ArithmeticOverflow');
    expectRuntimeError(`(+ u1 ${UMAX})`, 'ArithmeticOverflow');
  });
  it('negates', () => {
    expectValue(`(- ${MAX})`, `-${MAX}`);
    expectRuntimeError(`(- ${MIN})`, 'ArithmeticUnderflow');
    expectValue('(- u0)', 'u0');
    expectRuntimeError('(- u1)', 'ArithmeticUnderflow');
  });
  it('multiplies to the boundary', () => {
    expectValue(`(* ${-(1n << 126n)} 2)`, MIN);
    expectRuntimeError(`(* ${1n << 126n} 2)`, 'ArithmeticOverflow');
    expectRuntimeError(`(* ${MIN} -1)`, 'ArithmeticOverflow');
    expectValue(`(* u1 ${UMAX})`, UMAX);
    expectRuntimeError(`(* u2 ${UMAX})`, 'ArithmeticOverflow');
    expectValue('(* 0 5)', '0');
  });
  it('divides truncating toward zero, and i128::MIN / -1 is DivisionByZero (checked_div)', () => {
    expectValue('(/ -7 2)', '-3');
    expectValue('(/ 7 -2)', '-3');
    expectValue(`(/ ${MIN} 1)`, MIN);
    expectRuntimeError(`(/ ${MIN} -1)`, 'DivisionByZero');
    expectRuntimeError('(/ u5 u0)', 'DivisionByZero');
    expectRuntimeError('(/ 100 2 0)', 'DivisionByZero');
    expectValue('(/ 100 2 5)', '10');
    expectValue('(/ 5)', '5');
  });
  it('takes remainders with the sign of the dividend', () => {
    expectValue('(mod -7 2)', '-1');
    expectValue('(mod 7 -2)', '1');
    expectValue('(mod u7 u2)', 'u1');
    expectRuntimeError(`(mod ${MIN} -1)`, 'DivisionByZero');
    expectValue(`(mod ${MIN} 1)`, '0');
  });
  it('raises powers to the exact boundary', () => {
    expectValue('(pow -2 127)', MIN);
    expectRuntimeError('(pow 2 127)', 'ArithmeticOverflow');
    expectValue('(pow u2 u127)', `u${1n << 127n}`);
    expectRuntimeError('(pow u2 u128)', 'ArithmeticOverflow');
    expectValue('(pow -1 4294967295)', '-1');
    expectValue('(pow -1 4294967294)', '1');
    expectRuntimeError('(pow -1 4294967296)', 'Arithmetic');
    expectValue('(pow 1 -5)', '1');
    expectValue('(pow 0 -5)', '0');
    expectValue('(pow 7 1)', '7');
    expectValue('(pow -3 3)', '-27');
    expectValue('(pow 3 0)', '1');
    expectRuntimeError('(pow 3 -1)', 'Arithmetic');
    expectRuntimeError('(pow u3 u4294967296)', 'Arithmetic');
    expectRuntimeError('(pow 3 4294967295)', 'ArithmeticOverflow');
  });
  it('takes square roots and logarithms', () => {
    expectValue('(sqrti 0)', '0');
    expectValue('(sqrti u1)', 'u1');
    expectValue('(sqrti 15)', '3');
    expectValue('(sqrti 16)', '4');
    expectValue(`(sqrti ${1n << 126n})`, `${1n << 63n}`);
    expectValue('(log2 1)', '0');
    expectValue('(log2 u1)', 'u0');
    expectRuntimeError('(log2 0)', 'Arithmetic');
    expectRuntimeError('(log2 u0)', 'Arithmetic');
  });
  it('converts between int and uint at the boundaries', () => {
    expectValue(`(to-int u${I128_MAX})`, MAX);
    expectRuntimeError(`(to-int u${1n << 127n})`, 'ArithmeticOverflow');
    expectValue('(to-uint 0)', 'u0');
    expectValue(`(to-uint ${MAX})`, `u${I128_MAX}`);
    expectRuntimeError('(to-int 1)', 'TypeValueError');
    expectRuntimeError('(to-uint u1)', 'TypeValueError');
  });
  it('rejects mixed operand types with the first operand deciding', () => {
    expectRuntimeError('(+ 1 u1)', 'TypeValueError');
    expectRuntimeError('(+ true 1)', 'UnionTypeValueError');
    expectRuntimeError('(mod 1 u1)', 'UnionTypeValueError');
    expectRuntimeError('(pow u1 1)', 'UnionTypeValueError');
    expectRuntimeError('(sqrti "a")', 'UnionTypeValueError');
  });
});

// `test_bitwise` (Clarity 2).
describe('reference test_bitwise', () => {
  const cases: [string, string][] = [
    ['(bit-and 24 16)', '16'],
    ['(bit-and u24 u16)', 'u16'],
    ['(bit-xor 24 4)', '28'],
    ['(bit-xor u24 u4)', 'u28'],
    ['(bit-or 128 16)', '144'],
    ['(bit-or u128 u16)', 'u144'],
    ['(bit-not 128)', '-129'],
    ['(bit-not u128)', 'u340282366920938463463374607431768211327'],
    ['(bit-not u340282366920938463463374607431768211327)', 'u128'],
    ['(bit-shift-right u128 u2)', 'u32'],
    ['(bit-shift-left u4 u2)', 'u16'],
    ['(bit-and -128 -64)', '-128'],
    ['(bit-or -64 -32)', '-32'],
    ['(bit-xor -128 64)', '-64'],
    ['(bit-not -128)', '127'],
    ['(bit-shift-right -64 u1)', '-32'],
    ['(bit-shift-left -64 u1)', '-128'],
    ['(bit-shift-right 32 u2)', '8'],
    ['(bit-shift-left 4 u4)', '64'],
    ['(bit-or 1 2 4)', '7'],
    ['(bit-or 64 -32 -16)', '-16'],
    ['(bit-or u2 u4 u32)', 'u38'],
    ['(bit-and 28 24 -1)', '24'],
    ['(bit-xor 1 2 4 -1)', '-8'],
    ['(bit-shift-right u123 u9999999999)', 'u0'],
    ['(bit-shift-left u123 u9999999999)', `u${1n << 127n}`],
    ['(bit-shift-right u240282366920938463463374607431768211327 u2402823)', 'u1877205991569831745807614120560689150'],
    ['(bit-shift-left u240282366920938463463374607431768211327 u2402823)', 'u130729942995661611608235082407192018816'],
    ['(bit-shift-left u340282366920938463463374607431768211455 u1)', `u${U128_MAX - 1n}`],
    ['(bit-shift-left -1 u7)', '-128'],
    ['(bit-shift-left -1 u128)', '-1'],
    ['(bit-shift-right -128 u7)', '-1'],
    ['(bit-shift-right -256 u1)', '-128'],
    ['(bit-shift-right 5 u2)', '1'],
    ['(bit-shift-right -5 u2)', '-2'],
    ['(bit-shift-left 123 u9999999999)', MIN],
    ['(bit-shift-right 123 u9999999999)', '0'],
    ['(bit-shift-left -64 u121)', MIN],
  ];
  for (const [src, expected] of cases) it(src, () => expectValue(src, expected));

  it('xor (Clarity 1) on both integer types', () => {
    expectValue('(xor 1 2)', '3', { version: 1 });
    expectValue('(xor u3 u1)', 'u2', { version: 1 });
    expectValue('(xor -1 0)', '-1', { version: 1 });
  });
  it('rejects a non-uint shift amount before looking at the input', () => {
    expectRuntimeError('(bit-shift-left 1 1)', 'TypeValueError');
    expectRuntimeError('(bit-shift-right "a" 1)', 'TypeValueError');
    expectRuntimeError('(bit-shift-right "a" u1)', 'Unreachable');
  });
  it('single-operand variadic bit operations return their operand', () => {
    expectValue('(bit-and -5)', '-5');
    expectValue('(bit-or u5)', 'u5');
    expectValue('(bit-xor 5)', '5');
  });
});

// `test_sequence_comparisons_clarity1`, `_clarity2` and `_mismatched_types`.
describe('reference sequence comparisons', () => {
  it('Clarity 1 compares only integers', () => {
    expectValue('(is-eq "aaa" "aaa")', 'true', { version: 1 });
    expectValue('(is-eq u"aa" u"aaa")', 'false', { version: 1 });
    expectValue('(is-eq 0x0102 0x010203)', 'false', { version: 1 });
    for (const op of ['>', '<', '>=', '<=']) {
      const e = expectRuntimeError(`(${op} "baa" "aaa")`, 'UnionTypeValueError', { version: 1 });
      expect(e.args[0]).toEqual(['int', 'uint']);
    }
  });
  const v2: [string, boolean][] = [
    ['(< 0x0100 0x0100)', false],
    ['(< 0x0101 0x010101)', true],
    ['(< 0x010101 0x0101)', false],
    ['(< "aaa" "aaa")', false],
    ['(< "aa" "aaa")', true],
    ['(< "aaa" "aa")', false],
    ['(< u"aaa" u"aaa")', false],
    ['(< u"aa" u"aaa")', true],
    ['(< u"aaa" u"aa")', false],
    ['(<= 0x0100 0x0100)', true],
    ['(<= 0x0101 0x010101)', true],
    ['(<= 0x010101 0x0101)', false],
    ['(<= "aaa" "aaa")', true],
    ['(<= "aa" "aaa")', true],
    ['(<= "aaa" "aa")', false],
    ['(<= u"aaa" u"aaa")', true],
    ['(<= u"aa" u"aaa")', true],
    ['(<= u"aaa" u"aa")', false],
    ['(> 0x0100 0x0100)', false],
    ['(> 0x0101 0x010101)', false],
    ['(> 0x010101 0x0101)', true],
    ['(> "aaa" "aaa")', false],
    ['(> "aa" "aaa")', false],
    ['(> "aaa" "aa")', true],
    ['(> u"aaa" u"aaa")', false],
    ['(> u"aa" u"aaa")', false],
    ['(> u"aaa" u"aa")', true],
    ['(>= 0x0100 0x0100)', true],
    ['(>= 0x0101 0x010101)', false],
    ['(>= 0x010101 0x0101)', true],
    ['(>= "aaa" "aaa")', true],
    ['(>= "aa" "aaa")', false],
    ['(>= "aaa" "aa")', true],
    ['(>= u"aaa" u"aaa")', true],
    ['(>= u"aa" u"aaa")', false],
    ['(>= u"aaa" u"aa")', true],
  ];
  for (const [src, expected] of v2) it(`Clarity 2 ${src}`, () => expectValue(src, String(expected)));

  it('mismatched types are union type errors naming the first operand', () => {
    expect(runError('(> 0 u1)', { version: 1 }).args[0]).toEqual(['int', 'uint']);
    expect(runError('(> 0 u1)', { version: 2 }).args[0]).toHaveLength(5);
    expectRuntimeError('(> "baa" u"aaa")', 'UnionTypeValueError');
    expectRuntimeError('(> "baa" 0x0001)', 'UnionTypeValueError');
  });
  it('compares integers across the whole range', () => {
    expectValue(`(< ${MIN} ${MAX})`, 'true');
    expectValue(`(> u0 ${UMAX})`, 'false');
    expectValue('(>= -1 -1)', 'true');
  });
  it('orders string-utf8 by code point, not by UTF-16 unit', () => {
    // U+FF61 is one UTF-16 unit above the surrogates that encode U+1F600, but a smaller code point.
    expectValue('(< u"\\u{FF61}" u"\\u{1F600}")', 'true');
    expectValue('(> u"\\u{1F600}" u"\\u{FF61}")', 'true');
    expectValue('(< u"a\\u{1F600}" u"a\\u{1F600}b")', 'true');
    expectValue('(< u"" u"a")', 'true');
  });
  it('orders buffers and strings bytewise with the empty one first', () => {
    expectValue('(< 0x 0x00)', 'true');
    expectValue('(< 0xff 0xff00)', 'true');
    expectValue('(< "" "a")', 'true');
    expectValue('(< "Z" "a")', 'true');
  });
});

describe('not and is-eq', () => {
  it('not', () => {
    expectValue('(not true)', 'false');
    expectValue('(not false)', 'true');
    expectRuntimeError('(not 1)', 'TypeValueError');
  });
  // `test_some`, `test_buffer_equality`, `test_principal_equality`.
  it('reference equality cases', () => {
    expectValue('(is-eq (some 1) (some 1))', 'true');
    expectValue('(is-eq none none)', 'true');
    expectValue('(is-eq (some 1) none)', 'false');
    expectValue('(is-eq none (some 1))', 'false');
    expectValue('(is-eq (some 1) (some 2))', 'false');
    expectValue('(is-eq "a b c" "a b c")', 'true');
    expectValue('(is-eq "\\" a b d" "\\" a b d")', 'true');
    expectValue('(not (is-eq "\\" a b d" " a b d"))', 'true');
    expectValue(
      "(is-eq 'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR 'SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR)",
      'true',
    );
  });
  it('one argument (or none) is true; comparison stops at the first unequal argument', () => {
    expectValue('(is-eq 1)', 'true');
    expectValue('(is-eq 1 1 1)', 'true');
    expectValue('(is-eq 1 2 true)', 'false');
    expectRuntimeError('(is-eq 1 1 true)', 'TypeError');
    expectRuntimeError('(is-eq 1 u1)', 'TypeError');
  });
  it('compares compound values structurally whatever the declared types', () => {
    expectValue('(is-eq (list 1 2) (list 1 2))', 'true');
    expectValue('(is-eq {a: 1, b: 2} {b: 2, a: 1})', 'true');
    expectValue('(is-eq (ok 1) (err 1))', 'false');
    expectValue('(is-eq (list (ok 1)) (list (err u1)))', 'false');
    expectValue('(is-eq (list) (list))', 'true');
    expectValue('(is-eq 0x 0x)', 'true');
    expectValue('(is-eq (unwrap-panic (as-max-len? (list 1) u5)) (list 1))', 'true');
  });
  it('is the same in every supported epoch', () => {
    for (const epoch of [StacksEpochId.Epoch2_05, StacksEpochId.Epoch21, StacksEpochId.Epoch33]) {
      expect(run('(is-eq (some 1) (some 1))', { version: 1, epoch }).type).toBe('bool');
    }
  });
});

describe('properties against exact bigint arithmetic', () => {
  const i128 = fc.bigInt({ min: I128_MIN, max: I128_MAX });
  const u128 = fc.bigInt({ min: 0n, max: U128_MAX });
  const small = fc.bigInt({ min: -(1n << 70n), max: 1n << 70n });
  const int = (value: bigint): ClarityValue => ({ type: 'int', value });
  const uint = (value: bigint): ClarityValue => ({ type: 'uint', value });
  const inInt = (v: bigint) => v >= I128_MIN && v <= I128_MAX;
  const outcome = (f: () => ClarityValue): string => {
    try {
      const v = f();
      return `ok ${(v as { value: bigint }).value}`;
    } catch (e) {
      return `err ${(e as { code: string }).code}`;
    }
  };
  it('+, - and * are exact or fail at the boundary', () => {
    fc.assert(
      fc.property(fc.oneof(i128, small), fc.oneof(i128, small), (a, b) => {
        expect(outcome(() => add([int(a), int(b)]))).toBe(inInt(a + b) ? `ok ${a + b}` : 'err ArithmeticOverflow');
        expect(outcome(() => subtract([int(a), int(b)]))).toBe(inInt(a - b) ? `ok ${a - b}` : 'err ArithmeticUnderflow');
        expect(outcome(() => multiply([int(a), int(b)]))).toBe(inInt(a * b) ? `ok ${a * b}` : 'err ArithmeticOverflow');
      }),
      { numRuns: 500 },
    );
  });
  it('/ and mod truncate toward zero and satisfy a = (a / b) * b + (a mod b)', () => {
    fc.assert(
      fc.property(i128, fc.oneof(i128, small), (a, b) => {
        fc.pre(b !== 0n && !(a === I128_MIN && b === -1n));
        const q = (divide([int(a), int(b)]) as { value: bigint }).value;
        const r = (modulo([int(a), int(b)]) as { value: bigint }).value;
        expect(q * b + r).toBe(a);
        expect(r === 0n || (r < 0n) === (a < 0n)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('uint operations stay in u128', () => {
    fc.assert(
      fc.property(u128, u128, (a, b) => {
        expect(outcome(() => add([uint(a), uint(b)]))).toBe(a + b <= U128_MAX ? `ok ${a + b}` : 'err ArithmeticOverflow');
        expect(outcome(() => subtract([uint(a), uint(b)]))).toBe(a >= b ? `ok ${a - b}` : 'err ArithmeticUnderflow');
        expect((bitXor([uint(a), uint(b)]) as { value: bigint }).value).toBe(a ^ b);
        expect((bitNot([uint(a)]) as { value: bigint }).value).toBe(U128_MAX - a);
      }),
      { numRuns: 300 },
    );
  });
  it('sqrti is the floor square root', () => {
    fc.assert(
      fc.property(u128, (n) => {
        const r = (sqrti([uint(n)]) as { value: bigint }).value;
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
