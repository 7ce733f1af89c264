/**
 * `ClarityDB`: the typed storage the evaluator uses (data variables, maps, token balances and
 * supplies, NFT owners, STX accounts, contract commitments and metadata) over a nested
 * `KeyValueBackend`, with the reference's keys and value encodings (`keys.ts`).
 */
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { decodeClarityValue, encodeClarityValue } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData, TypeSignature } from '@stacks-ts/codec';
import { setDeclaredTypes } from '../natives/value-types.ts';
import type { KeyValueBackend } from './kv.ts';
import { MemoryBackend } from './kv.ts';
import {
  ClarityStateError,
  GlobalKeys,
  ZERO_STX_BALANCE,
  contractHashKey,
  decodeContractCommitment,
  decodeJsonInteger,
  decodeStxBalance,
  decodeU32Hex,
  encodeContractCommitment,
  encodeJsonInteger,
  encodeStxBalance,
  encodeU32Hex,
  metadataTableKey,
  nonceKey,
  stxBalanceKey,
} from './keys.ts';
import type { StxBalance } from './keys.ts';

const NONE_HEX = '09';

/** Typed Clarity storage over a key-value backend. */
export class ClarityDB {
  constructor(readonly backend: KeyValueBackend = new MemoryBackend()) {}

  /** Opens a nested transaction. */
  begin(): void {
    this.backend.begin();
  }

  /** Commits the innermost transaction. */
  commit(): void {
    this.backend.commit();
  }

  /** Rolls back the innermost transaction. */
  rollback(): void {
    this.backend.rollback();
  }

  /** Reads a value stored under `key`, typed as `type` when given. */
  getValue(key: string, type?: TypeSignature): ClarityValue | undefined {
    const hex = this.backend.get(key);
    if (hex === undefined || hex === '') return undefined;
    return decodeHex(hex, type);
  }

  /** Stores a value as its SIP-005 hex (undefined writes the empty string, read back as absent). */
  setValue(key: string, value: ClarityValue | undefined): void {
    this.backend.put(key, value === undefined ? '' : bytesToHex(encodeClarityValue(value)));
  }

  /**
   * Reads an optional-wrapped entry (map entries, NFT owners): the inner value of a stored
   * `(some v)`, or undefined for `none` or a missing key. `type` is the inner value's type.
   */
  getSomeValue(key: string, type?: TypeSignature): ClarityValue | undefined {
    const hex = this.backend.get(key);
    if (hex === undefined || hex === '' || hex === NONE_HEX) return undefined;
    // `(some v)` is the 0x0a prefix and v's own serialization.
    if (!hex.startsWith('0a')) throw new ClarityStateError('STATE_BAD_ENCODING', 'expected an optional entry', { key });
    return decodeHex(hex.slice(2), type);
  }

  /** Writes an optional-wrapped entry: `(some value)`, or `none` to delete (the MARF has no delete). */
  setSomeValue(key: string, value: ClarityValue | undefined): void {
    if (value === undefined) {
      this.backend.put(key, NONE_HEX);
      return;
    }
    this.backend.put(key, bytesToHex(encodeClarityValue({ type: 'optional', value })));
  }

  /** Reads an unsigned integer counter stored as a JSON number (token balances, supplies), 0 when absent. */
  getUint(key: string): bigint {
    const s = this.backend.get(key);
    return s === undefined || s === '' ? 0n : decodeJsonInteger(s);
  }

  /** Writes an unsigned integer counter as a JSON number. */
  setUint(key: string, value: bigint): void {
    this.backend.put(key, encodeJsonInteger(value));
  }

  /** Reads a raw string entry. */
  getString(key: string): string | undefined {
    const s = this.backend.get(key);
    return s === '' ? undefined : s;
  }

  /** Writes a raw string entry. */
  setString(key: string, value: string): void {
    this.backend.put(key, value);
  }

  /** An account's STX balance as stored (zero when absent). */
  getStxBalance(who: PrincipalData): StxBalance {
    const s = this.backend.get(stxBalanceKey(who));
    return s === undefined || s === '' ? ZERO_STX_BALANCE : decodeStxBalance(s);
  }

  /** Stores an account's STX balance. */
  setStxBalance(who: PrincipalData, balance: StxBalance): void {
    this.backend.put(stxBalanceKey(who), encodeStxBalance(balance));
  }

  /** An account's nonce (0 when absent). */
  getNonce(who: PrincipalData): bigint {
    return this.getUint(nonceKey(who));
  }

  /** Stores an account's nonce. */
  setNonce(who: PrincipalData, nonce: bigint): void {
    this.setUint(nonceKey(who), nonce);
  }

  /** The liquid µSTX supply (`_stx-data::ustx_liquid_supply`, a Clarity uint), 0 when absent. */
  getLiquidSupply(): bigint {
    const v = this.getValue(GlobalKeys.liquidSupply);
    if (v === undefined) return 0n;
    if (v.type !== 'uint') throw new ClarityStateError('STATE_BAD_ENCODING', 'liquid supply is not a uint');
    return v.value;
  }

  /** Stores the liquid µSTX supply. */
  setLiquidSupply(amount: bigint): void {
    this.setValue(GlobalKeys.liquidSupply, { type: 'uint', value: amount });
  }

  /** The stored Clarity epoch (`vm-epoch::epoch-version`, a u32 `StacksEpochId`), if any. */
  getEpochVersion(): number | undefined {
    const s = this.getString(GlobalKeys.epochVersion);
    return s === undefined ? undefined : decodeU32Hex(s);
  }

  /** Stores the Clarity epoch as its u32 `StacksEpochId` number. */
  setEpochVersion(epochId: number): void {
    this.setString(GlobalKeys.epochVersion, encodeU32Hex(epochId));
  }

  /** The stored tenure height (3.0+), if any. */
  getTenureHeight(): number | undefined {
    const s = this.getString(GlobalKeys.tenureHeight);
    return s === undefined ? undefined : decodeU32Hex(s);
  }

  /** Stores the tenure height. */
  setTenureHeight(height: number): void {
    this.setString(GlobalKeys.tenureHeight, encodeU32Hex(height));
  }

  /** The stored block time (3.3+, a u64 JSON number), if any. */
  getBlockTime(): bigint | undefined {
    const s = this.getString(GlobalKeys.blockTime);
    return s === undefined ? undefined : decodeJsonInteger(s);
  }

  /** Stores the block time. */
  setBlockTime(time: bigint): void {
    this.setString(GlobalKeys.blockTime, encodeJsonInteger(time));
  }

  /** Writes `clarity-contract::<id>` = SHA-512/256(source) ‖ u32 deploy height (`insert_contract_hash`). */
  setContractCommitment(contract: string, source: string, blockHeight: number): void {
    this.setString(contractHashKey(contract), encodeContractCommitment(source, blockHeight));
  }

  /** The contract's commitment (source hash and deploy height), or undefined when not deployed. */
  getContractCommitment(contract: string): { readonly hash: Uint8Array; readonly blockHeight: number } | undefined {
    const s = this.getString(contractHashKey(contract));
    return s === undefined ? undefined : decodeContractCommitment(s);
  }

  /** A contract's metadata entry (`clr-meta::<contract>::<key>`). */
  getMetadata(contract: string, key: string): string | undefined {
    return this.getString(metadataTableKey(contract, key));
  }

  /** Inserts a contract's metadata entry; an existing entry is an error, as in the reference. */
  insertMetadata(contract: string, key: string, value: string): void {
    const k = metadataTableKey(contract, key);
    if (this.getString(k) !== undefined) {
      throw new ClarityStateError('STATE_METADATA_EXISTS', `metadata entry ${key} already exists for ${contract}`, { contract, key });
    }
    this.setString(k, value);
  }
}

function decodeHex(hex: string, type: TypeSignature | undefined): ClarityValue {
  const bytes = hexToBytes(hex);
  const v = type === undefined ? decodeClarityValue(bytes) : decodeClarityValue(bytes, { expectedType: type, sanitize: false });
  if (type !== undefined) setDeclaredTypes(v, type);
  return v;
}
