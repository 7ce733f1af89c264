/**
 * `MarfedKV`: a forked key-value store with string keys and byte values, built the way the
 * reference's Clarity backing store is (stacks-core `clarity_vm/database/marf.rs` `MarfedKV` and
 * `clarity/src/vm/database/sqlite.rs` `data_table`). The MARF maps each key to the MARF value of
 * its bytes (SHA-512/256 of the bytes, padded with 8 zero bytes to 40: `MARFValue::from_value`),
 * and a side store maps the hex of that MARF value to the bytes themselves.
 *
 * To reproduce the reference's MARF values (and so its root hashes) for Clarity data, store the
 * UTF-8 bytes of the same strings the reference stores (hex-serialized Clarity values).
 *
 * Crash safety: side-store rows are content-addressed (the key is the hash of the value), so a
 * transaction writes its rows in one SQLite transaction before it commits the MARF block. If the
 * process dies in between, the block is absent and the rows are orphans: harmless, since a row
 * can only ever hold the bytes its key names, and a later block storing the same bytes reuses it.
 * Rows are never deleted (the MARF has no delete, and any block may still read an old value).
 *
 * The side store also keeps the reference's `metadata_table`: string rows keyed by (block id, key)
 * that are not in the MARF (Clarity's contract analysis and source). A transaction's metadata rows
 * go into the same SQLite transaction as its data rows, before the MARF block commits: rows of a
 * block that never committed are orphans nobody reads, and a later commit of the same block id
 * replaces them.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { bytesToHex, noopLogger, type Logger } from '@stacks-ts/common';
import { sha512_256 } from '@stacks-ts/codec';
import { MarfError, MarfErrorCode } from './errors.ts';
import { openMarf, type BlockIdInput, type Marf, type MarfTransaction, type MarfValueWithProof } from './marf.ts';
import {
  SIDE_STORE_SCHEMA_VERSION,
  createQueryBuilder,
  prepareCompiled,
  sideStoreDdl,
  type SideStoreSchema,
} from './schema.ts';
import { verifyMarfProof, type RootToBlock, type TrieMerkleProof } from './proofs.ts';
import { marfValueFromHash } from './values.ts';

/** Name of the side store database inside a `MarfedKV` directory. */
export const SIDE_STORE_FILE_NAME = 'sidestore.sqlite';

/** Options of `openMarfedKV`. */
export interface MarfedKVOptions {
  /** Directory of the MARF and its side store (created if missing); in memory when absent. */
  readonly path?: string;
  /** Logger (no-op by default). */
  readonly logger?: Logger;
}

/** What `MarfedKV.getWithProof` returns. */
export interface MarfedKVProof {
  /** The stored bytes, or `null` when the key is absent at the tip. */
  readonly value: Uint8Array | null;
  /** The 40-byte MARF value the proof is about (`marfValueOfBytes(value)`), or `null`. */
  readonly marfValue: Uint8Array | null;
  /** The MARF proof, as `Marf.getWithProof` returns it. */
  readonly proof: MarfValueWithProof['proof'];
  /** Ancestor trie root hash (hex) to block id, as `Marf.getWithProof` returns it. */
  readonly rootToBlock: MarfValueWithProof['rootToBlock'];
}

/** One open block of a `MarfedKV`: buffered writes, committed together. */
export interface MarfedKVTransaction {
  /** The block being written. */
  readonly blockId: Uint8Array;
  /** Stores `value` under `key` in this block (overwrites any earlier value). */
  put(key: string, value: Uint8Array): void;
  /** The value of `key` as this block sees it (its own writes over its ancestors'), or `null`. */
  get(key: string): Uint8Array | null;
  /** Stores a metadata row (not in the MARF) written by this block: `MarfedKV.getMetadata(blockId, key)` reads it. */
  putMetadata(key: string, value: string): void;
  /** Writes the side-store rows, then commits the MARF block (durable when it returns); returns its root hash. */
  commit(): Uint8Array;
  /** Drops the block; a new `begin` on the same parent then works. */
  abort(): void;
}

/** The MARF value `MarfedKV` stores for `value`: SHA-512/256 of the bytes, padded to 40 bytes. */
export function marfValueOfBytes(value: Uint8Array): Uint8Array {
  return marfValueFromHash(sha512_256(value));
}

/**
 * Checks a `MarfedKV` proof: that `proof` shows `key` holding the MARF value of `value` (its
 * padded SHA-512/256) under `rootHash`. The bytes themselves are what the caller trusts, so a
 * tampered value fails like a tampered proof. Never throws.
 */
export function verifyMarfedKVProof(
  proof: TrieMerkleProof | Uint8Array,
  rootHash: Uint8Array,
  key: string,
  value: Uint8Array,
  rootToBlock: RootToBlock,
): boolean {
  if (!(value instanceof Uint8Array)) return false;
  return verifyMarfProof(proof, rootHash, key, marfValueOfBytes(value), rootToBlock);
}

/** Where a `MarfedKV` keeps value bytes, by the hex of their 40-byte MARF value. */
export interface SideStore {
  /** The bytes stored under `key`, or `null`. */
  get(key: string): Uint8Array | null;
  /**
   * Stores every row atomically (a row already present keeps its bytes: same key, same bytes),
   * together with block `blockHex`'s metadata rows (which replace any earlier ones of that block).
   */
  putAll(rows: ReadonlyMap<string, Uint8Array>, blockHex?: string, metadata?: ReadonlyMap<string, string>): void;
  /** The metadata row block `blockHex` wrote under `key`, or `null`. */
  getMetadata(blockHex: string, key: string): string | null;
  /** Releases the store. Safe to call twice. */
  close(): void;
}

/** A MARF plus a side store holding the bytes whose hashes the MARF holds; see the module TSDoc. */
export class MarfedKV {
  /** The underlying MARF (root hashes, heights, raw MARF values). */
  readonly marf: Marf;
  readonly #side: SideStore;
  #closed = false;

  /** Use `openMarfedKV`. */
  constructor(marf: Marf, side: SideStore) {
    this.marf = marf;
    this.#side = side;
  }

  /**
   * Opens a new block `blockId` on top of `parentBlockId` (32 x 0xff for the first block); block
   * ids are 32 bytes or their 64-character hex, as `Marf.begin` takes them.
   */
  begin(parentBlockId: BlockIdInput, blockId: BlockIdInput): MarfedKVTransaction {
    this.#open();
    return createTransaction(this.marf.begin(parentBlockId, blockId), this.#side);
  }

  /** The value of `key` at block `tip`, or `null` when absent. */
  get(tip: BlockIdInput, key: string): Uint8Array | null {
    this.#open();
    const marfValue = this.marf.get(tip, key);
    return marfValue === null ? null : this.#fetch(marfValue, key);
  }

  /** The value of `key` at `tip` with a MARF proof of its MARF value. */
  getWithProof(tip: BlockIdInput, key: string): MarfedKVProof {
    this.#open();
    const { value: marfValue, proof, rootToBlock } = this.marf.getWithProof(tip, key);
    const value = marfValue === null ? null : this.#fetch(marfValue, key);
    return { value, marfValue, proof, rootToBlock };
  }

  /**
   * The metadata row block `blockId` wrote under `key` (`MarfedKVTransaction.putMetadata`), or
   * `null`. Rows are per block, not per fork: the caller names the block that wrote the row.
   */
  getMetadata(blockId: BlockIdInput, key: string): string | null {
    this.#open();
    return this.#side.getMetadata(blockIdHex(blockId), key);
  }

  /** Closes the MARF and the side store. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.marf.close();
    } finally {
      this.#side.close();
    }
  }

  #fetch(marfValue: Uint8Array, key: string): Uint8Array {
    const value = this.#side.get(bytesToHex(marfValue));
    if (value === null) {
      throw new MarfError(MarfErrorCode.Corruption, 'the MARF holds a value hash that the side store lacks', {
        key,
        marfValue: bytesToHex(marfValue),
      });
    }
    return value;
  }

  #open(): void {
    if (this.#closed) throw new MarfError(MarfErrorCode.Closed, 'the MarfedKV is closed');
  }
}

/** Opens a `MarfedKV` at `opts.path` (created if missing), or in memory without a path. */
export function openMarfedKV(opts: MarfedKVOptions = {}): MarfedKV {
  const logger = opts.logger ?? noopLogger;
  if (opts.path === undefined) return new MarfedKV(openMarf({ logger }), createMemorySideStore());
  const marf = openMarf({ path: opts.path, logger });
  try {
    return new MarfedKV(marf, openSqliteSideStore(nodePath.join(nodePath.resolve(opts.path), SIDE_STORE_FILE_NAME)));
  } catch (err) {
    marf.close();
    throw err;
  }
}

function createTransaction(tx: MarfTransaction, side: SideStore): MarfedKVTransaction {
  // Bytes written in this block, by the hex of their MARF value, and its metadata rows.
  const pending = new Map<string, Uint8Array>();
  const metadata = new Map<string, string>();
  return {
    blockId: tx.blockId,
    put(key, value) {
      if (!(value instanceof Uint8Array)) {
        throw new MarfError(MarfErrorCode.InvalidArgument, 'a MarfedKV value must be a Uint8Array', { key });
      }
      const marfValue = marfValueOfBytes(value);
      tx.insert(key, marfValue);
      pending.set(bytesToHex(marfValue), value.slice());
    },
    get(key) {
      const marfValue = tx.get(key);
      if (marfValue === null) return null;
      const hex = bytesToHex(marfValue);
      const value = pending.get(hex) ?? side.get(hex);
      if (value === null) {
        throw new MarfError(MarfErrorCode.Corruption, 'the MARF holds a value hash that the side store lacks', {
          key,
          marfValue: hex,
        });
      }
      return value;
    },
    putMetadata(key, value) {
      if (typeof key !== 'string' || typeof value !== 'string') {
        throw new MarfError(MarfErrorCode.InvalidArgument, 'a metadata key and value must be strings', { key });
      }
      metadata.set(key, value);
    },
    commit() {
      // Side-store rows first: orphans if the block never commits, which is harmless.
      side.putAll(pending, bytesToHex(tx.blockId), metadata);
      const root = tx.commit();
      pending.clear();
      metadata.clear();
      return root;
    },
    abort() {
      pending.clear();
      metadata.clear();
      tx.abort();
    },
  };
}

function createMemorySideStore(): SideStore {
  const rows = new Map<string, Uint8Array>();
  const metadata = new Map<string, Map<string, string>>();
  return {
    get: (key) => rows.get(key) ?? null,
    putAll(next, blockHex, meta) {
      for (const [k, v] of next) rows.set(k, v);
      if (blockHex !== undefined && meta !== undefined && meta.size > 0) metadata.set(blockHex, new Map(meta));
    },
    getMetadata: (blockHex, key) => metadata.get(blockHex)?.get(key) ?? null,
    close() {
      rows.clear();
      metadata.clear();
    },
  };
}

function blockIdHex(blockId: BlockIdInput): string {
  if (typeof blockId === 'string') return blockId.toLowerCase();
  return bytesToHex(blockId);
}

// The side store: `data_table` in its own SQLite file next to the trie index, WAL with
// synchronous=FULL (so rows are on disk before the MARF block that needs them commits), and the
// same exclusive locking as the trie index (an OS lock that dies with the process).
function openSqliteSideStore(file: string): SideStore {
  fs.mkdirSync(nodePath.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('BEGIN IMMEDIATE');
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      // Version 0 is a new file; version 1 lacks metadata_table, which the same DDL adds.
      if (version === 0 || version === 1) {
        for (const q of sideStoreDdl()) db.prepare(q.sql).run();
        db.pragma(`user_version = ${SIDE_STORE_SCHEMA_VERSION}`);
      } else if (version !== SIDE_STORE_SCHEMA_VERSION) {
        throw new MarfError(MarfErrorCode.Corruption, 'unknown side store schema version', { path: file, version });
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } catch (err) {
    db.close();
    if (err instanceof MarfError) throw err;
    throw new MarfError(MarfErrorCode.Storage, 'cannot open the side store', { path: file }, { cause: err });
  }
  const q = createQueryBuilder<SideStoreSchema>();
  const select = prepareCompiled(db, q.selectFrom('data_table').select('value').where('key', '=', '').compile());
  select.pluck();
  const insert = prepareCompiled(
    db,
    q
      .insertInto('data_table')
      .values({ key: '', value: new Uint8Array(0) })
      .onConflict((oc) => oc.column('key').doNothing())
      .compile(),
  );
  const selectMetadata = prepareCompiled(
    db,
    q.selectFrom('metadata_table').select('value').where('blockhash', '=', '').where('key', '=', '').compile(),
  );
  selectMetadata.pluck();
  const deleteMetadata = prepareCompiled(db, q.deleteFrom('metadata_table').where('blockhash', '=', '').compile());
  const insertMetadata = prepareCompiled(
    db,
    q.insertInto('metadata_table').values({ blockhash: '', key: '', value: '' }).compile(),
  );
  const putAll = db.transaction(
    (rows: ReadonlyMap<string, Uint8Array>, blockHex: string | undefined, meta: ReadonlyMap<string, string> | undefined) => {
      for (const [k, v] of rows) insert.run(k, v);
      if (blockHex === undefined || meta === undefined || meta.size === 0) return;
      // A block id committed again after a crash replaces the orphan rows of its first attempt.
      deleteMetadata.run(blockHex);
      for (const [k, v] of meta) insertMetadata.run(blockHex, k, v);
    },
  );
  let closed = false;
  return {
    get(key) {
      if (closed) throw new MarfError(MarfErrorCode.Closed, 'the side store is closed');
      const v = select.get(key) as Uint8Array | undefined;
      return v === undefined ? null : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    },
    putAll(rows, blockHex, meta) {
      if (closed) throw new MarfError(MarfErrorCode.Closed, 'the side store is closed');
      if (rows.size === 0 && (meta === undefined || meta.size === 0)) return;
      try {
        putAll(rows, blockHex, meta);
      } catch (err) {
        throw new MarfError(MarfErrorCode.Storage, 'cannot write the side store', { path: file }, { cause: err });
      }
    },
    getMetadata(blockHex, key) {
      if (closed) throw new MarfError(MarfErrorCode.Closed, 'the side store is closed');
      const v = selectMetadata.get(blockHex, key) as string | undefined;
      return v ?? null;
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
