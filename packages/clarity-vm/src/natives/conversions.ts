/**
 * Conversions between integers, strings and buffers, `to-ascii?`, and the consensus serialization
 * functions (clarity/src/vm/functions/conversions.rs).
 */
import {
  type ClarityValue,
  CodecError,
  CodecErrorCode,
  MAX_VALUE_SIZE,
  type TypeSignature,
  admitsType,
  decodeClarityValue,
  encodeClarityValue,
  principalToString,
} from '@stacks-ts/codec';
import { StacksEpochId, bytesToHex } from '@stacks-ts/common';
import { expectArgCount, incorrectArgumentCount, typeValueError, unionTypeValueError, unreachable } from './check.ts';
import { type NativeContext, epochAtLeast, isValueSanitizing } from './context.ts';
import { NONE, WRAPPER_VALUE_SIZE, errValue, okValue, setDeclaredTypes, someValue, typeOfValue } from './value-types.ts';

function bufferToInteger(args: readonly ClarityValue[], signed: boolean, littleEndian: boolean): ClarityValue {
  expectArgCount(args, 1);
  const v = args[0]!;
  if (v.type !== 'buffer' || v.value.length > 16) throw typeValueError('(buff 16)', v);
  // Zero-padded to 16 bytes: on the right for little-endian input, on the left for big-endian.
  let n = 0n;
  const b = v.value;
  if (littleEndian) {
    for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  } else {
    for (let i = 0; i < b.length; i++) n = (n << 8n) | BigInt(b[i]!);
  }
  if (signed) {
    // Only a full 16-byte buffer can set the sign bit: shorter ones are zero-padded to 16 bytes.
    return { type: 'int', value: BigInt.asIntN(128, n) };
  }
  return { type: 'uint', value: n };
}

/** `(buff-to-int-le b)`: up to 16 bytes, little-endian, two's complement over 16 bytes. */
export const buffToIntLe = (args: readonly ClarityValue[]): ClarityValue => bufferToInteger(args, true, true);
/** `(buff-to-uint-le b)`. */
export const buffToUintLe = (args: readonly ClarityValue[]): ClarityValue => bufferToInteger(args, false, true);
/** `(buff-to-int-be b)`. */
export const buffToIntBe = (args: readonly ClarityValue[]): ClarityValue => bufferToInteger(args, true, false);
/** `(buff-to-uint-be b)`. */
export const buffToUintBe = (args: readonly ClarityValue[]): ClarityValue => bufferToInteger(args, false, false);

const I128_MIN = -(1n << 127n);
const I128_MAX = (1n << 127n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/**
 * Rust's `str::parse::<i128>()` / `parse::<u128>()`: an optional `+` (or `-` when signed) then
 * one or more ASCII digits, nothing else, within range.
 */
export function parseRustInteger(s: string, signed: boolean): bigint | null {
  let i = 0;
  let negative = false;
  if (s[0] === '+' || (signed && s[0] === '-')) {
    negative = s[0] === '-';
    i = 1;
  }
  if (i >= s.length) return null;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return null;
  }
  const magnitude = BigInt(s.slice(i));
  const value = negative ? -magnitude : magnitude;
  if (signed ? value < I128_MIN || value > I128_MAX : value > U128_MAX) return null;
  return value;
}

function stringToInteger(args: readonly ClarityValue[], signed: boolean): ClarityValue {
  expectArgCount(args, 1);
  const v = args[0]!;
  if (v.type !== 'string-ascii' && v.type !== 'string-utf8') {
    throw unionTypeValueError(['(string-ascii 1048576)', '(string-utf8 262144)'], v);
  }
  const n = parseRustInteger(v.value, signed);
  if (n === null) return NONE;
  return someValue(signed ? { type: 'int', value: n } : { type: 'uint', value: n });
}

/** `(string-to-int? s)`: `(some n)` for a decimal i128, else `none`. */
export const stringToInt = (args: readonly ClarityValue[]): ClarityValue => stringToInteger(args, true);
/** `(string-to-uint? s)`: `(some u)` for a decimal u128, else `none`. */
export const stringToUint = (args: readonly ClarityValue[]): ClarityValue => stringToInteger(args, false);

function integerDecimal(args: readonly ClarityValue[]): string {
  expectArgCount(args, 1);
  const v = args[0]!;
  if (v.type !== 'int' && v.type !== 'uint') throw unionTypeValueError(['int', 'uint'], v);
  return v.value.toString();
}

/** `(int-to-ascii n)`: the decimal digits of an int or uint (no `u` prefix). */
export function intToAscii(args: readonly ClarityValue[]): ClarityValue {
  return { type: 'string-ascii', value: integerDecimal(args) };
}

/** `(int-to-utf8 n)`. */
export function intToUtf8(args: readonly ClarityValue[]): ClarityValue {
  return { type: 'string-utf8', value: integerDecimal(args) };
}

/** True for the bytes a string-ascii may hold (alphanumeric, punctuation, ASCII whitespace). */
export function isClarityAsciiChar(c: number): boolean {
  return (c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

const TO_ASCII_TYPES = ['int', 'uint', 'bool', 'principal', '(buff 524284)', '(string-utf8 262144)'] as const;

/**
 * `(to-ascii? v)` (Clarity 4): `(ok "...")` with the value's ASCII form (`u` before a uint, `0x`
 * before a buffer's lowercase hex, a principal's address); a string-utf8 converts when all its
 * characters are allowed in string-ascii, else `(err u1)`.
 */
export function toAscii(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const v = args[0]!;
  const ascii = (value: string): ClarityValue => okValue({ type: 'string-ascii', value });
  switch (v.type) {
    case 'int':
      return ascii(v.value.toString());
    case 'uint':
      return ascii(`u${v.value}`);
    case 'bool':
      return ascii(v.value ? 'true' : 'false');
    case 'principal':
      return ascii(principalToString(v.value));
    case 'buffer':
      return ascii(`0x${bytesToHex(v.value)}`);
    case 'string-utf8': {
      for (let i = 0; i < v.value.length; i++) {
        if (!isClarityAsciiChar(v.value.charCodeAt(i))) return errValue({ type: 'uint', value: 1n });
      }
      return ascii(v.value);
    }
    default:
      throw unionTypeValueError(TO_ASCII_TYPES, v);
  }
}

/**
 * `(to-consensus-buff? v)`: `(some bytes)` with the SIP-005 serialization, or `none` when the bytes
 * would not fit in a value (more than `MAX_VALUE_SIZE - 5` bytes).
 */
export function toConsensusBuff(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 1);
  const bytes = encodeClarityValue(args[0]!);
  // `Value::buff_from` then `Value::some`: the buffer's type size (4 + n) plus the wrapper.
  if (bytes.length > MAX_VALUE_SIZE || bytes.length + 4 + WRAPPER_VALUE_SIZE > MAX_VALUE_SIZE) return NONE;
  return someValue({ type: 'buffer', value: bytes });
}

/**
 * `(from-consensus-buff? type bytes)`: `(some v)` when `bytes` are exactly the serialization of a
 * value of `type` (typed and, from Epoch 2.4, sanitizing deserialization), else `none`. A principal
 * with an address version of 32 or more is a runtime error before Epoch 3.4 (the reference's
 * `UnexpectedSerialization`) and `none` from then on.
 */
export function fromConsensusBuff(type: TypeSignature, args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  // The type is the first of the two operands the reference counts.
  if (args.length !== 1) throw incorrectArgumentCount(2, args.length + 1);
  const buff = args[0]!;
  if (buff.type !== 'buffer') throw typeValueError('(buff 1048576)', buff);
  let value: ClarityValue;
  try {
    value = decodeClarityValue(buff.value, { expectedType: type, sanitize: isValueSanitizing(ctx.epoch) });
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    if (e.code === CodecErrorCode.InvalidAddress && !epochAtLeast(ctx.epoch, StacksEpochId.Epoch34)) {
      throw unreachable('UnexpectedSerialization');
    }
    return NONE;
  }
  setDeclaredTypes(value, type);
  if (!admitsType(type, typeOfValue(value))) return NONE;
  return someValue(value);
}
