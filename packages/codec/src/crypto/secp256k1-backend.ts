/**
 * The low-level secp256k1 operations the codec needs, as an interface with two implementations:
 * `nobleSecp256k1Backend` (pure JS, `@noble/curves`, works everywhere) and the native
 * libsecp256k1 binding in `secp256k1-native.ts`. Both must return byte-identical results; the
 * public functions in `secp256k1.ts` validate lengths and map failures to `CodecError`.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';

/**
 * One secp256k1 implementation. Inputs are already length-checked by the caller; failures are
 * reported as `null`/`false`, never thrown.
 */
export interface Secp256k1Backend {
  readonly name: string;
  /**
   * RFC 6979 deterministic ECDSA with low-S normalization over a 32-byte digest (the digest is
   * used as is, not hashed again). Returns compact `r || s` and the recovery id, or `null` when
   * the secret key is not in `[1, n-1]`.
   */
  sign(digest32: Uint8Array, secretKey32: Uint8Array): { signature: Uint8Array; recovery: number } | null;
  /**
   * The public key that produced compact signature `r || s` with `recovery` (0..3) over the digest,
   * serialized compressed (33) or uncompressed (65); `null` when r or s is out of range or zero,
   * or no key recovers.
   */
  recover(digest32: Uint8Array, signature64: Uint8Array, recovery: number, compressed: boolean): Uint8Array | null;
  /**
   * libsecp256k1 `ecdsa_verify` semantics: `false` for r/s out of range, high S, a bad public key
   * or a wrong signature.
   */
  verify(digest32: Uint8Array, signature64: Uint8Array, publicKey: Uint8Array): boolean;
  /** The public key of a secret key (33 or 65 bytes), or `null` for an invalid secret key. */
  publicKeyCreate(secretKey32: Uint8Array, compressed: boolean): Uint8Array | null;
  /**
   * Re-serializes a public key (33-byte compressed, 65-byte uncompressed or hybrid `06`/`07`) in
   * the requested form, or `null` when it does not parse as a point on the curve.
   */
  publicKeyConvert(publicKey: Uint8Array, compressed: boolean): Uint8Array | null;
}

const Point = secp256k1.Point;

/**
 * libsecp256k1's public-key parser also accepts the 65-byte "hybrid" form (prefix 06/07, where
 * the prefix repeats y's parity); noble does not, so we check the parity and hand noble the 04 form.
 */
function parsePoint(publicKey: Uint8Array): InstanceType<typeof Point> | null {
  try {
    let bytes = publicKey;
    const head = publicKey[0];
    if (publicKey.length === 65 && (head === 0x06 || head === 0x07)) {
      if ((publicKey[64]! & 1) !== (head & 1)) return null;
      bytes = publicKey.slice();
      bytes[0] = 0x04;
    }
    const p = Point.fromBytes(bytes);
    p.assertValidity();
    return p;
  } catch {
    return null;
  }
}

/** The pure-JS backend over `@noble/curves` (the default where the native binding is missing). */
export const nobleSecp256k1Backend: Secp256k1Backend = {
  name: 'noble',
  sign(digest32, secretKey32) {
    try {
      const sig = secp256k1.sign(digest32, secretKey32, { prehash: false, lowS: true, format: 'recovered' });
      return { signature: sig.subarray(1), recovery: sig[0]! };
    } catch {
      return null;
    }
  },
  recover(digest32, signature64, recovery, compressed) {
    try {
      const sig = secp256k1.Signature.fromBytes(signature64, 'compact').addRecoveryBit(recovery);
      return sig.recoverPublicKey(digest32).toBytes(compressed);
    } catch {
      return null;
    }
  },
  verify(digest32, signature64, publicKey) {
    const point = parsePoint(publicKey);
    if (!point) return false;
    try {
      return secp256k1.verify(signature64, digest32, point.toBytes(true), { prehash: false, lowS: true, format: 'compact' });
    } catch {
      return false;
    }
  },
  publicKeyCreate(secretKey32, compressed) {
    try {
      return secp256k1.getPublicKey(secretKey32, compressed);
    } catch {
      return null;
    }
  },
  publicKeyConvert(publicKey, compressed) {
    const point = parsePoint(publicKey);
    return point ? point.toBytes(compressed) : null;
  },
};
