/**
 * The reference's Clarity state layout: the keys `ClarityDatabase` writes into the MARF and the
 * metadata table, and the value encodings stored under them (stacks-core
 * `clarity/src/vm/database/{clarity_db.rs,structures.rs,clarity_store.rs,sqlite.rs}`).
 *
 * Values are strings, as the reference stores them: Clarity values as the lowercase hex of their
 * SIP-005 serialization, u128 and u64 counters as JSON numbers (serde), u32 as 8 hex digits, STX
 * balances as the hex of their fixed-size encoding, principals inside keys as serde JSON.
 */
import { bytesToHex, hexToBytes, utf8ToBytes, StacksError } from '@stacks-ts/common';
import { encodeClarityValue, principalToString, sha512_256 } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData, TypeSignature } from '@stacks-ts/codec';
// serde.ts imports ClarityStateError from here; neither module uses the other's exports at load time.
import { typeSignatureSerde } from './serde.ts';

/** `StoreType`: the kind tag written in decimal inside keys. */
export const StoreType = {
  DataMap: 0x00,
  Variable: 0x01,
  FungibleToken: 0x02,
  CirculatingSupply: 0x03,
  NonFungibleToken: 0x04,
  DataMapMeta: 0x05,
  VariableMeta: 0x06,
  FungibleTokenMeta: 0x07,
  NonFungibleTokenMeta: 0x08,
  Contract: 0x09,
  SimmedBlock: 0x10,
  SimmedBlockHeight: 0x11,
  Nonce: 0x12,
  STXBalance: 0x13,
  PoxSTXLockup: 0x14,
  PoxUnlockHeight: 0x15,
} as const;
/** One `StoreType` tag. */
export type StoreType = (typeof StoreType)[keyof typeof StoreType];

/** Errors of the state layer: a stored value that does not decode, or misuse of a store. */
export class ClarityStateError extends StacksError<
  'STATE_BAD_ENCODING' | 'STATE_NO_OPEN_BLOCK' | 'STATE_BLOCK_OPEN' | 'STATE_UNKNOWN_BLOCK' | 'STATE_READ_ONLY' | 'STATE_METADATA_EXISTS'
> {}

/** `make_key_for_trip`: `vm::<contract>::<store type>::<name>`. */
export function tripKey(contract: string, type: StoreType, name: string): string {
  return `vm::${contract}::${type}::${name}`;
}

/** `make_key_for_quad`: `vm::<contract>::<store type>::<name>::<key>`. */
export function quadKey(contract: string, type: StoreType, name: string, key: string): string {
  return `vm::${contract}::${type}::${name}::${key}`;
}

/** Lowercase hex of a value's SIP-005 serialization, no prefix (`serialize_to_hex`). */
export function serializeToHex(v: ClarityValue): string {
  return bytesToHex(encodeClarityValue(v));
}

/** Key of a data variable's value. */
export function dataVarKey(contract: string, name: string): string {
  return tripKey(contract, StoreType.Variable, name);
}

/** Key of a data map entry (the serialized key value in hex). */
export function mapEntryKey(contract: string, map: string, key: ClarityValue): string {
  return quadKey(contract, StoreType.DataMap, map, serializeToHex(key));
}

/** Key of a fungible token balance: the principal as serde JSON (`PrincipalData::serialize`). */
export function ftBalanceKey(contract: string, token: string, owner: PrincipalData): string {
  return quadKey(contract, StoreType.FungibleToken, token, principalJson(owner));
}

/** Key of a fungible token's circulating supply. */
export function ftSupplyKey(contract: string, token: string): string {
  return tripKey(contract, StoreType.CirculatingSupply, token);
}

/** Key of a non-fungible token's owner (the asset value in hex). */
export function nftOwnerKey(contract: string, token: string, asset: ClarityValue): string {
  return quadKey(contract, StoreType.NonFungibleToken, token, serializeToHex(asset));
}

/** `make_key_for_account`: `vm-account::<principal>::<store type>`. */
export function accountKey(who: PrincipalData, type: StoreType): string {
  return `vm-account::${principalToString(who)}::${type}`;
}

/** Key of an account's STX balance (`vm-account::<p>::19`). */
export function stxBalanceKey(who: PrincipalData): string {
  return accountKey(who, StoreType.STXBalance);
}

/** Key of an account's nonce (`vm-account::<p>::18`). */
export function nonceKey(who: PrincipalData): string {
  return accountKey(who, StoreType.Nonce);
}

/** `make_metadata_key`: `vm-metadata::<store type>::<name>`. */
export function metadataKey(type: StoreType, name: string): string {
  return `vm-metadata::${type}::${name}`;
}

/** The contract metadata entries (`ContractDataVarName`). */
export const ContractMetadata = {
  contract: metadataKey(StoreType.Contract, 'contract'),
  contractSize: metadataKey(StoreType.Contract, 'contract-size'),
  contractSrc: metadataKey(StoreType.Contract, 'contract-src'),
  contractDataSize: metadataKey(StoreType.Contract, 'contract-data-size'),
  /** `AnalysisDatabase::storage_key()`. */
  analysis: 'analysis',
} as const;

/** The metadata table key of a contract's entry: `clr-meta::<contract>::<key>`. */
export function metadataTableKey(contract: string, key: string): string {
  return `clr-meta::${contract}::${key}`;
}

/** Splits a metadata table key into contract and entry key (the contract id has no `::`). */
export function parseMetadataTableKey(key: string): { readonly contract: string; readonly key: string } | undefined {
  if (!key.startsWith('clr-meta::')) return undefined;
  const rest = key.slice('clr-meta::'.length);
  const i = rest.indexOf('::');
  return i < 0 ? undefined : { contract: rest.slice(0, i), key: rest.slice(i + 2) };
}

/** `make_contract_hash_key`: `clarity-contract::<contract>`. */
export function contractHashKey(contract: string): string {
  return `clarity-contract::${contract}`;
}

/** Fixed keys of chain-wide Clarity state. */
export const GlobalKeys = {
  liquidSupply: '_stx-data::ustx_liquid_supply',
  epochVersion: 'vm-epoch::epoch-version',
  tenureHeight: '_stx-data::tenure_height',
  blockTime: '_stx-data::clarity_storage::block_time',
  stxBtcOpsProcessed: 'vm_pox::stx_btc_ops::processed_blocks',
} as const;

// ---------------------------------------------------------------------------------------------
// Value encodings

function bad(what: string, value: string): never {
  throw new ClarityStateError('STATE_BAD_ENCODING', `cannot decode ${what}`, { value: value.slice(0, 100) });
}

/** A u128 or u64 as serde JSON writes it (a decimal number). */
export function encodeJsonInteger(n: bigint): string {
  return n.toString();
}

/** Reads a serde JSON integer. */
export function decodeJsonInteger(s: string): bigint {
  if (!/^(0|[1-9][0-9]*)$/.test(s)) bad('a JSON integer', s);
  return BigInt(s);
}

/** A u32 as the reference's `ClaritySerializable for u32`: 4 big-endian bytes in hex. */
export function encodeU32Hex(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a u32: ${n}`);
  return n.toString(16).padStart(8, '0');
}

/** Reads a u32 written by `encodeU32Hex`. */
export function decodeU32Hex(s: string): number {
  if (!/^[0-9a-f]{8}$/i.test(s)) bad('a u32', s);
  return parseInt(s, 16);
}

/** A principal as serde JSON: `{"Standard":[v,[20 bytes]]}` or `{"Contract":{"issuer":…,"name":…}}`. */
export function principalJson(p: PrincipalData): string {
  const issuer = `[${p.version},[${Array.from(p.hash160).join(',')}]]`;
  if (p.type === 'standard') return `{"Standard":${issuer}}`;
  return `{"Contract":{"issuer":${issuer},"name":${JSON.stringify(p.contractName)}}}`;
}

/** A contract commitment (`ContractCommitment`): SHA-512/256 of the source in hex, then the u32 height. */
export function encodeContractCommitment(source: string, blockHeight: number): string {
  return bytesToHex(sha512_256(utf8ToBytes(source))) + encodeU32Hex(blockHeight);
}

/** Reads a contract commitment. */
export function decodeContractCommitment(s: string): { readonly hash: Uint8Array; readonly blockHeight: number } {
  if (s.length !== 72 || !/^[0-9a-f]+$/i.test(s)) bad('a contract commitment', s);
  return { hash: hexToBytes(s.slice(0, 64)), blockHeight: decodeU32Hex(s.slice(64)) };
}

/** An STX balance (`STXBalance`): unlocked, or locked by one of the PoX versions. */
export type StxBalance =
  | { readonly kind: 'unlocked'; readonly amount: bigint }
  | {
      readonly kind: 'locked';
      /** The PoX contract version that locked it (1 to 5). */
      readonly pox: 1 | 2 | 3 | 4 | 5;
      readonly unlocked: bigint;
      readonly locked: bigint;
      readonly unlockHeight: bigint;
    };

/** A zero balance (what a missing key reads as). */
export const ZERO_STX_BALANCE: StxBalance = { kind: 'unlocked', amount: 0n };

const U128_MAX = (1n << 128n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

function writeBig(out: Uint8Array, offset: number, bytes: number, n: bigint, max: bigint): void {
  if (n < 0n || n > max) throw new RangeError(`value out of range: ${n}`);
  for (let i = bytes - 1; i >= 0; i--) {
    out[offset + i] = Number(n & 0xffn);
    n >>= 8n;
  }
}

function readBig(b: Uint8Array, offset: number, bytes: number): bigint {
  let n = 0n;
  for (let i = 0; i < bytes; i++) n = (n << 8n) | BigInt(b[offset + i]!);
  return n;
}

/** Encodes a balance: 40 bytes (unlocked, PoX-1) or a version byte and 40 bytes (PoX-2 to -5), in hex. */
export function encodeStxBalance(b: StxBalance): string {
  const versioned = b.kind === 'locked' && b.pox > 1;
  const out = new Uint8Array(versioned ? 41 : 40);
  const o = versioned ? 1 : 0;
  if (b.kind === 'locked' && versioned) out[0] = b.pox - 2;
  writeBig(out, o, 16, b.kind === 'unlocked' ? b.amount : b.unlocked, U128_MAX);
  writeBig(out, o + 16, 16, b.kind === 'unlocked' ? 0n : b.locked, U128_MAX);
  writeBig(out, o + 32, 8, b.kind === 'unlocked' ? 0n : b.unlockHeight, U64_MAX);
  return bytesToHex(out);
}

/** Decodes a balance; a zero locked amount reads as unlocked. */
export function decodeStxBalance(s: string): StxBalance {
  if (!/^([0-9a-f]{2})*$/i.test(s)) bad('an STX balance', s);
  const b = hexToBytes(s);
  let pox: 1 | 2 | 3 | 4 | 5;
  let o: number;
  if (b.length === 40) {
    pox = 1;
    o = 0;
  } else if (b.length === 41) {
    const v = b[0]!;
    if (v > 3) bad('an STX balance (unknown PoX version byte)', s);
    pox = (v + 2) as 2 | 3 | 4 | 5;
    o = 1;
  } else {
    return bad('an STX balance (bad length)', s);
  }
  const unlocked = readBig(b, o, 16);
  const locked = readBig(b, o + 16, 16);
  const unlockHeight = readBig(b, o + 32, 8);
  if (locked === 0n) return { kind: 'unlocked', amount: unlocked };
  return { kind: 'locked', pox, unlocked, locked, unlockHeight };
}

/** Burn heights at which each PoX version's locks end early (`u32::MAX` when not scheduled). */
export interface PoxUnlockHeights {
  readonly v1: number;
  readonly v2: number;
  readonly v3: number;
  readonly v4: number;
}

/** No early unlocks: every lock lasts until its own unlock height. */
export const NO_EARLY_UNLOCKS: PoxUnlockHeights = { v1: 0xffffffff, v2: 0xffffffff, v3: 0xffffffff, v4: 0xffffffff };

/** True when a locked balance can be unlocked at `burnHeight` (`has_unlockable_tokens_at_burn_block`). */
export function isUnlockable(b: StxBalance, burnHeight: number, early: PoxUnlockHeights = NO_EARLY_UNLOCKS): boolean {
  if (b.kind === 'unlocked') return false;
  const h = BigInt(burnHeight);
  if (h >= b.unlockHeight) return true;
  return burnHeight >= earlyUnlockHeight(b.pox, early);
}

function earlyUnlockHeight(pox: 1 | 2 | 3 | 4 | 5, early: PoxUnlockHeights): number {
  return pox === 1 ? early.v1 : pox === 2 ? early.v2 : pox === 3 ? early.v3 : pox === 4 ? early.v4 : 0xffffffff;
}

/** `effective_unlock_height`: the lock's unlock height, or its PoX version's early unlock if sooner (0 when unlocked). */
export function effectiveUnlockHeight(b: StxBalance, early: PoxUnlockHeights = NO_EARLY_UNLOCKS): bigint {
  if (b.kind === 'unlocked') return 0n;
  if (b.pox === 5) return b.unlockHeight;
  const e = BigInt(earlyUnlockHeight(b.pox, early));
  return b.unlockHeight >= e ? e : b.unlockHeight;
}

/** The balance as it stands at `burnHeight`: an expired lock becomes unlocked (`canonical_repr_at_block`). */
export function canonicalStxBalance(b: StxBalance, burnHeight: number, early: PoxUnlockHeights = NO_EARLY_UNLOCKS): StxBalance {
  if (b.kind === 'locked' && isUnlockable(b, burnHeight, early)) return { kind: 'unlocked', amount: b.unlocked + b.locked };
  return b;
}

/** The spendable amount at `burnHeight` (`get_available_balance_at_burn_block`). */
export function availableStx(b: StxBalance, burnHeight: number, early: PoxUnlockHeights = NO_EARLY_UNLOCKS): bigint {
  const c = canonicalStxBalance(b, burnHeight, early);
  return c.kind === 'unlocked' ? c.amount : c.unlocked;
}

/** Total STX held, locked or not. */
export function totalStx(b: StxBalance): bigint {
  return b.kind === 'unlocked' ? b.amount : b.unlocked + b.locked;
}

/** `StacksEpochId as u32`: the number `vm-epoch::epoch-version` stores for each epoch. */
export const EPOCH_VERSION_NUMBER = {
  Epoch10: 0x01000,
  Epoch20: 0x02000,
  Epoch2_05: 0x02005,
  Epoch21: 0x0200a,
  Epoch22: 0x0200f,
  Epoch23: 0x02014,
  Epoch24: 0x02019,
  Epoch25: 0x0201a,
  Epoch30: 0x03000,
  Epoch31: 0x03001,
  Epoch32: 0x03002,
  Epoch33: 0x03003,
  Epoch34: 0x03004,
  Epoch40: 0x04000,
  Epoch41: 0x04001,
} as const;

/**
 * A type as the reference's serde JSON of `TypeSignature` (externally tagged enums, tuple fields
 * in byte order), as its per-definition metadata entries store it (`typeSignatureSerde`).
 */
export function typeSignatureJson(t: TypeSignature): string {
  return typeSignatureSerde(t);
}

/** `DataVariableMetadata` JSON (`vm-metadata::6::<name>`). */
export function dataVariableMetadataJson(valueType: TypeSignature): string {
  return `{"value_type":${typeSignatureJson(valueType)}}`;
}

/** `DataMapMetadata` JSON (`vm-metadata::5::<name>`). */
export function dataMapMetadataJson(keyType: TypeSignature, valueType: TypeSignature): string {
  return `{"key_type":${typeSignatureJson(keyType)},"value_type":${typeSignatureJson(valueType)}}`;
}

/** `FungibleTokenMetadata` JSON (`vm-metadata::7::<name>`). */
export function fungibleTokenMetadataJson(totalSupply: bigint | null): string {
  return `{"total_supply":${totalSupply === null ? 'null' : totalSupply.toString()}}`;
}

/** `NonFungibleTokenMetadata` JSON (`vm-metadata::8::<name>`). */
export function nonFungibleTokenMetadataJson(keyType: TypeSignature): string {
  return `{"key_type":${typeSignatureJson(keyType)}}`;
}
