/**
 * Crockford base-32 ("c32"), c32check and `S…` Stacks address strings, with the decoding rules of
 * the reference (`stacks-common/src/address/c32.rs`): case-insensitive, `O`/`o` read as 0 and
 * `L`/`l`/`I`/`i` as 1, leading zero bytes kept as leading `0` characters (and back), ASCII only.
 */
import { concatBytes, equalBytes } from '@stacks-ts/common';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { doubleSha256 } from '../crypto/hashes.ts';

/** The c32 alphabet: digits and upper-case letters without I, L, O and U. */
export const C32_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Digit value of each ASCII code, -1 when the character is not c32. */
const C32_VALUE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < C32_ALPHABET.length; i++) {
    table[C32_ALPHABET.charCodeAt(i)] = i;
    table[C32_ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  for (const [alias, digit] of [
    ['O', 0],
    ['L', 1],
    ['I', 1],
  ] as const) {
    table[alias.charCodeAt(0)] = digit;
    table[alias.toLowerCase().charCodeAt(0)] = digit;
  }
  return table;
})();

function invalid(message: string, meta: Record<string, unknown> = {}): CodecError {
  return new CodecError(CodecErrorCode.InvalidAddress, message, meta);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** c32 encoding of `bytes` read as a big-endian number, one leading `0` per leading zero byte. */
export function c32Encode(bytes: Uint8Array): string {
  const digits: number[] = []; // least significant first
  let acc = 0;
  let bits = 0;
  for (let i = bytes.length - 1; i >= 0; i--) {
    acc |= bytes[i]! << bits;
    bits += 8;
    while (bits >= 5) {
      digits.push(acc & 31);
      acc >>>= 5;
      bits -= 5;
    }
  }
  if (bits > 0) digits.push(acc & 31);
  while (digits.length > 0 && digits[digits.length - 1] === 0) digits.pop();
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) digits.push(0);
  let out = '';
  for (let i = digits.length - 1; i >= 0; i--) out += C32_ALPHABET[digits[i]!];
  return out;
}

/** Digit values of a c32 string, or a `CODEC_INVALID_ADDRESS` error naming the bad character. */
function c32Digits(s: string): number[] {
  const digits = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? C32_VALUE[c]! : -1;
    if (v < 0) throw invalid(`invalid c32 character at index ${i}`, { index: i });
    digits[i] = v;
  }
  return digits;
}

function digitsToBytes(digits: number[]): Uint8Array {
  const out: number[] = []; // least significant first
  let acc = 0;
  let bits = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    acc |= digits[i]! << bits;
    bits += 5;
    if (bits >= 8) {
      out.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out.push(acc);
  while (out.length > 0 && out[out.length - 1] === 0) out.pop();
  for (let i = 0; i < digits.length && digits[i] === 0; i++) out.push(0);
  out.reverse();
  return Uint8Array.from(out);
}

/** Decodes a c32 string (the inverse of `c32Encode`); throws `CODEC_INVALID_ADDRESS` on bad characters. */
export function c32Decode(s: string): Uint8Array {
  if (typeof s !== 'string') throw invalid('c32 input must be a string');
  if (!isAscii(s)) throw invalid('c32 string is not ASCII');
  return digitsToBytes(c32Digits(s));
}

function checkVersion(version: number): void {
  if (!Number.isInteger(version) || version < 0 || version >= 32) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `c32 version must be an integer in 0..31, got ${version}`, {
      version,
    });
  }
}

function checksum(version: number, data: Uint8Array): Uint8Array {
  return doubleSha256(concatBytes(Uint8Array.of(version), data)).subarray(0, 4);
}

/**
 * c32check: the version character, then c32 of `data || checksum` where the checksum is the first
 * 4 bytes of `sha256(sha256(version || data))`. Versions must be 0..31 (`CODEC_INVALID_ARGUMENT`).
 */
export function c32checkEncode(version: number, data: Uint8Array): string {
  checkVersion(version);
  return C32_ALPHABET[version]! + c32Encode(concatBytes(data, checksum(version, data)));
}

/**
 * Decodes a c32check string to its version and data. Follows the reference: ASCII only, at least
 * 2 characters, and at least one data byte besides the 4-byte checksum (so c32check strings of
 * empty data, which `c32checkEncode` can produce, do not decode). Throws `CODEC_INVALID_ADDRESS`.
 */
export function c32checkDecode(s: string): { version: number; data: Uint8Array } {
  if (typeof s !== 'string') throw invalid('c32check input must be a string');
  if (!isAscii(s)) throw invalid('c32check string is not ASCII');
  if (s.length < 2) throw invalid('c32check string is too short');
  const version = c32Digits(s[0]!)[0]!;
  const dataSum = digitsToBytes(c32Digits(s.slice(1)));
  if (dataSum.length < 5) throw invalid('c32check string is too short to hold data and a checksum');
  const data = dataSum.slice(0, dataSum.length - 4);
  const sum = dataSum.subarray(dataSum.length - 4);
  if (!equalBytes(sum, checksum(version, data))) throw invalid('c32check checksum mismatch');
  return { version, data };
}

/** The Stacks address string `'S' + c32check(version, hash160)`; `hash160` must be 20 bytes. */
export function c32addressEncode(version: number, hash160: Uint8Array): string {
  if (!(hash160 instanceof Uint8Array) || hash160.length !== 20) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `address hash must be 20 bytes, got ${hash160?.length}`);
  }
  return `S${c32checkEncode(version, hash160)}`;
}

/** Options of `c32addressDecode`. */
export interface C32AddressDecodeOptions {
  /**
   * Require the first character to be `'S'`, as the JS `c32check` library does. Default `false`:
   * like the reference's `c32_address_decode`, the first character is skipped unchecked, so a
   * Clarity literal `'XP2J…` names the same principal as `'SP2J…`.
   */
  readonly strictPrefix?: boolean;
}

/**
 * Decodes a Stacks address string to its version and 20-byte hash160 (`StacksAddress::from_string`
 * / `PrincipalData::parse_standard_principal`): ASCII, longer than 5 characters, first character
 * skipped (see `strictPrefix`), the rest a valid c32check string holding exactly 20 bytes.
 * Throws `CODEC_INVALID_ADDRESS`.
 */
export function c32addressDecode(
  address: string,
  opts: C32AddressDecodeOptions = {},
): { version: number; hash160: Uint8Array } {
  if (typeof address !== 'string') throw invalid('address must be a string');
  if (!isAscii(address)) throw invalid('address is not ASCII');
  if (address.length <= 5) throw invalid('address is too short', { length: address.length });
  if (opts.strictPrefix && address[0] !== 'S') throw invalid("address must start with 'S'");
  const { version, data } = c32checkDecode(address.slice(1));
  if (data.length !== 20) throw invalid(`address hash must be 20 bytes, got ${data.length}`, { length: data.length });
  return { version, hash160: data };
}

/** True when `address` decodes with `c32addressDecode` (same options). */
export function isValidC32Address(address: string, opts: C32AddressDecodeOptions = {}): boolean {
  try {
    c32addressDecode(address, opts);
    return true;
  } catch {
    return false;
  }
}
