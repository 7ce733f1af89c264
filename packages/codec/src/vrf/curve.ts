/**
 * The edwards25519 primitives the Stacks VRF needs, on top of `@noble/curves`. Internal to the
 * vrf folder: the public API is in `proof.ts`, `keys.ts` and `ecvrf.ts`.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';

/** An edwards25519 point (extended coordinates). */
export type Point = EdwardsPoint;

/** The edwards25519 point class. */
export const Point = ed25519.Point;

/** The prime order L of the edwards25519 base point. */
export const CURVE_ORDER: bigint = ed25519.Point.Fn.ORDER;

/**
 * Decompresses 32 bytes the way curve25519-dalek 4's `CompressedEdwardsY::decompress` does, or
 * returns `undefined` when they are not the y coordinate of a curve point. Like dalek, it ignores
 * nothing but the sign bit: a y in [p, 2^255) is reduced mod p, and an x = 0 with the sign bit set
 * is accepted. That is noble's ZIP-215 decoding, which we use.
 */
export function decompressPoint(bytes: Uint8Array): Point | undefined {
  if (bytes.length !== 32) return undefined;
  try {
    return Point.fromBytes(bytes, true);
  } catch {
    return undefined;
  }
}

/** The canonical 32-byte compressed encoding of a point (dalek's `compress`). */
export function compressPoint(p: Point): Uint8Array {
  return p.toBytes();
}

/** A little-endian unsigned integer. */
export function leToScalar(bytes: Uint8Array): bigint {
  return bytesToNumberLE(bytes);
}

/** `n` as `len` little-endian bytes. */
export function scalarToLe(n: bigint, len: number): Uint8Array {
  return numberToBytesLE(n, len);
}

/** `k * P` for a secret scalar `k` (0 <= k < L), in constant time where noble offers it. */
export function mulSecret(p: Point, k: bigint): Point {
  return k === 0n ? Point.ZERO : p.multiply(k);
}

/** `k * P` for a public scalar `k` (0 <= k < L). */
export function mulPublic(p: Point, k: bigint): Point {
  return p.multiplyUnsafe(k);
}
