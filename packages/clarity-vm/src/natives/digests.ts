/**
 * The digests Clarity needs beyond the codec's (`sha256`, `sha512_256`, `hash160`): SHA-512 and
 * Keccak-256 (the original Keccak padding, as Ethereum and the reference's `keccak256` use), from
 * `@noble/hashes`.
 */
import { sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

/** SHA-512 (64 bytes). */
export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(data);
}

/** Keccak-256 (32 bytes), not SHA3-256. */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}
