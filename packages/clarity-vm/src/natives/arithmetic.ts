/**
 * Integer arithmetic, comparisons, bit operations, `not` and `is-eq`
 * (clarity/src/vm/functions/arithmetic.rs, boolean.rs, and `native_eq` in functions/mod.rs).
 * Integers are i128 (`int`) and u128 (`uint`) held in bigints; results are range-checked the way
 * Rust's checked operations are, with the reference's error for each failure.
 */
import { type BoolCV, type ClarityValue, type IntCV, type UIntCV, clarityValueEquals, leastSupertype } from '@stacks-ts/codec';
import { compareBytes } from '@stacks-ts/common';
import { runtimeError } from '../errors.ts';
import {
  expectArgCount,
  incorrectArgumentCount,
  typeConstructionError,
  typeValueError,
  unionTypeValueError,
  unreachable,
} from './check.ts';
import type { NativeContext } from './context.ts';
import { typeOfValue } from './value-types.ts';
import { checkCommonType, sameCallables } from './callable.ts';

/** Smallest `int` (`i128::MIN`). */
export const I128_MIN = -(1n << 127n);
/** Largest `int` (`i128::MAX`). */
export const I128_MAX = (1n << 127n) - 1n;
/** Largest `uint` (`u128::MAX`). */
export const U128_MAX = (1n << 128n) - 1n;
const U32_MAX = 0xffff_ffffn;

const INT_OR_UINT = ['int', 'uint'] as const;
const COMPARABLE_V2 = [
  'int',
  'uint',
  `(string-ascii 1048576)`,
  `(string-utf8 262144)`,
  `(buff 1048576)`,
] as const;

/** A `bool` value. */
export function boolValue(b: boolean): BoolCV {
  return b ? TRUE : FALSE;
}
const TRUE: BoolCV = Object.freeze({ type: 'bool', value: true });
const FALSE: BoolCV = Object.freeze({ type: 'bool', value: false });

function int(value: bigint): IntCV {
  return { type: 'int', value };
}

function uint(value: bigint): UIntCV {
  return { type: 'uint', value };
}

function make(kind: 'int' | 'uint', value: bigint): IntCV | UIntCV {
  return kind === 'int' ? int(value) : uint(value);
}

function inRange(kind: 'int' | 'uint', v: bigint): boolean {
  return kind === 'int' ? v >= I128_MIN && v <= I128_MAX : v >= 0n && v <= U128_MAX;
}

const overflow = () => runtimeError('ArithmeticOverflow');
const underflow = () => runtimeError('ArithmeticUnderflow');
const divisionByZero = () => runtimeError('DivisionByZero');

/**
 * The operands of a variadic integer function (`type_force_variadic_arithmetic!`): all `int` or all
 * `uint`, as the first one decides.
 */
function variadicOperands(args: readonly ClarityValue[]): { kind: 'int' | 'uint'; values: bigint[] } {
  const first = args[0];
  if (first === undefined) throw incorrectArgumentCount(1, 0);
  if (first.type !== 'int' && first.type !== 'uint') throw unionTypeValueError(INT_OR_UINT, first);
  const kind = first.type;
  const values: bigint[] = [];
  for (const a of args) {
    if (a.type !== kind) throw typeValueError(kind, a);
    values.push((a as IntCV | UIntCV).value);
  }
  return { kind, values };
}

/** The operands of a binary integer function (`type_force_binary_arithmetic!`). */
function binaryOperands(a: ClarityValue, b: ClarityValue): { kind: 'int' | 'uint'; x: bigint; y: bigint } {
  if ((a.type === 'int' || a.type === 'uint') && b.type === a.type) {
    return { kind: a.type, x: a.value, y: (b as IntCV | UIntCV).value };
  }
  throw unionTypeValueError(INT_OR_UINT, a);
}

function unaryOperand(a: ClarityValue): { kind: 'int' | 'uint'; x: bigint } {
  if (a.type === 'int' || a.type === 'uint') return { kind: a.type, x: a.value };
  throw unionTypeValueError(INT_OR_UINT, a);
}

/** `(+ a b ...)`: `ArithmeticOverflow` when the sum leaves the type's range, in either direction. */
export function add(args: readonly ClarityValue[]): ClarityValue {
  const { kind, values } = variadicOperands(args);
  let acc = 0n;
  for (const v of values) {
    acc += v;
    if (!inRange(kind, acc)) throw overflow();
  }
  return make(kind, acc);
}

/** `(- a)` negates; `(- a b ...)` subtracts: `ArithmeticUnderflow` when out of range. */
export function subtract(args: readonly ClarityValue[]): ClarityValue {
  const { kind, values } = variadicOperands(args);
  if (values.length === 1) {
    const neg = -values[0]!;
    if (!inRange(kind, neg)) throw underflow();
    return make(kind, neg);
  }
  let acc = values[0]!;
  for (let i = 1; i < values.length; i++) {
    acc -= values[i]!;
    if (!inRange(kind, acc)) throw underflow();
  }
  return make(kind, acc);
}

/** `(* a b ...)`: `ArithmeticOverflow` when out of range. */
export function multiply(args: readonly ClarityValue[]): ClarityValue {
  const { kind, values } = variadicOperands(args);
  let acc = 1n;
  for (const v of values) {
    acc *= v;
    if (!inRange(kind, acc)) throw overflow();
  }
  return make(kind, acc);
}

/**
 * `(/ a b ...)`, truncating toward zero. Division by zero, and also `i128::MIN / -1` (Rust's
 * `checked_div` fails on both), is `DivisionByZero`.
 */
export function divide(args: readonly ClarityValue[]): ClarityValue {
  const { kind, values } = variadicOperands(args);
  let acc = values[0]!;
  for (let i = 1; i < values.length; i++) {
    const d = values[i]!;
    if (d === 0n) throw divisionByZero();
    acc /= d;
    if (!inRange(kind, acc)) throw divisionByZero();
  }
  return make(kind, acc);
}

/** `(mod a b)`: the remainder with the dividend's sign; `DivisionByZero` as for `/`. */
export function modulo(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const { kind, x, y } = binaryOperands(args[0]!, args[1]!);
  if (y === 0n) throw divisionByZero();
  // i128::MIN.checked_rem(-1) is None in Rust, although the remainder would be 0.
  if (kind === 'int' && x === I128_MIN && y === -1n) throw divisionByZero();
  return make(kind, x % y);
}

/**
 * `(pow base power)`. `0^0` and `1^n` are 1 and `0^n` is 0 for any n (even negative); otherwise a
 * power outside u32 is `Arithmetic("Power argument to (pow ...) must be a u32 integer")` and an
 * out-of-range result is `ArithmeticOverflow`.
 */
export function pow(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const { kind, x: base, y: power } = binaryOperands(args[0]!, args[1]!);
  if (base === 0n && power === 0n) return make(kind, 1n);
  if (base === 1n) return make(kind, 1n);
  if (base === 0n) return make(kind, 0n);
  if (power === 1n) return make(kind, base);
  if (power < 0n || power > U32_MAX) {
    throw runtimeError('Arithmetic', 'Power argument to (pow ...) must be a u32 integer', {
      args: ['Power argument to (pow ...) must be a u32 integer'],
    });
  }
  // |base| >= 2 here unless base is -1; 2^129 is out of both ranges, so larger powers overflow.
  if (base !== -1n && power > 128n) throw overflow();
  const result = base ** power;
  if (!inRange(kind, result)) throw overflow();
  return make(kind, result);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** `(sqrti n)`: the integer square root; negative input is an `Arithmetic` error. */
export function sqrti(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const { kind, x } = unaryOperand(args[0]!);
  if (x < 0n) {
    throw runtimeError('Arithmetic', 'sqrti must be passed a positive integer', {
      args: ['sqrti must be passed a positive integer'],
    });
  }
  return make(kind, isqrt(x));
}

/** `(log2 n)`: floor of the base-2 logarithm; `n < 1` is an `Arithmetic` error. */
export function log2(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const { kind, x } = unaryOperand(args[0]!);
  if (x < 1n) {
    throw runtimeError('Arithmetic', 'log2 must be passed a positive integer', {
      args: ['log2 must be passed a positive integer'],
    });
  }
  return make(kind, BigInt(x.toString(2).length - 1));
}

/** `(xor a b)` (Clarity 1's binary xor). */
export function xor(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const { kind, x, y } = binaryOperands(args[0]!, args[1]!);
  return make(kind, x ^ y);
}

/** `(bit-and a b ...)`. */
export function bitAnd(args: readonly ClarityValue[]): ClarityValue {
  const { kind, values } = variadicOperands(args);
  let acc = values[0]!;
  for (let i = 1; i < values.length; i++) acc &= values[i]!;
  return make(kind, acc);
}

/** `(bit-or a b ...)`. */
export function bitOr(args: readonly ClarityValue[]): ClarityValue {
  const { kind, values } = variadicOperands(args);
  let acc = 0n;
  for (const v of values) acc |= v;
  return make(kind, acc);
}

/** `(bit-xor a b ...)`. */
export function bitXor(args: readonly ClarityValue[]): ClarityValue {
  const { kind, values } = variadicOperands(args);
  let acc = 0n;
  for (const v of values) acc ^= v;
  return make(kind, acc);
}

/** `(bit-not a)`: one's complement within the type. */
export function bitNot(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const { kind, x } = unaryOperand(args[0]!);
  return make(kind, kind === 'int' ? ~x : U128_MAX ^ x);
}

function shiftAmount(pos: ClarityValue): bigint {
  if (pos.type !== 'uint') throw typeValueError('uint', pos);
  return pos.value & 0x7fn;
}

function shiftInput(input: ClarityValue): { kind: 'int' | 'uint'; x: bigint } {
  if (input.type === 'int' || input.type === 'uint') return { kind: input.type, x: input.value };
  throw unreachable(`Union type error ${input.type}`);
}

/** `(bit-shift-left a n)`: wrapping shift by `n mod 128` (Rust's `wrapping_shl`). */
export function bitShiftLeft(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const n = shiftAmount(args[1]!);
  const { kind, x } = shiftInput(args[0]!);
  const shifted = x << n;
  return make(kind, kind === 'int' ? BigInt.asIntN(128, shifted) : BigInt.asUintN(128, shifted));
}

/** `(bit-shift-right a n)`: shift by `n mod 128`, arithmetic (sign-extending) for `int`. */
export function bitShiftRight(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const n = shiftAmount(args[1]!);
  const { kind, x } = shiftInput(args[0]!);
  return make(kind, x >> n);
}

/** `(to-int u)`: `ArithmeticOverflow` above `i128::MAX`. */
export function toInt(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const a = args[0]!;
  if (a.type !== 'uint') throw typeValueError('uint', a);
  if (a.value > I128_MAX) throw overflow();
  return int(a.value);
}

/** `(to-uint i)`: `ArithmeticUnderflow` below zero. */
export function toUint(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const a = args[0]!;
  if (a.type !== 'int') throw typeValueError('int', a);
  if (a.value < 0n) throw underflow();
  return uint(a.value);
}

/** Compares two code point sequences (equivalently, their UTF-8 bytes). */
function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareValues(a: ClarityValue, b: ClarityValue, ctx: NativeContext): number {
  if ((a.type === 'int' || a.type === 'uint') && b.type === a.type) {
    const y = (b as IntCV | UIntCV).value;
    return a.value < y ? -1 : a.value > y ? 1 : 0;
  }
  if (ctx.clarityVersion < 2) throw unionTypeValueError(INT_OR_UINT, a);
  if (a.type === 'string-ascii' && b.type === 'string-ascii') {
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  }
  if (a.type === 'string-utf8' && b.type === 'string-utf8') return compareUtf8(a.value, b.value);
  if (a.type === 'buffer' && b.type === 'buffer') return compareBytes(a.value, b.value);
  throw unionTypeValueError(COMPARABLE_V2, a);
}

function comparison(test: (c: number) => boolean) {
  return (args: readonly ClarityValue[], ctx: NativeContext): ClarityValue => {
    expectArgCount(args, 2);
    return boolValue(test(compareValues(args[0]!, args[1]!, ctx)));
  };
}

/** `(< a b)`: integers; from Clarity 2 also two strings of one kind or two buffers. */
export const lessThan = comparison((c) => c < 0);
/** `(<= a b)`. */
export const lessOrEqual = comparison((c) => c <= 0);
/** `(> a b)`. */
export const greaterThan = comparison((c) => c > 0);
/** `(>= a b)`. */
export const greaterOrEqual = comparison((c) => c >= 0);

/** `(not b)`. */
export function not(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const a = args[0]!;
  if (a.type !== 'bool') throw typeValueError('bool', a);
  return boolValue(!a.value);
}

/**
 * `(is-eq a b ...)`: true when every argument equals the first. Fewer than two arguments is true.
 * The arguments' types must have a common supertype up to the first unequal one, else `TypeError`.
 */
export function isEq(args: readonly ClarityValue[]): ClarityValue {
  if (args.length < 2) return TRUE;
  const first = args[0]!;
  let acc = typeOfValue(first);
  for (const x of args) {
    try {
      acc = leastSupertype(typeOfValue(x), acc);
    } catch (e) {
      throw typeConstructionError(e);
    }
    checkCommonType([first, x]);
    if (x !== first && !(clarityValueEquals(x, first) && sameCallables(x, first))) return FALSE;
  }
  return TRUE;
}
