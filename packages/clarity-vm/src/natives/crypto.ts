/**
 * Hash functions and signature checks (clarity/src/vm/functions/crypto.rs): `sha256`, `sha512`,
 * `sha512/256`, `hash160`, `keccak256`, `secp256k1-recover?`, `secp256k1-verify`,
 * `secp256r1-verify` (Clarity 4) and `principal-of?`.
 */
import { p256 } from '@noble/curves/nist.js';
import {
  type ClarityValue,
  hash160,
  isValidPublicKey,
  recoverPublicKey,
  rsvToVrs,
  sha256,
  sha512_256,
  verifyCompactSignature,
} from '@stacks-ts/codec';
import { AddressVersion } from '@stacks-ts/common';
import { expectArgCount, expectFailure, typeValueError, unionTypeValueError } from './check.ts';
import type { NativeContext } from './context.ts';
import { keccak256, sha512 } from './digests.ts';
import { boolValue } from './arithmetic.ts';
import { errValue, okValue } from './value-types.ts';

const HASH_INPUT_TYPES = ['int', 'uint', '(buff 1048576)'] as const;

/** The bytes a hash function reads: a buffer as is, an integer as 16 little-endian bytes. */
export function hashInputBytes(v: ClarityValue): Uint8Array {
  if (v.type === 'buffer') return v.value;
  if (v.type === 'int' || v.type === 'uint') {
    const out = new Uint8Array(16);
    let n = BigInt.asUintN(128, v.value);
    for (let i = 0; i < 16; i++) {
      out[i] = Number(n & 0xffn);
      n >>= 8n;
    }
    return out;
  }
  throw unionTypeValueError(HASH_INPUT_TYPES, v);
}

function hashFunction(digest: (data: Uint8Array) => Uint8Array) {
  return (args: readonly ClarityValue[]): ClarityValue => {
    expectArgCount(args, 1);
    return { type: 'buffer', value: digest(hashInputBytes(args[0]!)) };
  };
}

/** `(sha256 x)`. */
export const sha256Native = hashFunction(sha256);
/** `(sha512 x)`. */
export const sha512Native = hashFunction(sha512);
/** `(sha512/256 x)`. */
export const sha512_256Native = hashFunction(sha512_256);
/** `(hash160 x)`: RIPEMD-160 of SHA-256. */
export const hash160Native = hashFunction(hash160);
/** `(keccak256 x)`. */
export const keccak256Native = hashFunction(keccak256);

function buffOfLength(v: ClarityValue, n: number): Uint8Array {
  if (v.type === 'buffer' && v.value.length === n) return v.value;
  throw typeValueError(`(buff ${n})`, v);
}

const ERR_U1 = (): ClarityValue => errValue({ type: 'uint', value: 1n });
const ERR_U2 = (): ClarityValue => errValue({ type: 'uint', value: 2n });

/**
 * `(secp256k1-recover? hash signature)`: the compressed public key that signed the 32-byte hash
 * with the 65-byte RSV signature: `(err u2)` for a signature shorter than 65 bytes or with a
 * recovery id above 3, `(err u1)` when no key recovers.
 */
export function secp256k1Recover(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 2);
  const message = buffOfLength(args[0]!, 32);
  const sig = args[1]!;
  if (sig.type !== 'buffer' || sig.value.length > 65) throw typeValueError('(buff 65)', sig);
  if (sig.value.length < 65 || sig.value[64]! > 3) return ERR_U2();
  let publicKey: Uint8Array;
  try {
    publicKey = recoverPublicKey(message, rsvToVrs(sig.value), true);
  } catch {
    return ERR_U1();
  }
  return okValue({ type: 'buffer', value: publicKey });
}

/**
 * `(secp256k1-verify hash signature public-key)`: libsecp256k1 verification of the 64-byte
 * compact signature (a 65th byte is ignored unless it is a recovery id above 3); high S, a
 * signature shorter than 64 bytes or an invalid key are `false`.
 */
export function secp256k1Verify(args: readonly ClarityValue[]): ClarityValue {
  expectArgCount(args, 3);
  const message = buffOfLength(args[0]!, 32);
  const sig = args[1]!;
  if (sig.type !== 'buffer' || sig.value.length > 65) throw typeValueError('(buff 65)', sig);
  if (sig.value.length < 64) return boolValue(false);
  if (sig.value.length === 65 && sig.value[64]! > 3) return boolValue(false);
  const publicKey = buffOfLength(args[2]!, 33);
  return boolValue(verifyCompactSignature(message, sig.value, publicKey));
}

/**
 * `(principal-of? public-key)`: the single-signature address of a compressed public key, or
 * `(err u1)` for an invalid key. Clarity 1 always gives a testnet address (a bug the reference
 * keeps); later versions follow the network.
 */
export function principalOf(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 1);
  const publicKey = buffOfLength(args[0]!, 33);
  if (!isValidPublicKey(publicKey)) return ERR_U1();
  const version =
    ctx.clarityVersion > 1 && ctx.mainnet ? AddressVersion.MainnetSingleSig : AddressVersion.TestnetSingleSig;
  return okValue({ type: 'principal', value: { type: 'standard', version, hash160: hash160(publicKey) } });
}

/**
 * ECDSA P-256 verification of `sha256(messageHash)` (Clarity 4's `secp256r1-verify` hashes the
 * given hash once more), high S allowed, over `@noble/curves`.
 */
export function p256VerifySha256(messageHash: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return p256.verify(signature, messageHash, publicKey, { prehash: true, lowS: false, format: 'compact' });
  } catch {
    return false;
  }
}

/**
 * `(secp256r1-verify message-hash signature public-key)` (Clarity 4): a 64-byte `r || s` P-256
 * signature of `sha256(message-hash)` by the 33-byte compressed key; a signature shorter than 64
 * bytes is `false`. Clarity 5's variant (no second hash) is not implemented.
 */
export function secp256r1Verify(args: readonly ClarityValue[], ctx: NativeContext): ClarityValue {
  expectArgCount(args, 3);
  const message = buffOfLength(args[0]!, 32);
  const sig = args[1]!;
  if (sig.type !== 'buffer' || sig.value.length > 64) throw typeValueError('(buff 64)', sig);
  if (sig.value.length !== 64) return boolValue(false);
  const publicKey = buffOfLength(args[2]!, 33);
  if (ctx.clarityVersion >= 5) throw expectFailure('secp256r1-verify of Clarity 5 and later is not implemented');
  return boolValue(p256VerifySha256(message, sig.value, publicKey));
}
