/**
 * Address hash modes and Stacks addresses (`stacks-common/src/address/mod.rs`,
 * `StacksAddress` in `stacks-common/src/types/mod.rs`): how a set of public keys and a signature
 * threshold become the 20-byte hash an address carries.
 */
import { AddressVersion, concatBytes } from '@stacks-ts/common';
import { CodecError, CodecErrorCode } from '../errors.ts';
import { hash160, sha256 } from '../crypto/hashes.ts';
import { isValidPublicKey } from '../crypto/secp256k1.ts';
import { c32addressDecode, c32addressEncode, type C32AddressDecodeOptions } from './c32.ts';

/**
 * How a spending condition's keys hash to its signer (`AddressHashMode`, plus the
 * order-independent multisig modes of SIP-027, which hash exactly like P2SH and P2WSH).
 */
export const AddressHashMode = {
  /** hash160(public key). */
  SerializeP2PKH: 0x00,
  /** hash160(multisig redeem script). */
  SerializeP2SH: 0x01,
  /** hash160(segwit v0 program of hash160(public key)), i.e. P2SH-P2WPKH. */
  SerializeP2WPKH: 0x02,
  /** hash160(segwit v0 program of sha256(redeem script)), i.e. P2SH-P2WSH. */
  SerializeP2WSH: 0x03,
  /** Order-independent multisig, hashed like P2SH. */
  SerializeP2SHNonSequential: 0x05,
  /** Order-independent multisig, hashed like P2WSH. */
  SerializeP2WSHNonSequential: 0x07,
} as const;
export type AddressHashMode = (typeof AddressHashMode)[keyof typeof AddressHashMode];

const HASH_MODES: ReadonlySet<number> = new Set(Object.values(AddressHashMode));

/** True when `n` is one of the `AddressHashMode` values. */
export function isAddressHashMode(n: number): n is AddressHashMode {
  return HASH_MODES.has(n);
}

function checkHashMode(hashMode: number): asserts hashMode is AddressHashMode {
  if (!isAddressHashMode(hashMode)) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `unknown address hash mode ${hashMode}`, { hashMode });
  }
}

/** Bitcoin script: push a byte string with the shortest push opcode (`Builder::push_slice`). */
function scriptPushSlice(data: Uint8Array): Uint8Array {
  const n = data.length;
  let head: Uint8Array;
  if (n < 0x4c) head = Uint8Array.of(n);
  else if (n < 0x100) head = Uint8Array.of(0x4c, n);
  else if (n < 0x10000) head = Uint8Array.of(0x4d, n & 0xff, n >> 8);
  else head = Uint8Array.of(0x4e, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
  return concatBytes(head, data);
}

/** Bitcoin script: push a small non-negative integer (`Builder::push_int`): OP_0, OP_1..OP_16 or a script number. */
function scriptPushInt(n: number): Uint8Array {
  if (n === 0) return Uint8Array.of(0x00);
  if (n >= 1 && n <= 16) return Uint8Array.of(0x50 + n);
  // Minimal little-endian sign-magnitude encoding (n is positive here).
  const bytes: number[] = [];
  let v = n;
  while (v > 0xff) {
    bytes.push(v & 0xff);
    v = Math.floor(v / 256);
  }
  if (v & 0x80) bytes.push(v, 0x00);
  else bytes.push(v);
  return scriptPushSlice(Uint8Array.from(bytes));
}

const OP_CHECKMULTISIG = 0xae;

function checkKeyEncoding(publicKey: Uint8Array, index: number): void {
  const ok =
    publicKey instanceof Uint8Array &&
    ((publicKey.length === 33 && (publicKey[0] === 0x02 || publicKey[0] === 0x03)) ||
      (publicKey.length === 65 && publicKey[0] === 0x04));
  if (!ok) {
    throw new CodecError(CodecErrorCode.InvalidPublicKey, `public key ${index} is not a 33-byte 02/03 or 65-byte 04 encoding`, {
      index,
    });
  }
}

function checkThreshold(signaturesRequired: number): void {
  if (!Number.isSafeInteger(signaturesRequired) || signaturesRequired < 0) {
    throw new CodecError(CodecErrorCode.InvalidArgument, `signatures required must be a non-negative integer`, {
      signaturesRequired,
    });
  }
}

/** The multisig redeem script `OP_m <key>… OP_n OP_CHECKMULTISIG` (keys pushed as given). */
export function multisigRedeemScript(signaturesRequired: number, publicKeys: readonly Uint8Array[]): Uint8Array {
  checkThreshold(signaturesRequired);
  publicKeys.forEach(checkKeyEncoding);
  return concatBytes(
    scriptPushInt(signaturesRequired),
    ...publicKeys.map(scriptPushSlice),
    scriptPushInt(publicKeys.length),
    Uint8Array.of(OP_CHECKMULTISIG),
  );
}

/**
 * The hash160 an address carries for these keys (`public_keys_to_address_hash`):
 * P2PKH `hash160(key)`; P2SH `hash160(redeem script)`; P2WPKH `hash160(00 14 hash160(key))`;
 * P2WSH `hash160(00 20 sha256(redeem script))`; the order-independent modes like P2SH/P2WSH.
 * Keys are hashed in the encoding given (33 or 65 bytes) and are not checked to be on the curve;
 * the single-key modes use the first key. Use `stacksAddressFromPublicKeys` for the reference's
 * checks of the key count and compression.
 */
export function addressHashFromPublicKeys(
  hashMode: AddressHashMode,
  signaturesRequired: number,
  publicKeys: readonly Uint8Array[],
): Uint8Array {
  checkHashMode(hashMode);
  const singleKey = hashMode === AddressHashMode.SerializeP2PKH || hashMode === AddressHashMode.SerializeP2WPKH;
  if (singleKey && publicKeys.length === 0) throw new CodecError(CodecErrorCode.InvalidArgument, 'no public key given');
  switch (hashMode) {
    case AddressHashMode.SerializeP2PKH:
      checkKeyEncoding(publicKeys[0]!, 0);
      return hash160(publicKeys[0]!);
    case AddressHashMode.SerializeP2WPKH:
      checkKeyEncoding(publicKeys[0]!, 0);
      return hash160(concatBytes(scriptPushInt(0), scriptPushSlice(hash160(publicKeys[0]!))));
    case AddressHashMode.SerializeP2SH:
    case AddressHashMode.SerializeP2SHNonSequential:
      return hash160(multisigRedeemScript(signaturesRequired, publicKeys));
    case AddressHashMode.SerializeP2WSH:
    case AddressHashMode.SerializeP2WSHNonSequential:
      return hash160(
        concatBytes(scriptPushInt(0), scriptPushSlice(sha256(multisigRedeemScript(signaturesRequired, publicKeys)))),
      );
  }
}

/**
 * The address version for a hash mode: P2PKH maps to the single-sig version (mainnet 22 'P',
 * testnet 26 'T'); every other mode to the multisig version (mainnet 20 'M', testnet 21 'N').
 */
export function addressVersionForHashMode(hashMode: AddressHashMode, mainnet: boolean): number {
  checkHashMode(hashMode);
  if (hashMode === AddressHashMode.SerializeP2PKH) {
    return mainnet ? AddressVersion.MainnetSingleSig : AddressVersion.TestnetSingleSig;
  }
  return mainnet ? AddressVersion.MainnetMultiSig : AddressVersion.TestnetMultiSig;
}

/** `AddressHashMode::from_version`: single-sig versions (22, 26) give P2PKH, all others P2SH. */
export function addressHashModeFromVersion(version: number): AddressHashMode {
  return version === AddressVersion.MainnetSingleSig || version === AddressVersion.TestnetSingleSig
    ? AddressHashMode.SerializeP2PKH
    : AddressHashMode.SerializeP2SH;
}

/** A Stacks address: a c32 version (0..31) and a 20-byte hash (`StacksAddress`). */
export interface StacksAddress {
  readonly version: number;
  readonly hash160: Uint8Array;
}

/** The `S…` string of an address. */
export function stacksAddressToString(address: StacksAddress): string {
  return c32addressEncode(address.version, address.hash160);
}

/** Parses an `S…` address string (see `c32addressDecode`); throws `CODEC_INVALID_ADDRESS`. */
export function stacksAddressFromString(s: string, opts?: C32AddressDecodeOptions): StacksAddress {
  return c32addressDecode(s, opts);
}

/** True for the mainnet address versions (22 and 20). */
export function isMainnetAddressVersion(version: number): boolean {
  return version === AddressVersion.MainnetSingleSig || version === AddressVersion.MainnetMultiSig;
}

/** The burn address: single-sig version of the network and an all-zero hash. */
export function burnStacksAddress(mainnet: boolean): StacksAddress {
  return {
    version: mainnet ? AddressVersion.MainnetSingleSig : AddressVersion.TestnetSingleSig,
    hash160: new Uint8Array(20),
  };
}

/**
 * `StacksAddress::from_public_keys`: the address of these keys, or `null` for a combination the
 * reference refuses: fewer keys than signatures; P2PKH/P2WPKH without exactly one key and one
 * signature; an uncompressed key under P2WPKH/P2WSH; a version of 32 or more. Malformed keys throw
 * `CODEC_INVALID_PUBLIC_KEY` (the reference takes already-parsed keys).
 */
export function stacksAddressFromPublicKeys(
  version: number,
  hashMode: AddressHashMode,
  signaturesRequired: number,
  publicKeys: readonly Uint8Array[],
): StacksAddress | null {
  checkHashMode(hashMode);
  checkThreshold(signaturesRequired);
  publicKeys.forEach((pk, i) => {
    checkKeyEncoding(pk, i);
    if (!isValidPublicKey(pk)) {
      throw new CodecError(CodecErrorCode.InvalidPublicKey, `public key ${i} is not a point on secp256k1`, { index: i });
    }
  });
  if (publicKeys.length < signaturesRequired) return null;
  const singleKey = hashMode === AddressHashMode.SerializeP2PKH || hashMode === AddressHashMode.SerializeP2WPKH;
  if (singleKey && (signaturesRequired !== 1 || publicKeys.length !== 1)) return null;
  const segwit =
    hashMode === AddressHashMode.SerializeP2WPKH ||
    hashMode === AddressHashMode.SerializeP2WSH ||
    hashMode === AddressHashMode.SerializeP2WSHNonSequential;
  if (segwit && publicKeys.some((pk) => pk.length !== 33)) return null;
  if (!Number.isInteger(version) || version < 0 || version >= 32) return null;
  return { version, hash160: addressHashFromPublicKeys(hashMode, signaturesRequired, publicKeys) };
}

/** The single-sig (P2PKH) address of one public key on mainnet or testnet (`StacksAddress::p2pkh`). */
export function publicKeyToStacksAddress(publicKey: Uint8Array, mainnet: boolean): StacksAddress {
  return {
    version: mainnet ? AddressVersion.MainnetSingleSig : AddressVersion.TestnetSingleSig,
    hash160: addressHashFromPublicKeys(AddressHashMode.SerializeP2PKH, 1, [publicKey]),
  };
}
