// The indexer's header store (the reference keeps Bitcoin headers in `headers.sqlite`). Every
// header ever indexed is kept; `canonical` marks the ones on the current best chain, so headers of
// a fork that lost stay queryable.
import { BurnchainError, BurnchainErrorCode } from './errors.ts';
import { createQueryBuilder, openDatabase, prepare } from './sqlite.ts';
import type { BurnchainBlockHeader } from './types.ts';

/** A stored header and whether it is on the canonical chain. */
export interface StoredHeader extends BurnchainBlockHeader {
  readonly canonical: boolean;
}

/** Storage of indexed headers. */
export interface HeaderStore {
  /** The canonical header at a height, or null. */
  canonicalAt(height: number): BurnchainBlockHeader | null;
  /** The highest canonical header, or null when nothing is indexed. */
  highest(): BurnchainBlockHeader | null;
  /** Any stored header by hash (canonical or not). */
  byHash(hash: Uint8Array): StoredHeader | null;
  /** Stores a header as canonical (a header seen before on a losing fork is marked canonical again). */
  putCanonical(header: BurnchainBlockHeader): void;
  /** Marks every canonical header above `height` non-canonical; returns them, lowest first. */
  dropAbove(height: number): BurnchainBlockHeader[];
  /** Runs `fn` atomically. */
  atomic<T>(fn: () => T): T;
  close(): void;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A header store in memory. */
export function createMemoryHeaderStore(): HeaderStore {
  const byHashMap = new Map<string, StoredHeader>();
  const canonical: (BurnchainBlockHeader | undefined)[] = [];
  return {
    canonicalAt: (height) => canonical[height] ?? null,
    highest() {
      for (let h = canonical.length - 1; h >= 0; h--) if (canonical[h] !== undefined) return canonical[h]!;
      return null;
    },
    byHash: (hash) => byHashMap.get(hex(hash)) ?? null,
    putCanonical(header) {
      byHashMap.set(hex(header.blockHash), { ...header, canonical: true });
      canonical[header.blockHeight] = header;
    },
    dropAbove(height) {
      const out: BurnchainBlockHeader[] = [];
      for (let h = height + 1; h < canonical.length; h++) {
        const c = canonical[h];
        if (c === undefined) continue;
        out.push(c);
        byHashMap.set(hex(c.blockHash), { ...c, canonical: false });
      }
      canonical.length = Math.max(0, Math.min(canonical.length, height + 1));
      return out;
    },
    atomic: (fn) => fn(),
    close() {},
  };
}

interface HeaderSchema {
  burn_headers: {
    block_hash: Uint8Array;
    block_height: number;
    parent_block_hash: Uint8Array;
    num_txs: number;
    timestamp: number;
    canonical: number;
  };
}

const HEADER_SCHEMA_VERSION = 1;

/** A header store in a SQLite file (WAL); reopening resumes where the indexer stopped. */
export function openSqliteHeaderStore(path: string): HeaderStore {
  const q = createQueryBuilder<HeaderSchema>();
  const ddl = [
    q.schema
      .createTable('burn_headers')
      .ifNotExists()
      .addColumn('block_hash', 'blob', (c) => c.primaryKey())
      .addColumn('block_height', 'integer', (c) => c.notNull())
      .addColumn('parent_block_hash', 'blob', (c) => c.notNull())
      .addColumn('num_txs', 'integer', (c) => c.notNull())
      .addColumn('timestamp', 'integer', (c) => c.notNull())
      .addColumn('canonical', 'integer', (c) => c.notNull())
      .compile(),
    q.schema.createIndex('burn_headers_canonical_height').ifNotExists().on('burn_headers').columns(['canonical', 'block_height']).compile(),
  ];
  const db = openDatabase(path, ddl, HEADER_SCHEMA_VERSION, 'burnchain headers');
  const P = new Uint8Array(0);
  const cols = ['block_hash', 'block_height', 'parent_block_hash', 'num_txs', 'timestamp', 'canonical'] as const;
  const atHeight = prepare(db, q.selectFrom('burn_headers').select(cols).where('canonical', '=', 1).where('block_height', '=', 0).compile());
  const top = prepare(db, q.selectFrom('burn_headers').select(cols).where('canonical', '=', 1).orderBy('block_height', 'desc').limit(1).compile());
  const byHash = prepare(db, q.selectFrom('burn_headers').select(cols).where('block_hash', '=', P).compile());
  const upsert = prepare(
    db,
    q
      .insertInto('burn_headers')
      .values({ block_hash: P, block_height: 0, parent_block_hash: P, num_txs: 0, timestamp: 0, canonical: 1 })
      .onConflict((oc) => oc.column('block_hash').doUpdateSet({ canonical: 1 }))
      .compile(),
  );
  const above = prepare(db, q.selectFrom('burn_headers').select(cols).where('canonical', '=', 1).where('block_height', '>', 0).orderBy('block_height').compile());
  const demote = prepare(db, q.updateTable('burn_headers').set({ canonical: 0 }).where('canonical', '=', 1).where('block_height', '>', 0).compile());
  let closed = false;
  type Row = { block_hash: Buffer; block_height: number; parent_block_hash: Buffer; num_txs: number; timestamp: number; canonical: number };
  const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const toHeader = (r: Row): StoredHeader => ({
    blockHeight: r.block_height,
    blockHash: u8(r.block_hash),
    parentBlockHash: u8(r.parent_block_hash),
    numTxs: r.num_txs,
    timestamp: r.timestamp,
    canonical: r.canonical !== 0,
  });
  const strip = (h: StoredHeader): BurnchainBlockHeader => ({
    blockHeight: h.blockHeight,
    blockHash: h.blockHash,
    parentBlockHash: h.parentBlockHash,
    numTxs: h.numTxs,
    timestamp: h.timestamp,
  });
  const check = (): void => {
    if (closed) throw new BurnchainError(BurnchainErrorCode.Closed, 'the header store is closed');
  };
  return {
    canonicalAt(height) {
      check();
      const r = atHeight.get(1, height) as Row | undefined;
      return r === undefined ? null : strip(toHeader(r));
    },
    highest() {
      check();
      const r = top.get(1, 1) as Row | undefined;
      return r === undefined ? null : strip(toHeader(r));
    },
    byHash(hash) {
      check();
      const r = byHash.get(hash) as Row | undefined;
      return r === undefined ? null : toHeader(r);
    },
    putCanonical(h) {
      check();
      upsert.run(h.blockHash, h.blockHeight, h.parentBlockHash, h.numTxs, h.timestamp, 1, 1);
    },
    dropAbove(height) {
      check();
      return db.transaction(() => {
        const rows = (above.all(1, height) as Row[]).map((r) => strip(toHeader(r)));
        demote.run(0, 1, height);
        return rows;
      })();
    },
    atomic<T>(fn: () => T): T {
      check();
      if (db.inTransaction) return fn();
      return db.transaction(fn)();
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
