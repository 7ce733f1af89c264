// Persistence of the simulated chain: every block ever mined (all forks) with its flags, and the
// mempool. The UTXO set is not stored: it is recomputed from the blocks of the best chain on open.
import type BetterSqlite3 from 'better-sqlite3';
import { BurnchainError, BurnchainErrorCode } from '../errors.ts';
import { createQueryBuilder, openDatabase, prepare } from '../sqlite.ts';

/** A stored block's metadata. */
export interface SimBlockMeta {
  readonly hash: Uint8Array;
  readonly parent: Uint8Array;
  readonly height: number;
  /** Insertion order: ties between equal-height tips go to the first seen. */
  readonly seq: number;
  /** Marked by `invalidate` (with its descendants ineligible for the best chain). */
  invalid: boolean;
  /** Mined but not yet released (a late block). */
  withheld: boolean;
}

/** Storage of the simulated chain. */
export interface SimChainStore {
  /** All blocks, in insertion order. */
  loadBlocks(): SimBlockMeta[];
  getRawBlock(hash: Uint8Array): Uint8Array | null;
  putBlock(meta: SimBlockMeta, raw: Uint8Array): void;
  setFlags(hash: Uint8Array, invalid: boolean, withheld: boolean): void;
  /** Mempool transactions in acceptance order. */
  loadMempool(): Uint8Array[];
  /** Replaces the stored mempool. */
  saveMempool(raws: readonly Uint8Array[]): void;
  /** Runs `fn` atomically (a SQLite transaction; a plain call in memory). */
  atomic<T>(fn: () => T): T;
  close(): void;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A store that keeps everything in memory. */
export function createMemorySimChainStore(): SimChainStore {
  const blocks: SimBlockMeta[] = [];
  const raws = new Map<string, Uint8Array>();
  let mempool: Uint8Array[] = [];
  return {
    loadBlocks: () => blocks.map((b) => ({ ...b })),
    getRawBlock: (hash) => raws.get(hex(hash)) ?? null,
    putBlock(meta, raw) {
      blocks.push({ ...meta });
      raws.set(hex(meta.hash), raw);
    },
    setFlags(hash, invalid, withheld) {
      const b = blocks.find((x) => hex(x.hash) === hex(hash));
      if (b !== undefined) {
        b.invalid = invalid;
        b.withheld = withheld;
      }
    },
    loadMempool: () => mempool.slice(),
    saveMempool(r) {
      mempool = r.slice();
    },
    atomic: (fn) => fn(),
    close() {},
  };
}

interface SimSchema {
  sim_blocks: { hash: Uint8Array; parent: Uint8Array; height: number; seq: number; invalid: number; withheld: number; raw: Uint8Array };
  sim_mempool: { seq: number; raw: Uint8Array };
}

const SIM_SCHEMA_VERSION = 1;

/** A store in a SQLite file (WAL); reopening it gives back the same chain and mempool. */
export function openSqliteSimChainStore(path: string): SimChainStore {
  const q = createQueryBuilder<SimSchema>();
  const ddl = [
    q.schema
      .createTable('sim_blocks')
      .ifNotExists()
      .addColumn('hash', 'blob', (c) => c.primaryKey())
      .addColumn('parent', 'blob', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('invalid', 'integer', (c) => c.notNull())
      .addColumn('withheld', 'integer', (c) => c.notNull())
      .addColumn('raw', 'blob', (c) => c.notNull())
      .compile(),
    q.schema
      .createTable('sim_mempool')
      .ifNotExists()
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('raw', 'blob', (c) => c.notNull())
      .compile(),
  ];
  const db: BetterSqlite3.Database = openDatabase(path, ddl, SIM_SCHEMA_VERSION, 'simulated chain');
  const P = new Uint8Array(0);
  const selectBlocks = prepare(db, q.selectFrom('sim_blocks').select(['hash', 'parent', 'height', 'seq', 'invalid', 'withheld']).orderBy('seq').compile());
  const selectRaw = prepare(db, q.selectFrom('sim_blocks').select('raw').where('hash', '=', P).compile());
  const insertBlock = prepare(
    db,
    q.insertInto('sim_blocks').values({ hash: P, parent: P, height: 0, seq: 0, invalid: 0, withheld: 0, raw: P }).compile(),
  );
  const updateFlags = prepare(db, q.updateTable('sim_blocks').set({ invalid: 0, withheld: 0 }).where('hash', '=', P).compile());
  const selectMempool = prepare(db, q.selectFrom('sim_mempool').select('raw').orderBy('seq').compile());
  const deleteMempool = prepare(db, q.deleteFrom('sim_mempool').compile());
  const insertMempool = prepare(db, q.insertInto('sim_mempool').values({ seq: 0, raw: P }).compile());
  let closed = false;
  const check = (): void => {
    if (closed) throw new BurnchainError(BurnchainErrorCode.Closed, 'the simulated chain store is closed');
  };
  const u8 = (b: Buffer | Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return {
    loadBlocks() {
      check();
      return (selectBlocks.all() as { hash: Buffer; parent: Buffer; height: number; seq: number; invalid: number; withheld: number }[]).map((r) => ({
        hash: u8(r.hash),
        parent: u8(r.parent),
        height: r.height,
        seq: r.seq,
        invalid: r.invalid !== 0,
        withheld: r.withheld !== 0,
      }));
    },
    getRawBlock(hash) {
      check();
      const row = selectRaw.get(hash) as { raw: Buffer } | undefined;
      return row === undefined ? null : u8(row.raw);
    },
    putBlock(m, raw) {
      check();
      insertBlock.run(m.hash, m.parent, m.height, m.seq, m.invalid ? 1 : 0, m.withheld ? 1 : 0, raw);
    },
    setFlags(hash, invalid, withheld) {
      check();
      updateFlags.run(invalid ? 1 : 0, withheld ? 1 : 0, hash);
    },
    loadMempool() {
      check();
      return (selectMempool.all() as { raw: Buffer }[]).map((r) => u8(r.raw));
    },
    saveMempool(raws) {
      check();
      db.transaction(() => {
        deleteMempool.run();
        raws.forEach((r, i) => insertMempool.run(i, r));
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
