/**
 * The edwards25519 primitives the Stacks VRF needs, on top of `@noble/curves`. Internal to the
 * vrf folder: the public API is in `proof.ts`, `keys.ts` and `ecvrf.ts`.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { wasmDecompressEdwardsY } from './ed25519-field.ts';

/** An edwards25519 point (extended coordinates). */
export type Point = EdwardsPoint;

/** The edwards25519 point class. */
export const Point = ed25519.Point;

/** The prime order L of the edwards25519 base point. */
export const CURVE_ORDER: bigint = ed25519.Point.Fn.ORDER;

const P = ed25519.Point.Fp.ORDER;

/**
 * The y coordinates (mod p) of the 8 points of small order: 1 (the identity), p-1 (order 2),
 * 0 (order 4) and the two of order 8. A curve point has small order exactly when its y is one of
 * these, since the other point with the same y is its negation.
 */
const SMALL_ORDER_Y: ReadonlySet<bigint> = new Set([
  0n,
  1n,
  P - 1n,
  55188659117513257062467267217118295137698188065244968500265048394206261417927n,
  2707385501144840649318225287225658788936804267575313519463743609750303402022n,
]);

/**
 * A point built by the WebAssembly decompression: on the curve, with Z = 1 and X < p, as noble's
 * `fromBytes` builds it. Two methods take shortcuts that are exact for such a point (the others,
 * and every point computed from it, are noble's): `isSmallOrder` looks y up instead of doubling
 * three times, and `toBytes` skips the projective-to-affine step.
 */
class DecompressedPoint extends Point {
  override isSmallOrder(): boolean {
    return SMALL_ORDER_Y.has(this.Y >= P ? this.Y - P : this.Y);
  }

  override toBytes(): Uint8Array {
    const bytes = numberToBytesLE(this.Y >= P ? this.Y - P : this.Y, 32);
    if ((this.X & 1n) === 1n) bytes[31] |= 0x80;
    return bytes;
  }
}

/**
 * Decompresses 32 bytes the way curve25519-dalek 4's `CompressedEdwardsY::decompress` does, or
 * returns `undefined` when they are not the y coordinate of a curve point. Like dalek, it ignores
 * nothing but the sign bit: a y in [p, 2^255) is reduced mod p, and an x = 0 with the sign bit set
 * is accepted. That is noble's ZIP-215 decoding, `Point.fromBytes(bytes, true)`: the WebAssembly
 * path (ed25519-field.wat) returns the same point, X, Y (as encoded, even when >= p), Z = 1 and T,
 * for every input; the noble call is the fallback when WebAssembly is unavailable.
 */
export function decompressPoint(bytes: Uint8Array): Point | undefined {
  if (bytes.length !== 32) return undefined;
  const wasm = wasmDecompressEdwardsY();
  if (wasm !== undefined && bytes instanceof Uint8Array) {
    const a = wasm(bytes);
    return a === null ? undefined : new DecompressedPoint(a.x, a.y, 1n, a.t);
  }
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
