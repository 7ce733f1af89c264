/**
 * `ClarityDB`: the typed storage the evaluator uses (data variables, maps, token balances and
 * supplies, NFT owners, STX balances), kept as SIP-005 hex values in a `KeyValueBackend`.
 */
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { decodeClarityValue, encodeClarityValue } from '@stacks-ts/codec';
import type { ClarityValue, TypeSignature } from '@stacks-ts/codec';
import { setDeclaredTypes } from '../natives/value-types.ts';
import type { KeyValueBackend } from './kv.ts';
import { MemoryBackend } from './kv.ts';

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
    const bytes = hexToBytes(hex);
    const v = type === undefined ? decodeClarityValue(bytes) : decodeClarityValue(bytes, { expectedType: type, sanitize: false });
    if (type !== undefined) setDeclaredTypes(v, type);
    return v;
  }

  /** Stores a value (undefined deletes it). */
  setValue(key: string, value: ClarityValue | undefined): void {
    this.backend.put(key, value === undefined ? '' : bytesToHex(encodeClarityValue(value)));
  }

  /** Reads an unsigned integer counter (balances, supplies), 0 when absent. */
  getUint(key: string): bigint {
    const s = this.backend.get(key);
    return s === undefined || s === '' ? 0n : BigInt(s);
  }

  /** Writes an unsigned integer counter. */
  setUint(key: string, value: bigint): void {
    this.backend.put(key, value.toString());
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
}
