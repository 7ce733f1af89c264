/**
 * `TrieStorage` in memory, for tests and tools: the same contract as the SQLite storage (local
 * ids from 1 in commit order, a block id committed once), without durability.
 */
import { bytesToHex } from '@stacks-ts/common';
import { MarfError, MarfErrorCode } from './errors.ts';
import { clampBlobRange, type TrieRecord, type TrieStorage, type TrieToCommit } from './storage.ts';

/** A `TrieStorage` that keeps every trie in memory. */
export function createMemoryTrieStorage(): TrieStorage {
  const byBlock = new Map<string, TrieRecord>();
  const records: (TrieRecord | undefined)[] = [];
  const blobs: (Uint8Array | undefined)[] = [];
  let closed = false;

  const open = (): void => {
    if (closed) throw new MarfError(MarfErrorCode.Closed, 'trie storage is closed');
  };

  return {
    getRecord(blockId) {
      open();
      return byBlock.get(bytesToHex(blockId)) ?? null;
    },
    getRecordByLocalId(localId) {
      open();
      return records[localId] ?? null;
    },
    readBlob(localId) {
      open();
      const blob = blobs[localId];
      if (blob === undefined) throw new MarfError(MarfErrorCode.BlockNotFound, `no trie with local id ${localId}`, { localId });
      return blob;
    },
    readBlobRange(localId, offset, length) {
      open();
      const blob = blobs[localId];
      if (blob === undefined) throw new MarfError(MarfErrorCode.BlockNotFound, `no trie with local id ${localId}`, { localId });
      const n = clampBlobRange(localId, offset, length, blob.length);
      return blob.subarray(offset, offset + n);
    },
    commit(trie: TrieToCommit) {
      open();
      const key = bytesToHex(trie.blockId);
      if (byBlock.has(key)) throw new MarfError(MarfErrorCode.BlockExists, `block ${key} is already committed`, { blockId: key });
      const localId = records.length === 0 ? 1 : records.length;
      const record: TrieRecord = {
        localId,
        blockId: trie.blockId.slice(),
        parentBlockId: trie.parentBlockId.slice(),
        height: trie.height,
        rootHash: trie.rootHash.slice(),
      };
      records[localId] = record;
      blobs[localId] = trie.blob;
      byBlock.set(key, record);
      return record;
    },
    close() {
      closed = true;
    },
  };
}
