// Values the generators share: addresses in every version byte, keys and signatures, all derived
// here (deterministically) with @stacks-ts/codec so the corpus never holds a hand-typed checksum.
import {
  compressPublicKey,
  c32addressEncode,
  c32addressDecode,
  negateSignatureS,
  publicKeyFromPrivate,
  sha256,
  signRecoverable,
  vrsToRsv,
} from '@stacks-ts/codec';
import { DEPLOYER } from './cases.ts';

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Bytes of an ASCII/UTF-8 string. */
export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** The deployer's hash160 (20 bytes, hex). */
export const DEPLOYER_HASH = toHex(c32addressDecode(DEPLOYER).hash160);

/** The c32 address with this version byte and hash (hex). */
export function address(version: number, hashHex: string): string {
  return c32addressEncode(version, Uint8Array.from(hashHex.match(/../g)!, (x) => parseInt(x, 16)));
}

/** Address versions: mainnet/testnet single-sig and multi-sig. */
export const VERSIONS = { mainnetSingle: 22, mainnetMulti: 20, testnetSingle: 26, testnetMulti: 21 } as const;

/** The deployer's key hash as a mainnet single-sig address (SP...). */
export const DEPLOYER_MAINNET = address(VERSIONS.mainnetSingle, DEPLOYER_HASH);
/** The deployer's key hash as a testnet multi-sig address (SN...). */
export const DEPLOYER_TESTNET_MULTI = address(VERSIONS.testnetMulti, DEPLOYER_HASH);
/** The deployer's key hash as a mainnet multi-sig address (SM...). */
export const DEPLOYER_MAINNET_MULTI = address(VERSIONS.mainnetMulti, DEPLOYER_HASH);

/** A fixed private key: its 32-byte secret and its compressed (33-byte) and uncompressed (65-byte) public keys. */
export interface Key {
  readonly secret: Uint8Array;
  readonly publicKey: string;
  readonly publicKeyUncompressed: string;
}

function key(seed: string): Key {
  const secret = sha256(utf8Bytes(seed));
  const full = publicKeyFromPrivate(secret);
  return { secret, publicKey: toHex(compressPublicKey(full)), publicKeyUncompressed: toHex(full) };
}

/** A fixed key. */
export const KEY = key('clarity conformance corpus key 1');
/** A second fixed key. */
export const KEY2 = key('clarity conformance corpus key 2');

/** A signed message: digest, Clarity-order (r, s, recovery id) signature, and its high-S twin. */
export interface SignedMessage {
  readonly digest: string;
  readonly signatureRsv: string;
  readonly highSRsv: string;
  readonly publicKey: string;
}

/** Signs sha256(message) with a key, giving Clarity-order signatures. */
export function signed(message: string, k: Key): SignedMessage {
  const digest = sha256(utf8Bytes(message));
  const vrs = signRecoverable(digest, k.secret);
  return {
    digest: toHex(digest),
    signatureRsv: toHex(vrsToRsv(vrs)),
    highSRsv: toHex(vrsToRsv(negateSignatureS(vrs))),
    publicKey: k.publicKey,
  };
}
