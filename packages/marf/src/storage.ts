/**
 * Where tries live. The MARF core turns each block's writes into one serialized trie (a blob of
 * nodes whose in-trie pointers are offsets into the blob and whose back-pointers name another
 * block's trie by its local id) and hands it to a `TrieStorage` to commit atomically. Two
 * implementations: `createMemoryTrieStorage()` for tests and tools, and the file + SQLite one in
 * `sqlite-storage.ts` for nodes (an append-only trie file holding the blobs and a SQLite index from
 * block id to blob, committed so that a killed process leaves every earlier block intact and the
 * interrupted one either complete or absent).
 *
 * All methods are synchronous (better-sqlite3 is synchronous, and an async trie was a measured
 * cost in ethereumjs).
 */
import { MarfError, MarfErrorCode } from './errors.ts';

/** What the index records about one committed block's trie. */
export interface TrieRecord {
  /** Small integer id of the trie, used by back-pointers (the reference's `block_id` row id). */
  readonly localId: number;
  /** The 32-byte block id (`StacksBlockId` or any 32-byte MARF trie id). */
  readonly blockId: Uint8Array;
  /** The parent's block id (32 x 0xff for the first block). */
  readonly parentBlockId: Uint8Array;
  /** Trie height: 0 for the first block, parent + 1 otherwise. */
  readonly height: number;
  /** The final root hash (with the ancestor skip-list mixed in). */
  readonly rootHash: Uint8Array;
}

/** A committed trie's bytes and the index record that names it. */
export interface TrieToCommit {
  readonly blockId: Uint8Array;
  readonly parentBlockId: Uint8Array;
  readonly height: number;
  readonly rootHash: Uint8Array;
  /** The serialized trie (the core's node storage format; opaque to the storage). */
  readonly blob: Uint8Array;
}

/** Storage for committed tries. */
export interface TrieStorage {
  /** The record of a committed block, or `null` if the block is unknown. */
  getRecord(blockId: Uint8Array): TrieRecord | null;
  /** The record of a committed trie by local id, or `null`. */
  getRecordByLocalId(localId: number): TrieRecord | null;
  /** The whole serialized trie of a committed block (by local id). Throws if absent. */
  readBlob(localId: number): Uint8Array;
  /**
   * Up to `length` bytes of trie `localId`'s blob from byte `offset`: fewer only where the blob
   * ends (an `offset` equal to the blob's length gives no bytes). This is how the MARF reads one
   * node without the rest of its trie. Throws `MARF_BLOCK_NOT_FOUND` for an unknown trie,
   * `MARF_INVALID_ARGUMENT` for an offset or length that is not a non-negative integer or an
   * offset past the blob's end, `MARF_CORRUPTION` when the stored bytes are missing (a torn
   * file). The bytes are not checked here (a record carries its own checksum); they may be
   * shared with a cache: callers must not modify them.
   */
  readBlobRange(localId: number, offset: number, length: number): Uint8Array;
  /**
   * Optional: the same range read into `out` (from its start; it must hold `length` bytes)
   * instead of a new array, for a storage whose range reads copy anyway; returns how many bytes
   * it read. The MARF reads node records through it into buffers of its own when present.
   */
  readBlobRangeInto?(localId: number, offset: number, length: number, out: Uint8Array): number;
  /**
   * Durably stores a new block's trie and returns its record (with its new local id). When this
   * returns, the block survives a killed process; if the process dies inside it, the block is
   * either fully present or absent on the next open. Throws a `MarfError` if `blockId` exists.
   */
  commit(trie: TrieToCommit): TrieRecord;
  /** Releases files and handles. Safe to call twice. */
  close(): void;
}

/**
 * Checks a `readBlobRange(localId, offset, length)` request against a blob of `blobLength` bytes
 * and returns how many bytes it reads (`length`, or less at the blob's end).
 */
export function clampBlobRange(localId: number, offset: number, length: number, blobLength: number): number {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new MarfError(MarfErrorCode.InvalidArgument, 'a blob range needs a non-negative integer offset and length', {
      localId,
      offset,
      length,
    });
  }
  if (offset > blobLength) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `offset ${offset} is past the end of trie ${localId}'s blob`, {
      localId,
      offset,
      blobLength,
    });
  }
  return Math.min(length, blobLength - offset);
}
