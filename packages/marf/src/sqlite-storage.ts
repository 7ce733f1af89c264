/**
 * The on-disk `TrieStorage`: an append-only trie file holding every committed trie's blob, and a
 * SQLite index (better-sqlite3, WAL) from block id to the blob's place in the file.
 *
 * Layout of the directory given to `openSqliteTrieStorage(path)`:
 * - `marf.blobs`: an 8-byte magic header (`STXMARF` and the format version, 3: trie blob
 *   version 3, whose node records carry their length, CRC-32 and same-trie children's hashes), then
 *   the blobs back to back in commit order.
 * - `index.sqlite` (+ its `-wal` while open): table `marf_data`, one row per committed trie
 *   (local id, block id, parent id, height, root hash, blob offset and length, blob SHA-512/256).
 *
 * Commit protocol: append the blob at the end of the trie file (and fdatasync it), then insert the
 * row (one SQLite transaction). A block exists exactly when its row does. A process killed before
 * the row commits leaves only unindexed bytes past the last indexed blob; the next open truncates
 * them. A row is never written before its bytes are in the file, and SQLite's WAL makes the row
 * itself all-or-nothing, so a killed process leaves every block either complete or absent.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { bytesToHex, equalBytes, noopLogger, type Logger } from '@stacks-ts/common';
import { sha512_256 } from '@stacks-ts/codec';
import { MarfError, MarfErrorCode } from './errors.ts';
import {
  TRIE_INDEX_SCHEMA_VERSION,
  createQueryBuilder,
  prepareCompiled,
  trieIndexDdl,
  type TrieIndexSchema,
} from './schema.ts';
import { clampBlobRange, type TrieRecord, type TrieStorage, type TrieToCommit } from './storage.ts';

/** Name of the append-only trie file inside the storage directory. */
export const TRIE_FILE_NAME = 'marf.blobs';
/** Name of the SQLite index database inside the storage directory. */
export const TRIE_INDEX_FILE_NAME = 'index.sqlite';
/** The 8 bytes at the start of the trie file: `STXMARF` and a format version byte. */
export const TRIE_FILE_MAGIC = Uint8Array.of(0x53, 0x54, 0x58, 0x4d, 0x41, 0x52, 0x46, 0x03);

/** Options of `openSqliteTrieStorage`. */
export interface SqliteTrieStorageOptions {
  /** Logger for open, recovery and corruption events (no-op by default). */
  readonly logger?: Logger;
  /**
   * How hard `commit()` pushes bytes to disk. In every mode a block whose `commit()` returned
   * survives a killed process: its bytes have been handed to the OS (whose page cache outlives
   * the process) and the trie file is written before the index row that points into it. The
   * modes differ on an OS crash or power cut:
   * - `'full'` (default): the trie file is fdatasync'ed before the row is inserted, and SQLite
   *   runs with `synchronous=FULL` (the WAL is synced at every commit): a returned commit
   *   survives a power cut too. Two syncs a commit (1 to 5 ms on our test VM).
   * - `'normal'`: the reference's choice (stacks-core fsyncs its trie file and runs SQLite with
   *   `synchronous=NORMAL`): the trie file is synced, the index is not, so a power cut can roll
   *   back the last few commits, but never leaves an index row whose blob is missing. One sync.
   * - `'off'`: no sync at all (`synchronous=OFF`). A power cut can lose commits or leave an
   *   index row whose blob never reached the disk (the next open or read reports
   *   `MARF_CORRUPTION`). For tests, benchmarks and throwaway stores.
   */
  readonly sync?: 'full' | 'normal' | 'off';
  /**
   * Byte budget of the in-memory cache of whole blobs read by `readBlob` (default 128 MiB; 0
   * disables). The MARF itself reads nodes with `readBlobRange`, which reads the file (through
   * the OS page cache) unless the blob happens to be cached.
   */
  readonly cacheBytes?: number;
}

/** A `TrieStorage` backed by a trie file and a SQLite index; see `openSqliteTrieStorage`. */
export interface SqliteTrieStorage extends TrieStorage {
  /** The storage directory. */
  readonly path: string;
  /** Number of committed tries. */
  count(): number;
}

const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;
const RECORD_CACHE_ENTRIES = 16_384;
const BLOCK_ID_LENGTH = 32;
const HASH_LENGTH = 32;

interface MarfDataRow {
  local_id: number;
  block_hash: Uint8Array;
  parent_hash: Uint8Array;
  height: number;
  root_hash: Uint8Array;
  blob_offset: number;
  blob_length: number;
  blob_sha512_256: Uint8Array;
}

interface BlobLocation {
  readonly offset: number;
  readonly length: number;
  readonly checksum: Uint8Array;
}

/**
 * Opens (creating it and its parents if needed) the trie storage in directory `path`.
 *
 * Durability: once `commit()` returns, the block survives a killed process in every `sync` mode,
 * and with the default `sync: 'full'` a power cut too (see `SqliteTrieStorageOptions.sync`).
 *
 * Crash recovery happens here: bytes of the trie file past the end of the last indexed blob
 * belong to a commit that never finished and are truncated away; SQLite rolls its WAL forward or
 * back by itself. No lock file of ours exists: the index is opened with SQLite's exclusive locking
 * mode, whose lock is an OS advisory lock that dies with the process, so a second open of the same
 * directory while this one is open (in this process or another) fails with `MARF_LOCKED`, and a
 * killed process never blocks the next open.
 *
 * Whole blobs (`readBlob`) are checked against their SHA-512/256 the first time each is read after
 * open (`MARF_CORRUPTION` on a mismatch or a short read) and kept in an LRU cache bounded by
 * bytes; the returned blob is shared with the cache: callers must not modify it. Range reads
 * (`readBlobRange`) are positional reads of the trie file at the blob's offset, checked for
 * length only (the MARF's node records carry their own CRC-32).
 */
export function openSqliteTrieStorage(path: string, opts: SqliteTrieStorageOptions = {}): SqliteTrieStorage {
  const logger = (opts.logger ?? noopLogger).child({ module: 'marf-storage' });
  const sync = opts.sync ?? 'full';
  if (sync !== 'full' && sync !== 'normal' && sync !== 'off') {
    throw new MarfError(MarfErrorCode.InvalidArgument, `unknown sync mode ${String(sync)}`, { sync });
  }
  const cacheBudget = opts.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const dir = nodePath.resolve(path);

  ensureDirectory(dir, sync !== 'off');
  const db = openIndex(dir, sync);
  let fd = -1;
  try {
    const created = !fs.existsSync(nodePath.join(dir, TRIE_FILE_NAME));
    fd = fs.openSync(nodePath.join(dir, TRIE_FILE_NAME), fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
    if (created && sync !== 'off') syncDirectory(dir);
    const storage = createStorage(dir, db, fd, sync !== 'off', cacheBudget, logger);
    logger.debug('opened trie storage', { path: dir, tries: storage.count() });
    return storage;
  } catch (err) {
    if (fd >= 0) fs.closeSync(fd);
    db.close();
    throw err;
  }
}

function ensureDirectory(dir: string, durable: boolean): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    stat = undefined;
  }
  if (stat && !stat.isDirectory()) {
    throw new MarfError(MarfErrorCode.InvalidArgument, 'MARF path exists and is not a directory', { path: dir });
  }
  if (!stat) {
    fs.mkdirSync(dir, { recursive: true });
    if (durable) syncDirectory(nodePath.dirname(dir));
  }
}

// Makes a newly created directory entry durable (POSIX); a no-op where directories cannot be
// opened for syncing (Windows).
function syncDirectory(dir: string): void {
  let dfd = -1;
  try {
    dfd = fs.openSync(dir, 'r');
    fs.fsyncSync(dfd);
  } catch {
    // best effort
  } finally {
    if (dfd >= 0) fs.closeSync(dfd);
  }
}

function openIndex(dir: string, sync: 'full' | 'normal' | 'off'): BetterSqlite3.Database {
  const file = nodePath.join(dir, TRIE_INDEX_FILE_NAME);
  const db = new BetterSqlite3(file);
  try {
    // Exclusive locking before the first access to the WAL: the wal-index lives in process memory
    // (no -shm file) and the OS lock is held until close or process death.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new MarfError(MarfErrorCode.Corruption, 'the trie index cannot use WAL journaling', { path: file, mode });
    }
    db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : sync === 'normal' ? 'NORMAL' : 'OFF'}`);
    // Take the write lock now, so a second opener fails here and not at its first commit.
    db.exec('BEGIN IMMEDIATE');
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) {
        // The index is created (with its schema, in one transaction) before any blob is appended,
        // so blobs without an initialized index mean the index was lost: refuse, never truncate.
        if (trieFileSize(dir) > TRIE_FILE_MAGIC.length) {
          throw new MarfError(MarfErrorCode.Corruption, 'the trie file holds tries but the trie index is missing', {
            path: dir,
          });
        }
        for (const q of trieIndexDdl()) db.prepare(q.sql).run();
        db.pragma(`user_version = ${TRIE_INDEX_SCHEMA_VERSION}`);
      } else if (version !== TRIE_INDEX_SCHEMA_VERSION) {
        throw new MarfError(MarfErrorCode.Corruption, 'unknown trie index schema version', {
          path: file,
          version,
          expected: TRIE_INDEX_SCHEMA_VERSION,
        });
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof MarfError) throw err;
    if (isSqliteBusy(err)) {
      const meta = { path: dir, reason: 'locked' };
      throw new MarfError(MarfErrorCode.Locked, 'the MARF at this path is open elsewhere', meta, { cause: err });
    }
    throw new MarfError(MarfErrorCode.Storage, 'cannot open the trie index', { path: file }, { cause: err });
  }
}

function trieFileSize(dir: string): number {
  try {
    return fs.statSync(nodePath.join(dir, TRIE_FILE_NAME)).size;
  } catch {
    return 0;
  }
}

function isSqliteBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function createStorage(
  dir: string,
  db: BetterSqlite3.Database,
  fd: number,
  durable: boolean,
  cacheBudget: number,
  logger: Logger,
): SqliteTrieStorage {
  const q = createQueryBuilder<TrieIndexSchema>();
  const P = new Uint8Array(0); // placeholder values: only the SQL text of these queries is kept
  const byHash = prepareCompiled(db, q.selectFrom('marf_data').selectAll().where('block_hash', '=', P).compile());
  const byLocalId = prepareCompiled(db, q.selectFrom('marf_data').selectAll().where('local_id', '=', 0).compile());
  const insert = prepareCompiled(
    db,
    q
      .insertInto('marf_data')
      .values({
        block_hash: P,
        parent_hash: P,
        height: 0,
        root_hash: P,
        blob_offset: 0,
        blob_length: 0,
        blob_sha512_256: P,
      })
      .compile(),
  );
  const lastBlob = prepareCompiled(
    db,
    q.selectFrom('marf_data').select(['blob_offset', 'blob_length']).orderBy('local_id', 'desc').limit(1).compile(),
  );
  const countRows = prepareCompiled(db, q.selectFrom('marf_data').select((eb) => eb.fn.countAll<number>().as('n')).compile());
  // The compiled LIMIT is a bound parameter too; its value is passed when running.
  const lastBlobLimit = 1;

  // The end of the indexed data: everything after it is the residue of an unfinished commit.
  const last = lastBlob.get(lastBlobLimit) as { blob_offset: number; blob_length: number } | undefined;
  let fileEnd = last ? last.blob_offset + last.blob_length : TRIE_FILE_MAGIC.length;
  recoverTrieFile(dir, fd, fileEnd, durable, logger);

  const records = new Map<number, TrieRecord>(); // LRU by insertion order
  const idsByHash = new Map<string, number>(); // LRU by insertion order
  const locations = new Map<number, BlobLocation>();
  const verified = new Set<number>();
  const blobCache = new Map<number, Uint8Array>(); // LRU by insertion order
  let cachedBytes = 0;
  let closed = false;

  const checkOpen = (): void => {
    if (closed) throw new MarfError(MarfErrorCode.Closed, 'the trie storage is closed', { path: dir });
  };

  const remember = (row: MarfDataRow): TrieRecord => {
    const record: TrieRecord = {
      localId: row.local_id,
      blockId: toU8(row.block_hash),
      parentBlockId: toU8(row.parent_hash),
      height: row.height,
      rootHash: toU8(row.root_hash),
    };
    if (records.size >= RECORD_CACHE_ENTRIES) {
      const oldest = records.keys().next().value as number;
      const old = records.get(oldest)!;
      records.delete(oldest);
      locations.delete(oldest);
      idsByHash.delete(bytesToHex(old.blockId));
    }
    records.set(record.localId, record);
    idsByHash.set(bytesToHex(record.blockId), record.localId);
    locations.set(record.localId, {
      offset: row.blob_offset,
      length: row.blob_length,
      checksum: toU8(row.blob_sha512_256),
    });
    return record;
  };

  const loadByLocalId = (localId: number): TrieRecord | null => {
    const cached = records.get(localId);
    if (cached) return cached;
    const row = byLocalId.get(localId) as MarfDataRow | undefined;
    return row ? remember(row) : null;
  };

  const cacheBlob = (localId: number, blob: Uint8Array): void => {
    if (blob.length > cacheBudget) return;
    blobCache.set(localId, blob);
    cachedBytes += blob.length;
    while (cachedBytes > cacheBudget) {
      const oldest = blobCache.keys().next().value as number;
      cachedBytes -= blobCache.get(oldest)!.length;
      blobCache.delete(oldest);
    }
  };

  const readLocation = (localId: number): BlobLocation => {
    let loc = locations.get(localId);
    if (!loc) {
      if (!loadByLocalId(localId)) {
        throw new MarfError(MarfErrorCode.BlockNotFound, 'no trie with this local id', { localId });
      }
      loc = locations.get(localId)!;
    }
    return loc;
  };

  // Positional reads of `n` bytes at `offset` of a blob into `out` (from its start).
  const readFileRange = (localId: number, loc: BlobLocation, offset: number, out: Uint8Array, n: number): void => {
    let done = 0;
    while (done < n) {
      const got = fs.readSync(fd, out, done, n - done, loc.offset + offset + done);
      if (got === 0) {
        const meta = { localId, blobOffset: loc.offset, blobLength: loc.length, offset, length: n, read: done };
        logger.error('trie file is shorter than its index says', meta);
        throw new MarfError(MarfErrorCode.Corruption, 'trie blob is truncated', meta);
      }
      done += got;
    }
  };

  const storage: SqliteTrieStorage = {
    path: dir,

    count(): number {
      checkOpen();
      return (countRows.get() as { n: number }).n;
    },

    getRecord(blockId: Uint8Array): TrieRecord | null {
      checkOpen();
      if (blockId.length !== BLOCK_ID_LENGTH) return null;
      const id = idsByHash.get(bytesToHex(blockId));
      if (id !== undefined) {
        const rec = records.get(id);
        if (rec) return rec;
      }
      const row = byHash.get(blockId) as MarfDataRow | undefined;
      return row ? remember(row) : null;
    },

    getRecordByLocalId(localId: number): TrieRecord | null {
      checkOpen();
      if (!Number.isSafeInteger(localId) || localId < 1) return null;
      return loadByLocalId(localId);
    },

    readBlob(localId: number): Uint8Array {
      checkOpen();
      const hit = blobCache.get(localId);
      if (hit) {
        blobCache.delete(localId);
        blobCache.set(localId, hit);
        return hit;
      }
      const loc = readLocation(localId);
      const blob = new Uint8Array(loc.length);
      let done = 0;
      while (done < loc.length) {
        const n = fs.readSync(fd, blob, done, loc.length - done, loc.offset + done);
        if (n === 0) {
          logger.error('trie blob is truncated', { localId, offset: loc.offset, length: loc.length, read: done });
          throw new MarfError(MarfErrorCode.Corruption, 'trie blob is truncated', {
            localId,
            offset: loc.offset,
            length: loc.length,
            read: done,
          });
        }
        done += n;
      }
      if (!verified.has(localId)) {
        if (!equalBytes(sha512_256(blob), loc.checksum)) {
          logger.error('trie blob checksum mismatch', { localId, offset: loc.offset, length: loc.length });
          throw new MarfError(MarfErrorCode.Corruption, 'trie blob checksum mismatch', {
            localId,
            offset: loc.offset,
            length: loc.length,
          });
        }
        verified.add(localId);
      }
      cacheBlob(localId, blob);
      return blob;
    },

    readBlobRange(localId: number, offset: number, length: number): Uint8Array {
      checkOpen();
      const hit = blobCache.get(localId);
      if (hit) return hit.subarray(offset, offset + clampBlobRange(localId, offset, length, hit.length));
      const loc = readLocation(localId);
      const out = new Uint8Array(clampBlobRange(localId, offset, length, loc.length));
      readFileRange(localId, loc, offset, out, out.length);
      return out;
    },

    readBlobRangeInto(localId: number, offset: number, length: number, out: Uint8Array): number {
      checkOpen();
      if (length > out.length) throw new MarfError(MarfErrorCode.InvalidArgument, 'range read past the end of its buffer', { length, buffer: out.length });
      const hit = blobCache.get(localId);
      if (hit) {
        const n = clampBlobRange(localId, offset, length, hit.length);
        out.set(hit.subarray(offset, offset + n));
        return n;
      }
      const loc = readLocation(localId);
      const n = clampBlobRange(localId, offset, length, loc.length);
      readFileRange(localId, loc, offset, out, n);
      return n;
    },

    commit(trie: TrieToCommit): TrieRecord {
      checkOpen();
      checkLength('blockId', trie.blockId, BLOCK_ID_LENGTH);
      checkLength('parentBlockId', trie.parentBlockId, BLOCK_ID_LENGTH);
      checkLength('rootHash', trie.rootHash, HASH_LENGTH);
      if (!Number.isSafeInteger(trie.height) || trie.height < 0 || trie.height > 0xffffffff) {
        throw new MarfError(MarfErrorCode.InvalidArgument, 'trie height must be a u32', { height: trie.height });
      }
      if (storage.getRecord(trie.blockId)) {
        throw new MarfError(MarfErrorCode.BlockExists, 'block already committed', { blockId: bytesToHex(trie.blockId) });
      }
      const blob = trie.blob;
      const checksum = sha512_256(blob);
      const offset = fileEnd;
      try {
        writeFully(fd, blob, offset);
        if (durable) fs.fdatasyncSync(fd);
      } catch (err) {
        // Leave the file as it was (the residue would be truncated at the next open anyway).
        truncateQuietly(fd, offset);
        throw new MarfError(MarfErrorCode.Storage, 'cannot write the trie file', { path: dir, offset }, { cause: err });
      }
      let localId: number;
      try {
        const info = insert.run(trie.blockId, trie.parentBlockId, trie.height, trie.rootHash, offset, blob.length, checksum);
        localId = Number(info.lastInsertRowid);
      } catch (err) {
        truncateQuietly(fd, offset);
        if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new MarfError(MarfErrorCode.BlockExists, 'block already committed', { blockId: bytesToHex(trie.blockId) });
        }
        throw new MarfError(MarfErrorCode.Storage, 'cannot write the trie index', { path: dir }, { cause: err });
      }
      fileEnd = offset + blob.length;
      const record = remember({
        local_id: localId,
        block_hash: trie.blockId.slice(),
        parent_hash: trie.parentBlockId.slice(),
        height: trie.height,
        root_hash: trie.rootHash.slice(),
        blob_offset: offset,
        blob_length: blob.length,
        blob_sha512_256: checksum,
      });
      // Our own bytes need no re-check. Not cached: the MARF keeps the nodes it wrote, and reads
      // others by range.
      verified.add(localId);
      return record;
    },

    close(): void {
      if (closed) return;
      closed = true;
      blobCache.clear();
      records.clear();
      idsByHash.clear();
      locations.clear();
      try {
        fs.closeSync(fd);
      } finally {
        db.close();
      }
    },
  };
  return storage;
}

// Brings the trie file to exactly `end` bytes: writes the magic header into a new file, truncates
// the residue of an unfinished commit, and refuses a file shorter than its index or with a
// foreign header.
function recoverTrieFile(dir: string, fd: number, end: number, durable: boolean, logger: Logger): void {
  const size = fs.fstatSync(fd).size;
  if (size < TRIE_FILE_MAGIC.length) {
    if (end > TRIE_FILE_MAGIC.length) {
      throw new MarfError(MarfErrorCode.Corruption, 'the trie file is missing data that the index points to', {
        path: dir,
        size,
        indexedEnd: end,
      });
    }
    // A new file, or one whose creation was interrupted before the header was written.
    fs.ftruncateSync(fd, 0);
    writeFully(fd, TRIE_FILE_MAGIC, 0);
    if (durable) fs.fsyncSync(fd);
    return;
  }
  const magic = new Uint8Array(TRIE_FILE_MAGIC.length);
  fs.readSync(fd, magic, 0, magic.length, 0);
  const version = TRIE_FILE_MAGIC.length - 1;
  if (equalBytes(magic.subarray(0, version), TRIE_FILE_MAGIC.subarray(0, version)) && magic[version] !== TRIE_FILE_MAGIC[version]) {
    throw new MarfError(
      MarfErrorCode.Corruption,
      `the trie file has format version ${magic[version]}, this build reads version ${TRIE_FILE_MAGIC[version]}: rebuild the MARF`,
      { path: dir, version: magic[version], expected: TRIE_FILE_MAGIC[version] },
    );
  }
  if (!equalBytes(magic, TRIE_FILE_MAGIC)) {
    throw new MarfError(MarfErrorCode.Corruption, 'the trie file has an unknown header', { path: dir, header: bytesToHex(magic) });
  }
  if (size < end) {
    throw new MarfError(MarfErrorCode.Corruption, 'the trie file is missing data that the index points to', {
      path: dir,
      size,
      indexedEnd: end,
    });
  }
  if (size > end) {
    logger.warn('truncating the residue of an unfinished commit', { path: dir, size, indexedEnd: end });
    fs.ftruncateSync(fd, end);
    if (durable) fs.fsyncSync(fd);
  }
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) {
    done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
  }
}

function truncateQuietly(fd: number, length: number): void {
  try {
    fs.ftruncateSync(fd, length);
  } catch {
    // the next open truncates it
  }
}

function checkLength(name: string, bytes: Uint8Array, length: number): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new MarfError(MarfErrorCode.InvalidArgument, `${name} must be ${length} bytes`, {
      name,
      length: (bytes as Uint8Array | undefined)?.length,
    });
  }
}

// better-sqlite3 returns Buffers; callers get plain Uint8Arrays so equality checks and structured
// clone agree.
function toU8(b: Uint8Array): Uint8Array {
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
