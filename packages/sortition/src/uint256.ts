/**
 * 256-bit unsigned helpers over bigint, in the shapes the reference's `Uint256` uses
 * (stacks-common/src/util/uint.rs): four u64 limbs, limb 0 least significant.
 */
import { SortitionError, SortitionErrorCode } from './errors.ts';

/** 2^256 - 1 (`Uint256::max()`). */
export const U256_MAX = (1n << 256n) - 1n;
const U64_MASK = (1n << 64n) - 1n;

/** Reads 32 bytes as a little-endian 256-bit integer, 8-byte chunks as LE u64 limbs (`SortitionHash::to_uint256`). */
export function u256FromLeBytes(bytes: Uint8Array): bigint {
  if (bytes.length !== 32) throw new SortitionError(SortitionErrorCode.InvalidArgument, 'expected 32 bytes', { length: bytes.length });
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/** The four u64 limbs of a 256-bit value, least significant first. */
export function u256ToLimbs(v: bigint): [bigint, bigint, bigint, bigint] {
  checkU256(v);
  return [v & U64_MASK, (v >> 64n) & U64_MASK, (v >> 128n) & U64_MASK, (v >> 192n) & U64_MASK];
}

/** Big-endian hex of a 256-bit value, 64 digits (`to_hex_be`). */
export function u256ToHexBe(v: bigint): string {
  checkU256(v);
  return v.toString(16).padStart(64, '0');
}

/** Throws unless `v` is in [0, 2^256). */
export function checkU256(v: bigint): void {
  if (v < 0n || v > U256_MAX) throw new SortitionError(SortitionErrorCode.InvalidArgument, 'value out of 256-bit range');
}
