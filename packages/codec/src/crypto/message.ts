/**
 * Off-chain signing used by wallets (not consensus): Stacks signed messages
 * (`sha256(prefix || varint(len) || message)`, as `@stacks/encryption` does) and SIP-018
 * structured data (`sha256("SIP018" || sha256(cv(domain)) || sha256(cv(message)))`).
 * Signatures here are 65-byte RSV (recovery id last), the order Clarity's `secp256k1-recover?`
 * and the wallets use.
 */
import { asciiToBytes, concatBytes, utf8ToBytes } from '@stacks-ts/common';
import { CodecError, CodecErrorCode } from '../errors.ts';
import type { ClarityValue, TupleCV } from '../clarity/types.ts';
import { encodeClarityValue } from '../clarity/codec.ts';
import { sha256 } from './hashes.ts';
import { rsvToVrs, signRecoverable, verifySignature, vrsToRsv } from './secp256k1.ts';

/** The current message prefix: byte 0x17 (its length) and `"Stacks Signed Message:\n"`. */
export const STACKS_MESSAGE_PREFIX = '\x17Stacks Signed Message:\n';
/** The legacy prefix, still accepted by verifiers: byte 0x18 and `"Stacks Message Signing:\n"`. */
export const LEGACY_STACKS_MESSAGE_PREFIX = '\x18Stacks Message Signing:\n';

/** Bitcoin's CompactSize varint: one byte below 0xfd, else fd+u16, fe+u32 or ff+u64, little-endian. */
export function encodeBitcoinVarint(n: number | bigint): Uint8Array {
  const v = BigInt(n);
  if (v < 0n || v > 0xffff_ffff_ffff_ffffn) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `varint out of range: ${v}`);
  }
  if (v < 0xfdn) return Uint8Array.of(Number(v));
  const [tag, size] = v <= 0xffffn ? [0xfd, 2] : v <= 0xffff_ffffn ? [0xfe, 4] : [0xff, 8];
  const out = new Uint8Array(1 + size);
  out[0] = tag;
  let rest = v;
  for (let i = 1; i <= size; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

function messageBytes(message: string | Uint8Array): Uint8Array {
  return typeof message === 'string' ? utf8ToBytes(message) : message;
}

/** `prefix || varint(byte length) || message` (strings are UTF-8 encoded). */
export function encodeMessage(message: string | Uint8Array, prefix: string = STACKS_MESSAGE_PREFIX): Uint8Array {
  const body = messageBytes(message);
  return concatBytes(utf8ToBytes(prefix), encodeBitcoinVarint(body.length), body);
}

/** SHA-256 of `encodeMessage(message, prefix)`: the digest a wallet signs. */
export function hashMessage(message: string | Uint8Array, prefix: string = STACKS_MESSAGE_PREFIX): Uint8Array {
  return sha256(encodeMessage(message, prefix));
}

/** Signs a message under the current prefix; returns the 65-byte RSV signature. */
export function signMessage(message: string | Uint8Array, privateKey: Uint8Array): Uint8Array {
  return vrsToRsv(signRecoverable(hashMessage(message), privateKey));
}

/**
 * True when the 65-byte RSV signature signs `message` for `publicKey` under the current prefix
 * or the legacy one (wallets still produce both); high-S signatures are rejected. A malformed
 * public key throws `CODEC_INVALID_PUBLIC_KEY`.
 */
export function verifyMessageSignature(
  message: string | Uint8Array,
  signatureRsv: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signatureRsv.length !== 65) return false;
  const vrs = rsvToVrs(signatureRsv);
  return [STACKS_MESSAGE_PREFIX, LEGACY_STACKS_MESSAGE_PREFIX].some((prefix) =>
    verifySignature(hashMessage(message, prefix), vrs, publicKey),
  );
}

/** The 6 bytes `"SIP018"` that start every SIP-018 message hash. */
export const SIP018_MESSAGE_PREFIX: Uint8Array = asciiToBytes('SIP018');

/** A SIP-018 domain tuple `{ name, version, chain-id }` (string-ascii, string-ascii, uint). */
export function sip018Domain(name: string, version: string, chainId: number | bigint): TupleCV {
  return {
    type: 'tuple',
    value: {
      name: { type: 'string-ascii', value: name },
      version: { type: 'string-ascii', value: version },
      'chain-id': { type: 'uint', value: BigInt(chainId) },
    },
  };
}

/** SHA-256 of a Clarity value's consensus serialization (SIP-018 "structured data hash"). */
export function hashStructuredData(value: ClarityValue): Uint8Array {
  return sha256(encodeClarityValue(value));
}

/** `sha256("SIP018" || hashStructuredData(domain) || hashStructuredData(message))`. */
export function sip018MessageHash(domain: ClarityValue, message: ClarityValue): Uint8Array {
  return sha256(concatBytes(SIP018_MESSAGE_PREFIX, hashStructuredData(domain), hashStructuredData(message)));
}

/** Signs SIP-018 structured data; returns the 65-byte RSV signature. */
export function signStructuredData(domain: ClarityValue, message: ClarityValue, privateKey: Uint8Array): Uint8Array {
  return vrsToRsv(signRecoverable(sip018MessageHash(domain, message), privateKey));
}

/**
 * True when the 65-byte RSV signature signs this SIP-018 domain and message for `publicKey` (low S
 * only). A malformed public key throws `CODEC_INVALID_PUBLIC_KEY`.
 */
export function verifyStructuredDataSignature(
  domain: ClarityValue,
  message: ClarityValue,
  signatureRsv: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signatureRsv.length !== 65) return false;
  return verifySignature(sip018MessageHash(domain, message), rsvToVrs(signatureRsv), publicKey);
}
