/**
 * Bitcoin base58 and base58check (`stacks-common/src/address/b58.rs`), and conversion between
 * Bitcoin base58check addresses and Stacks c32 addresses with the version mapping of the
 * `c32check` library (mainnet P2PKH 0 <-> 22, P2SH 5 <-> 20; testnet P2PKH 111 <-> 26, P2SH 196 <-> 21).
 */
import { AddressVersion, concatBytes, equalBytes } from '@stacks-ts/common';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { doubleSha256 } from '../crypto/hashes.ts';
import { c32addressDecode, c32addressEncode } from './c32.ts';

/** The Bitcoin base58 alphabet. */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Longest base58 string the decoders accept (decoding is quadratic; addresses are ~35 characters). */
export const MAX_BASE58_STRING_LENGTH = 1024;

const B58_VALUE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE58_ALPHABET.length; i++) table[BASE58_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function invalid(message: string, meta: Record<string, unknown> = {}): CodecError {
  return new CodecError(CodecErrorCode.InvalidAddress, message, meta);
}

/** Base58 of `bytes` (big-endian number), one leading `1` per leading zero byte. */
export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = []; // base-58 digits, least significant first
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += BASE58_ALPHABET[digits[i]!];
  return out;
}

/** Decodes base58 (leading `1`s become zero bytes); throws `CODEC_INVALID_ADDRESS` on bad input. */
export function base58Decode(s: string): Uint8Array {
  if (typeof s !== 'string') throw invalid('base58 input must be a string');
  if (s.length > MAX_BASE58_STRING_LENGTH) throw invalid('base58 string is too long', { length: s.length });
  let zeros = 0;
  while (zeros < s.length && s[zeros] === '1') zeros++;
  const bytes: number[] = []; // least significant first
  for (let i = zeros; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B58_VALUE[c]! : -1;
    if (v < 0) throw invalid(`invalid base58 character at index ${i}`, { index: i });
    let carry = v;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i]!;
  return out;
}

/** Base58check: base58 of `version || data || first 4 bytes of sha256d(version || data)`. */
export function base58CheckEncode(version: number, data: Uint8Array): string {
  if (!Number.isInteger(version) || version < 0 || version > 255) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `base58check version must be a byte, got ${version}`);
  }
  const payload = concatBytes(Uint8Array.of(version), data);
  return base58Encode(concatBytes(payload, doubleSha256(payload).subarray(0, 4)));
}

/** Decodes base58check to its version byte and data; throws `CODEC_INVALID_ADDRESS` on bad input or checksum. */
export function base58CheckDecode(s: string): { version: number; data: Uint8Array } {
  const raw = base58Decode(s);
  if (raw.length < 5) throw invalid('base58check string is too short for a version and a checksum');
  const payload = raw.subarray(0, raw.length - 4);
  if (!equalBytes(raw.subarray(raw.length - 4), doubleSha256(payload).subarray(0, 4))) {
    throw invalid('base58check checksum mismatch');
  }
  return { version: payload[0]!, data: payload.slice(1) };
}

/** Bitcoin address version bytes of legacy (base58check) addresses. */
export const BitcoinAddressVersion = {
  MainnetP2PKH: 0,
  MainnetP2SH: 5,
  TestnetP2PKH: 111,
  TestnetP2SH: 196,
} as const;

const BTC_TO_STX: ReadonlyMap<number, number> = new Map([
  [BitcoinAddressVersion.MainnetP2PKH, AddressVersion.MainnetSingleSig],
  [BitcoinAddressVersion.MainnetP2SH, AddressVersion.MainnetMultiSig],
  [BitcoinAddressVersion.TestnetP2PKH, AddressVersion.TestnetSingleSig],
  [BitcoinAddressVersion.TestnetP2SH, AddressVersion.TestnetMultiSig],
]);
const STX_TO_BTC: ReadonlyMap<number, number> = new Map([...BTC_TO_STX].map(([btc, stx]) => [stx, btc]));

/**
 * The Stacks address with the same hash160 as a Bitcoin base58check address. The Stacks version
 * is `version` if given, else the mapped equivalent of the Bitcoin version (an unmapped version is
 * kept as is and must be below 32). Throws `CODEC_INVALID_ADDRESS` on a bad address.
 */
export function b58ToC32(b58Address: string, version?: number): string {
  const { version: btcVersion, data } = base58CheckDecode(b58Address);
  if (data.length !== 20) throw invalid(`bitcoin address hash must be 20 bytes, got ${data.length}`);
  const stxVersion = version ?? BTC_TO_STX.get(btcVersion) ?? btcVersion;
  if (version === undefined && stxVersion >= 32) throw invalid(`no Stacks version for bitcoin version ${btcVersion}`);
  return c32addressEncode(stxVersion, data);
}

/**
 * The Bitcoin base58check address with the same hash160 as a Stacks address; the Bitcoin version is
 * `version` if given, else the mapped equivalent of the Stacks version (unmapped ones are kept).
 */
export function c32ToB58(c32Address: string, version?: number): string {
  const { version: stxVersion, hash160 } = c32addressDecode(c32Address);
  return base58CheckEncode(version ?? STX_TO_BTC.get(stxVersion) ?? stxVersion, hash160);
}
