/**
 * The native libsecp256k1 backend, over the optional `secp256k1` npm package (v5). Only its
 * `bindings.js` entry is loaded, never its pure-JS `elliptic` fallback, and only through
 * `process.getBuiltinModule('node:module').createRequire`, so bundlers for browsers see no import
 * and a machine without the compiled addon falls back to noble silently.
 */
import { bytesToUintBE, uintToBytesBE } from '@stacks-ts/common';
import type { Secp256k1Backend } from './secp256k1-backend.ts';

/** The subset of the `secp256k1` v5 API the backend calls. */
interface NativeSecp256k1 {
  ecdsaSign(msg32: Uint8Array, seckey: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaVerify(sig: Uint8Array, msg32: Uint8Array, pubkey: Uint8Array): boolean;
  publicKeyCreate(seckey: Uint8Array, compressed: boolean): Uint8Array;
  publicKeyConvert(pubkey: Uint8Array, compressed: boolean): Uint8Array;
  privateKeyVerify(seckey: Uint8Array): boolean;
}

const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * The libsecp256k1 bundled with `secp256k1` v5 seeds RFC 6979 with the raw digest, while RFC 6979
 * (bits2octets), noble and libsecp256k1 since 0.2 use the digest reduced mod n. Signing the
 * reduced digest gives the same (r, s) equation with the standard nonce, so both backends agree.
 * Only digests >= n (never seen from a hash in practice) are affected.
 */
function reduceDigest(digest32: Uint8Array): Uint8Array {
  const v = bytesToUintBE(digest32);
  return v < CURVE_ORDER ? digest32 : uintToBytesBE(v - CURVE_ORDER, 32);
}

// The addon returns Buffers in some paths; hand out plain Uint8Arrays.
function plain(b: Uint8Array): Uint8Array {
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Wraps a loaded `secp256k1` binding as a backend. */
function wrapNative(lib: NativeSecp256k1): Secp256k1Backend {
  return {
    name: 'native',
    sign(digest32, secretKey32) {
      try {
        if (!lib.privateKeyVerify(secretKey32)) return null;
        const { signature, recid } = lib.ecdsaSign(reduceDigest(digest32), secretKey32);
        return { signature: plain(signature), recovery: recid };
      } catch {
        return null;
      }
    },
    recover(digest32, signature64, recovery, compressed) {
      try {
        return plain(lib.ecdsaRecover(signature64, recovery, digest32, compressed));
      } catch {
        return null;
      }
    },
    verify(digest32, signature64, publicKey) {
      try {
        return lib.ecdsaVerify(signature64, digest32, publicKey);
      } catch {
        return false;
      }
    },
    publicKeyCreate(secretKey32, compressed) {
      try {
        return plain(lib.publicKeyCreate(secretKey32, compressed));
      } catch {
        return null;
      }
    },
    publicKeyConvert(publicKey, compressed) {
      try {
        return plain(lib.publicKeyConvert(publicKey, compressed));
      } catch {
        return null;
      }
    },
  };
}

/**
 * The native libsecp256k1 backend, or `null` outside Node.js or when the `secp256k1` package or
 * its compiled addon is not installed (or fails a self-test).
 */
export function createNativeSecp256k1Backend(): Secp256k1Backend | null {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const nodeModule = proc?.getBuiltinModule?.('node:module') as
      | { createRequire(from: string): (id: string) => unknown }
      | undefined;
    if (!nodeModule) return null;
    const lib = nodeModule.createRequire(import.meta.url)('secp256k1/bindings.js') as NativeSecp256k1;
    const backend = wrapNative(lib);
    // Self-test: key 1 has the generator as its public key.
    const one = new Uint8Array(32);
    one[31] = 1;
    const g = backend.publicKeyCreate(one, true);
    if (!g || g.length !== 33 || g[0] !== 0x02 || g[1] !== 0x79) return null;
    return backend;
  } catch {
    return null;
  }
}
