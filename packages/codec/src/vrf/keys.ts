/**
 * VRF keys (`VRFPublicKey` / `VRFPrivateKey` in stacks-common/src/util/vrf.rs): a private key is
 * a 32-byte ed25519 seed, a public key the 32-byte ed25519 public key.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { CURVE_ORDER, Point, compressPoint, decompressPoint, leToScalar, mulSecret } from './curve.ts';

/** Size of a VRF public key. */
export const VRF_PUBLIC_KEY_LENGTH = 32;

/** Size of a VRF private key (the ed25519 seed). */
export const VRF_PRIVATE_KEY_LENGTH = 32;

/**
 * True when `bytes` is a key `VRFPublicKey::from_bytes` accepts: 32 bytes that decompress to an
 * edwards25519 point. Like the reference, small-order points and non-canonical y encodings pass.
 */
export function isValidVrfPublicKey(bytes: Uint8Array): boolean {
  return bytes.length === VRF_PUBLIC_KEY_LENGTH && decompressPoint(bytes) !== undefined;
}

/** The secret key expanded the RFC 8032 way (internal to the vrf folder). */
export interface ExpandedVrfKey {
  /** The secret scalar x (the clamped first half of SHA-512(seed), reduced mod L). */
  readonly x: bigint;
  /** The second half of SHA-512(seed), the nonce key. */
  readonly nonceKey: Uint8Array;
  /** The public key Y = x*B, compressed. */
  readonly publicKey: Uint8Array;
}

/** Expands a 32-byte seed into (x, nonce key, public key); CODEC_INVALID_VRF for another length. */
export function expandVrfPrivateKey(secretKey: Uint8Array): ExpandedVrfKey {
  if (secretKey.length !== VRF_PRIVATE_KEY_LENGTH) {
    throw new CodecError(CodecErrorCode.InvalidVrf, `VRF private key must be ${VRF_PRIVATE_KEY_LENGTH} bytes`, {
      length: secretKey.length,
    });
  }
  const h = sha512(secretKey);
  const head = h.slice(0, 32);
  head[0] &= 248;
  head[31] &= 127;
  head[31] |= 64;
  const x = leToScalar(head) % CURVE_ORDER;
  return { x, nonceKey: h.slice(32, 64), publicKey: compressPoint(mulSecret(Point.BASE, x)) };
}

/** The VRF public key of a 32-byte private key (`VRFPublicKey::from_private`). */
export function vrfPublicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return expandVrfPrivateKey(secretKey).publicKey;
}
