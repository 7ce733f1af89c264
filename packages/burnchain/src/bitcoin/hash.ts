// Hash160 (RIPEMD-160 of SHA-256), used by p2pkh / p2wpkh addresses.
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** RIPEMD-160(SHA-256(data)). */
export function hash160(data: Uint8Array): Uint8Array {
  return ripemd160(sha256(data));
}
