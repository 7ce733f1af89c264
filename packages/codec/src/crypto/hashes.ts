import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256, sha512_256 as nobleSha512_256 } from '@noble/hashes/sha2.js';

/** The three digests the Stacks codec needs; swap the implementation with `setHashBackend`. */
export interface HashBackend {
  readonly name: string;
  sha256(data: Uint8Array): Uint8Array;
  sha512_256(data: Uint8Array): Uint8Array;
  ripemd160(data: Uint8Array): Uint8Array;
}

/** Pure-JS hashes from `@noble/hashes` (works everywhere, including browsers). */
export const nobleHashBackend: HashBackend = {
  name: 'noble',
  sha256: (d) => nobleSha256(d),
  sha512_256: (d) => nobleSha512_256(d),
  ripemd160: (d) => nobleRipemd160(d),
};

interface NodeCryptoLike {
  createHash(alg: string): { update(d: Uint8Array): { digest(): Uint8Array } };
  /** One-shot digest (Node 20.12+): about a third cheaper than createHash for small inputs. */
  hash?(alg: string, data: Uint8Array, outputEncoding: 'buffer'): Uint8Array;
}

/**
 * OpenSSL hashes through `node:crypto`, or `null` outside Node.js (or when this OpenSSL lacks
 * one of the digests). Loaded with `process.getBuiltinModule`, so bundlers for browsers see no
 * import of `node:crypto`.
 */
export function createNodeHashBackend(): HashBackend | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.('node:crypto') as NodeCryptoLike | undefined;
  if (!crypto) return null;
  const oneShot = crypto.hash?.bind(crypto);
  const digest = oneShot
    ? (alg: string) => (d: Uint8Array) => toU8(oneShot(alg, d, 'buffer'))
    : (alg: string) => (d: Uint8Array) => toU8(crypto.createHash(alg).update(d).digest());
  const backend: HashBackend = {
    name: 'node:crypto',
    sha256: digest('sha256'),
    sha512_256: digest('sha512-256'),
    ripemd160: digest('ripemd160'),
  };
  try {
    const probe = new Uint8Array(0);
    backend.sha256(probe);
    backend.sha512_256(probe);
    backend.ripemd160(probe);
  } catch {
    return null;
  }
  return backend;
}

// Node returns Buffers; callers get plain Uint8Arrays so equality checks and structured clone agree.
function toU8(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

// node:crypto (OpenSSL) is 1.7x to 4.8x faster than noble for the 64- to 600-byte inputs the codec
// hashes (see test/perf/crypto.bench.ts), so it is used wherever it exists; noble elsewhere.
let backend: HashBackend = createNodeHashBackend() ?? nobleHashBackend;

/** Replaces the hash implementation used by every codec function. */
export function setHashBackend(next: HashBackend): void {
  backend = next;
}

/** The hash implementation in use. */
export function getHashBackend(): HashBackend {
  return backend;
}

/** SHA-256. */
export function sha256(data: Uint8Array): Uint8Array {
  return backend.sha256(data);
}

/** SHA-256 applied twice (Bitcoin's `Sha256dHash`). */
export function doubleSha256(data: Uint8Array): Uint8Array {
  return backend.sha256(backend.sha256(data));
}

/** SHA-512/256: the Stacks txid, block hash and sighash digest. */
export function sha512_256(data: Uint8Array): Uint8Array {
  return backend.sha512_256(data);
}

/** RIPEMD-160. */
export function ripemd160(data: Uint8Array): Uint8Array {
  return backend.ripemd160(data);
}

/** RIPEMD-160(SHA-256(data)): `Hash160`, the address hash. */
export function hash160(data: Uint8Array): Uint8Array {
  return backend.ripemd160(backend.sha256(data));
}
