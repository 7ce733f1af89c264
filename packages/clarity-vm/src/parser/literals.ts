/**
 * Checks and conversions both parsers share when they turn literal text into values: integers,
 * ASCII strings, buffers and standard principals (`Value::string_ascii_from_bytes`,
 * `Value::buff_from`, `PrincipalData::parse_standard_principal`).
 */
import { c32addressDecode, isValidClarityName, isValidContractName } from '@stacks-ts/codec';
import type { StandardPrincipal } from '@stacks-ts/codec';
import { hexToBytes } from '@stacks-ts/common';
import { MAX_LITERAL_BYTES } from './limits.ts';

const I128_MIN = -(1n << 127n);
const I128_MAX = (1n << 127n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** `str::parse::<i128>` on `-?[0-9]+` text; undefined when out of range. */
export function parseI128(text: string): bigint | undefined {
  if (!/^-?[0-9]+$/.test(text)) return undefined;
  const v = BigInt(text);
  return v < I128_MIN || v > I128_MAX ? undefined : v;
}

/** `str::parse::<u128>` on `[0-9]+` text; undefined when out of range. */
export function parseU128(text: string): bigint | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const v = BigInt(text);
  return v > U128_MAX ? undefined : v;
}

/**
 * True when `s` may be a string-ascii value (`Value::string_ascii_from_bytes`): at most
 * `MAX_VALUE_SIZE` bytes, each an ASCII letter, digit, punctuation or whitespace (space, `\t`,
 * `\n`, `\f`, `\r`). So `\0` and other control characters are rejected.
 */
export function isValidAsciiLiteral(s: string): boolean {
  if (s.length > MAX_LITERAL_BYTES) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const printable = c >= 0x21 && c <= 0x7e; // alphanumeric or punctuation
    const whitespace = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
    if (!printable && !whitespace) return false;
  }
  return true;
}

/** The bytes of an even-length hex string (`hex_bytes`), undefined if it is not one. */
export function decodeHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  return hexToBytes(hex);
}

/** True when a buffer of `length` bytes may be a value (`BufferLength::try_from`). */
export function isValidBufferLength(length: number): boolean {
  return length <= MAX_LITERAL_BYTES;
}

/** `PrincipalData::parse_standard_principal`: the address, or undefined when it does not decode. */
export function parseStandardPrincipal(address: string): StandardPrincipal | undefined {
  try {
    const { version, hash160 } = c32addressDecode(address);
    return { type: 'standard', version, hash160 };
  } catch {
    return undefined;
  }
}

export { isValidClarityName, isValidContractName };
