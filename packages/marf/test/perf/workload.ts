// The workload shared by the MARF-against-@ethereumjs/mpt benchmarks (marf.bench.ts, the vitest
// bench, and isolated.ts, one process per contender and measure): N keys `bench-key-${i}` with
// 40-byte values written over 1,000 blocks (N / 1000 new keys a block, one commit per block), then
// blocks of 100 new keys `extra-key-${k}` on top. The MPT hashes its keys (keccak-256, as the MARF
// hashes its keys with SHA-512/256) and gets one checkpoint/commit per block; on disk it is
// persisted in SQLite (WAL, synchronous=FULL, one transaction per block).
import BetterSqlite3 from 'better-sqlite3';
import type { MerklePatriciaTrie, MPTOpts } from '@ethereumjs/mpt';
import { utf8ToBytes } from '@stacks-ts/common';
import { sha512_256 } from '@stacks-ts/codec';
import { MARF_SENTINEL_BLOCK_ID, type Marf } from '../../src/marf.ts';

/** Blocks the N keys are written over. */
export const BLOCKS = 1000;
/** New keys in each block committed on top of the built store. */
export const BLOCK_KEYS = 100;

/** The key-value `DB` interface the MPT stores its nodes in. */
export type MptDb = NonNullable<MPTOpts['db']>;

/** An MPT `DB` that owns a file handle. */
export type ClosableMptDb = MptDb & { close(): void };

/** A key-value `DB` for the MPT over better-sqlite3 (WAL, synchronous=FULL; a batch is one transaction). */
export function openSqliteMptDb(file: string): ClosableMptDb {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v BLOB NOT NULL)');
  const get = db.prepare('SELECT v FROM kv WHERE k = ?').pluck();
  const put = db.prepare('INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)');
  const del = db.prepare('DELETE FROM kv WHERE k = ?');
  type Op = Parameters<MptDb['batch']>[0][number];
  const batch = db.transaction((ops: Op[]) => {
    for (const op of ops) {
      if (op.type === 'put') put.run(op.key, op.value);
      else del.run(op.key);
    }
  });
  const self: ClosableMptDb = {
    async get(key) {
      const v = get.get(key) as Uint8Array | string | undefined;
      return v === undefined || typeof v === 'string' ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    },
    async put(key, value) {
      put.run(key, value);
    },
    async del(key) {
      del.run(key);
    },
    async batch(ops) {
      batch(ops);
    },
    shallowCopy: () => self,
    async open() {},
    close: () => db.close(),
  };
  return self;
}

/** The N keys (as strings for the MARF, UTF-8 bytes for the MPT), their values and the block ids. */
export interface Workload {
  /** Number of keys. */
  readonly n: number;
  /** `bench-key-${i}`. */
  readonly keys: string[];
  /** The UTF-8 bytes of `keys[i]`. */
  readonly keyBytes: Uint8Array[];
  /** 40 bytes: `i` as a big-endian u32, zeros, then 0x5a. */
  readonly values: Uint8Array[];
  /** `sha512_256(utf8('bench block ${n} ${b}'))` for each of the `BLOCKS` blocks. */
  readonly blockIds: Uint8Array[];
}

/** Builds the workload of `n` keys (`n` a multiple of `BLOCKS`). */
export function workload(n: number): Workload {
  const keys: string[] = [];
  const keyBytes: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    keys.push(`bench-key-${i}`);
    keyBytes.push(utf8ToBytes(keys[i]!));
    const v = new Uint8Array(40);
    new DataView(v.buffer).setUint32(0, i);
    v[39] = 0x5a;
    values.push(v);
  }
  const blockIds: Uint8Array[] = [];
  for (let b = 0; b < BLOCKS; b++) blockIds.push(sha512_256(utf8ToBytes(`bench block ${n} ${b}`)));
  return { n, keys, keyBytes, values, blockIds };
}

/** Writes the workload into an empty MARF, one committed block at a time; returns the tip. */
export function buildMarf(marf: Marf, w: Workload): Uint8Array {
  const per = w.n / BLOCKS;
  let parent = MARF_SENTINEL_BLOCK_ID;
  for (let b = 0; b < BLOCKS; b++) {
    const tx = marf.begin(parent, w.blockIds[b]!);
    for (let i = b * per; i < (b + 1) * per; i++) tx.insert(w.keys[i]!, w.values[i]!);
    tx.commit();
    parent = w.blockIds[b]!;
  }
  return parent;
}

/** Writes the workload into an empty MPT, one checkpoint/commit per block. */
export async function buildMpt(mpt: MerklePatriciaTrie, w: Workload): Promise<void> {
  const per = w.n / BLOCKS;
  for (let b = 0; b < BLOCKS; b++) {
    mpt.checkpoint();
    for (let i = b * per; i < (b + 1) * per; i++) await mpt.put(w.keyBytes[i]!, w.values[i]!);
    await mpt.commit();
    mpt.root();
  }
}

/** A MARF with its current tip, and a counter for new blocks and keys. */
export interface MarfState {
  /** The MARF. */
  marf: Marf;
  /** Its newest block. */
  tip: Uint8Array;
  /** Blocks added on top of the workload so far. */
  extra: number;
}

/** Adds one block of `keys` fresh keys (`BLOCK_KEYS`, or 0 for an empty block) on top of the tip. */
export function marfBlock(s: MarfState, keys: number): void {
  const id = sha512_256(utf8ToBytes(`extra block ${s.extra}`));
  const tx = s.marf.begin(s.tip, id);
  for (let i = 0; i < keys; i++) {
    const k = s.extra * BLOCK_KEYS + i;
    tx.insert(`extra-key-${k}`, padValue(k));
  }
  tx.commit();
  s.extra++;
  s.tip = id;
}

/** The 40-byte value of extra key `k`: `k` as a big-endian u32 at offset 4, zeros elsewhere. */
export function padValue(k: number): Uint8Array {
  const v = new Uint8Array(40);
  new DataView(v.buffer).setUint32(4, k);
  return v;
}

/** Adds one block of `BLOCK_KEYS` fresh keys to the MPT (one checkpoint/commit); `counter.n` counts blocks. */
export async function mptBlock(mpt: MerklePatriciaTrie, counter: { n: number }): Promise<void> {
  mpt.checkpoint();
  for (let i = 0; i < BLOCK_KEYS; i++) {
    const k = counter.n * BLOCK_KEYS + i;
    await mpt.put(utf8ToBytes(`extra-key-${k}`), padValue(k));
  }
  await mpt.commit();
  mpt.root();
  counter.n++;
}
