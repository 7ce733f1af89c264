/**
 * secp256k1 keys and recoverable signatures as the Stacks reference uses them
 * (`stacks-common/src/util/secp256k1`): 65-byte signatures in VRS order (recovery id, r, s),
 * RFC 6979 nonces, low-S on signing, and verification by public-key recovery.
 *
 * The curve arithmetic is pluggable (`setSecp256k1Backend`). At module load the native
 * libsecp256k1 backend is selected when the optional `secp256k1` package is installed, else the
 * pure-JS noble backend.
 */
import { bytesToUintBE, concatBytes, equalBytes, uintToBytesBE } from '@stacks-ts/common';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { sha256 } from './hashes.ts';
import { nobleSecp256k1Backend, type Secp256k1Backend } from './secp256k1-backend.ts';
import { createNativeSecp256k1Backend } from './secp256k1-native.ts';

/** The order n of the secp256k1 group. */
export const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_ORDER = SECP256K1_ORDER >> 1n;

/** Length of a recoverable signature (`MessageSignature`). */
export const RECOVERABLE_SIGNATURE_LENGTH = 65;

let backend: Secp256k1Backend = createNativeSecp256k1Backend() ?? nobleSecp256k1Backend;

/** Replaces the secp256k1 implementation used by every function in this module. */
export function setSecp256k1Backend(next: Secp256k1Backend): void {
  backend = next;
}

/** The secp256k1 implementation in use (`'native'` or `'noble'` unless replaced). */
export function getSecp256k1Backend(): Secp256k1Backend {
  return backend;
}

function checkDigest(digest: Uint8Array): void {
  if (!(digest instanceof Uint8Array) || digest.length !== 32) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `message digest must be 32 bytes, got ${digest?.length}`);
  }
}

function invalidSignature(message: string, meta: Record<string, unknown> = {}): CodecError {
  return new CodecError(CodecErrorCode.InvalidSignature, message, meta);
}

// ---------------------------------------------------------------------------------------------
// Private keys

/**
 * Parses a Stacks private key (`Secp256k1PrivateKey::from_slice`): 32 bytes means "use the
 * uncompressed public key", 33 bytes ending in `0x01` means "compressed". Any other length or
 * 33rd byte, or a scalar outside `[1, n-1]`, throws `CODEC_INVALID_PRIVATE_KEY`.
 */
export function parsePrivateKey(key: Uint8Array): { secretKey: Uint8Array; compressed: boolean } {
  if (!(key instanceof Uint8Array) || (key.length !== 32 && key.length !== 33)) {
    throw new CodecError(CodecErrorCode.InvalidPrivateKey, `private key must be 32 or 33 bytes, got ${key?.length}`);
  }
  if (key.length === 33 && key[32] !== 0x01) {
    throw new CodecError(CodecErrorCode.InvalidPrivateKey, 'invalid compressed byte marker in 33-byte private key', {
      marker: key[32],
    });
  }
  const secretKey = key.slice(0, 32);
  const d = bytesToUintBE(secretKey);
  if (d === 0n || d >= SECP256K1_ORDER) {
    throw new CodecError(CodecErrorCode.InvalidPrivateKey, 'private key scalar is zero or not below the curve order');
  }
  return { secretKey, compressed: key.length === 33 };
}

/** True when `key` is a valid 32-byte or 33-byte (`…01`) Stacks private key. */
export function isValidPrivateKey(key: Uint8Array): boolean {
  try {
    parsePrivateKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * The public key of a Stacks private key: 65 bytes (uncompressed) for a 32-byte key, 33 bytes
 * (compressed) for a 33-byte key ending in `0x01`.
 */
export function publicKeyFromPrivate(key: Uint8Array): Uint8Array {
  const { secretKey, compressed } = parsePrivateKey(key);
  const pk = backend.publicKeyCreate(secretKey, compressed);
  if (!pk) throw new CodecError(CodecErrorCode.InvalidPrivateKey, 'private key rejected by the secp256k1 backend');
  return pk;
}

/**
 * `Secp256k1PrivateKey::from_seed`: the seed itself if it is a valid private key, else SHA-256
 * applied repeatedly until it is one; always returned as a 33-byte compressed key (`…01`).
 */
export function privateKeyFromSeed(seed: Uint8Array): Uint8Array {
  let candidate = seed;
  for (;;) {
    if ((candidate.length === 32 || (candidate.length === 33 && candidate[32] === 0x01)) && isValidPrivateKey(candidate)) {
      return concatBytes(candidate.subarray(0, 32), Uint8Array.of(0x01));
    }
    candidate = sha256(candidate);
  }
}

// ---------------------------------------------------------------------------------------------
// Public keys

function checkPublicKeyLength(publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || (publicKey.length !== 33 && publicKey.length !== 65)) {
    throw new CodecError(CodecErrorCode.InvalidPublicKey, `public key must be 33 or 65 bytes, got ${publicKey?.length}`);
  }
}

/**
 * True when `publicKey` parses as a point on the curve: 33 bytes with prefix 02/03, or 65 bytes
 * with prefix 04 (or the hybrid 06/07, which libsecp256k1 and so the reference also accept).
 */
export function isValidPublicKey(publicKey: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || (publicKey.length !== 33 && publicKey.length !== 65)) return false;
  return backend.publicKeyConvert(publicKey, true) !== null;
}

/** The 33-byte compressed form of a valid public key; throws `CODEC_INVALID_PUBLIC_KEY` otherwise. */
export function compressPublicKey(publicKey: Uint8Array): Uint8Array {
  checkPublicKeyLength(publicKey);
  const out = backend.publicKeyConvert(publicKey, true);
  if (!out) throw new CodecError(CodecErrorCode.InvalidPublicKey, 'public key is not a point on secp256k1');
  return out;
}

/** The 65-byte uncompressed (04) form of a valid public key; throws `CODEC_INVALID_PUBLIC_KEY` otherwise. */
export function decompressPublicKey(publicKey: Uint8Array): Uint8Array {
  checkPublicKeyLength(publicKey);
  const out = backend.publicKeyConvert(publicKey, false);
  if (!out) throw new CodecError(CodecErrorCode.InvalidPublicKey, 'public key is not a point on secp256k1');
  return out;
}

/** True for a 33-byte (compressed) public key encoding. */
export function isCompressedPublicKey(publicKey: Uint8Array): boolean {
  return publicKey.length === 33;
}

// ---------------------------------------------------------------------------------------------
// Signatures

/**
 * Signs a 32-byte digest (no further hashing) with RFC 6979 nonces and low S, returning the
 * 65-byte VRS signature (recovery id, r, s). Accepts a 32-byte or 33-byte (`…01`) private key.
 */
export function signRecoverable(digest32: Uint8Array, secretKey: Uint8Array): Uint8Array {
  checkDigest(digest32);
  const { secretKey: sk } = parsePrivateKey(secretKey);
  const res = backend.sign(digest32, sk);
  if (!res) throw new CodecError(CodecErrorCode.InvalidPrivateKey, 'private key rejected by the secp256k1 backend');
  const out = new Uint8Array(RECOVERABLE_SIGNATURE_LENGTH);
  out[0] = res.recovery;
  out.set(res.signature, 1);
  return out;
}

/** Splits a VRS signature, checking length, recovery id (0..3) and r, s < n like `from_compact`. */
function parseVrs(signatureVrs: Uint8Array): { recovery: number; rs: Uint8Array; s: bigint } {
  if (!(signatureVrs instanceof Uint8Array) || signatureVrs.length !== RECOVERABLE_SIGNATURE_LENGTH) {
    throw invalidSignature(`recoverable signature must be 65 bytes, got ${signatureVrs?.length}`);
  }
  const recovery = signatureVrs[0]!;
  if (recovery > 3) throw invalidSignature(`invalid recovery id ${recovery}`, { recovery });
  const rs = signatureVrs.subarray(1);
  const r = bytesToUintBE(rs.subarray(0, 32));
  const s = bytesToUintBE(rs.subarray(32));
  if (r >= SECP256K1_ORDER || s >= SECP256K1_ORDER) throw invalidSignature('signature r or s is not below the curve order');
  return { recovery, rs, s };
}

/** True when the VRS signature's s is in the upper half of the order (a malleated signature). */
export function isHighS(signatureVrs: Uint8Array): boolean {
  if (signatureVrs.length !== RECOVERABLE_SIGNATURE_LENGTH) throw invalidSignature('recoverable signature must be 65 bytes');
  return bytesToUintBE(signatureVrs.subarray(33)) > HALF_ORDER;
}

/**
 * Recovers the signer's public key from a digest and a 65-byte VRS signature, serialized
 * compressed (33 bytes) or uncompressed (65). High S is accepted unless `requireLowS` is set, as
 * in `recover_to_pubkey_without_validating_low_s` (`requireLowS` = `recover_to_pubkey`). Throws
 * `CODEC_INVALID_SIGNATURE` when the signature is malformed or recovers no key (for example
 * recovery ids 2 and 3 of almost every signature).
 */
export function recoverPublicKey(
  digest32: Uint8Array,
  signatureVrs: Uint8Array,
  compressed: boolean,
  opts: { requireLowS?: boolean } = {},
): Uint8Array {
  checkDigest(digest32);
  const { recovery, rs, s } = parseVrs(signatureVrs);
  if (opts.requireLowS && s > HALF_ORDER) throw invalidSignature('high-S signature');
  const pk = backend.recover(digest32, rs, recovery, compressed);
  if (!pk) throw invalidSignature('failed to recover public key');
  return pk;
}

/**
 * Verifies a 65-byte VRS signature the reference's way (`Secp256k1PublicKey::verify`): recover the
 * key and compare it (as a point, whatever its encoding) with `publicKey`, then reject high S
 * unless `allowHighS` (transactions before epoch 4.0 use `allowHighS: true`). Any signature
 * problem gives `false`; a malformed `publicKey` throws `CODEC_INVALID_PUBLIC_KEY` and a digest
 * that is not 32 bytes throws `CODEC_INVALID_ARGUMENT`.
 */
export function verifySignature(
  digest32: Uint8Array,
  signatureVrs: Uint8Array,
  publicKey: Uint8Array,
  opts: { allowHighS?: boolean } = {},
): boolean {
  checkDigest(digest32);
  checkPublicKeyLength(publicKey);
  let recovered: Uint8Array | null = null;
  let s = 0n;
  try {
    const parsed = parseVrs(signatureVrs);
    s = parsed.s;
    recovered = backend.recover(digest32, parsed.rs, parsed.recovery, publicKey.length === 33);
  } catch {
    recovered = null;
  }
  let matches = recovered !== null && equalBytes(recovered, publicKey);
  if (!matches) {
    // Not byte-equal: the key may be malformed (throw) or hybrid-encoded (compare as points).
    const expected = compressPublicKey(publicKey);
    matches = recovered !== null && equalBytes(compressPublicKey(recovered), expected);
  }
  if (!matches) return false;
  return opts.allowHighS === true || s <= HALF_ORDER;
}

/**
 * libsecp256k1 `ecdsa_verify` of a compact `r || s` signature (64 bytes, or 65 with the last byte
 * ignored), as Clarity's `secp256k1-verify` uses it: `false` for high S, r or s out of range, an
 * unparsable public key or a wrong signature.
 */
export function verifyCompactSignature(digest32: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  checkDigest(digest32);
  if (signature.length !== 64 && signature.length !== 65) return false;
  if (publicKey.length !== 33 && publicKey.length !== 65) return false;
  return backend.verify(digest32, signature.subarray(0, 64), publicKey);
}

/** VRS (recovery id first, the wire order) to RSV (recovery id last, Clarity's order). */
export function vrsToRsv(signatureVrs: Uint8Array): Uint8Array {
  if (signatureVrs.length !== RECOVERABLE_SIGNATURE_LENGTH) throw invalidSignature('signature must be 65 bytes');
  return concatBytes(signatureVrs.subarray(1), signatureVrs.subarray(0, 1));
}

/** RSV (recovery id last) to VRS (recovery id first). */
export function rsvToVrs(signatureRsv: Uint8Array): Uint8Array {
  if (signatureRsv.length !== RECOVERABLE_SIGNATURE_LENGTH) throw invalidSignature('signature must be 65 bytes');
  return concatBytes(signatureRsv.subarray(64), signatureRsv.subarray(0, 64));
}

/**
 * The same signature with s replaced by n - s and the recovery id's parity flipped: still valid
 * for the same key, but high-S if the input was low-S (`MessageSignature::with_negated_s`, for tests).
 */
export function negateSignatureS(signatureVrs: Uint8Array): Uint8Array {
  const { recovery, s } = parseVrs(signatureVrs);
  if (s === 0n) throw invalidSignature('signature s is zero');
  const out = signatureVrs.slice();
  out[0] = recovery ^ 1;
  out.set(uintToBytesBE(SECP256K1_ORDER - s, 32), 33);
  return out;
}
