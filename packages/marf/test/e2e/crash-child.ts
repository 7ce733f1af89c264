// The process that crash.test.ts kills. It opens the on-disk MARF (or MarfedKV) in
// MARF_CRASH_DIR and commits blocks MARF_CRASH_FROM .. MARF_CRASH_TO - 1 of the deterministic plan
// of MARF_CRASH_SEED, printing one line a step on stdout (written synchronously, so every line
// printed before a SIGKILL reaches the parent):
//   open                 the store is open
//   commit <i>           about to call commit() for block i
//   ok <i> <root hex>    commit() of block i returned (the block is durable)
//   done                 all blocks committed
// The plan (blocks with forks, keys, values) is exported for the parent, which replays it into an
// in-memory MARF to know what the disk must hold.
import fs from 'node:fs';
import { bytesToHex, createSeededRng, utf8ToBytes } from '@stacks-ts/common';
import { sha512_256 } from '@stacks-ts/codec';
import { MARF_SENTINEL_BLOCK_ID, openMarf, type Marf } from '../../src/marf.ts';
import { openMarfedKV, type MarfedKV } from '../../src/marfed-kv.ts';

/** What the child drives: the MARF itself (40-byte values) or a MarfedKV (any bytes). */
export type CrashMode = 'marf' | 'kv';

/** One planned block. */
export interface CrashBlockPlan {
  readonly index: number;
  readonly blockId: Uint8Array;
  /** Index of the parent block, or -1 for the first block. */
  readonly parent: number;
  readonly parentBlockId: Uint8Array;
  /** Key writes, in order (a key may repeat: the last write wins). */
  readonly writes: readonly (readonly [string, Uint8Array])[];
  /** Writes at raw 32-byte paths (marf mode only). */
  readonly rawWrites: readonly (readonly [Uint8Array, Uint8Array])[];
  /** Writes of a transaction that is begun and aborted before the real one. */
  readonly abortedWrites: readonly (readonly [string, Uint8Array])[];
}

/** Number of distinct keys the plans draw from (so blocks overwrite each other's keys). */
export const CRASH_KEY_POOL = 3000;

/** The block id of block `index` of plan `seed`. */
export function crashBlockId(seed: number, index: number): Uint8Array {
  return sha512_256(utf8ToBytes(`marf crash test ${seed} ${index}`));
}

/** Block `index` of the plan of `seed`: a deterministic function of both. */
export function crashBlockPlan(mode: CrashMode, seed: number, index: number): CrashBlockPlan {
  const rng = createSeededRng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  let parent = -1;
  if (index > 0) {
    const r = rng.int(100);
    if (r < 70) parent = index - 1;
    else if (r < 85) parent = Math.max(0, index - 2);
    else parent = index - 1 - rng.int(Math.min(index, 8));
  }
  const value = (): Uint8Array => (mode === 'marf' ? rng.bytes(40) : rng.bytes(rng.int(200)));
  // Mostly small blocks; one in eight is big, so that commits take long enough to be hit.
  const count = rng.int(8) === 0 ? 400 + rng.int(800) : 5 + rng.int(60);
  const writes: [string, Uint8Array][] = [];
  for (let i = 0; i < count; i++) writes.push([`k${rng.int(CRASH_KEY_POOL)}`, value()]);
  const rawWrites: [Uint8Array, Uint8Array][] = [];
  if (mode === 'marf') for (let i = rng.int(4); i > 0; i--) rawWrites.push([rng.bytes(32), rng.bytes(40)]);
  const abortedWrites: [string, Uint8Array][] = [];
  if (rng.int(6) === 0) for (let i = 1 + rng.int(10); i > 0; i--) abortedWrites.push([`k${rng.int(CRASH_KEY_POOL)}`, value()]);
  return {
    index,
    blockId: crashBlockId(seed, index),
    parent,
    parentBlockId: parent < 0 ? MARF_SENTINEL_BLOCK_ID : crashBlockId(seed, parent),
    writes,
    rawWrites,
    abortedWrites,
  };
}

/** Either store the crash test drives. */
export type CrashStore = { readonly mode: 'marf'; readonly marf: Marf } | { readonly mode: 'kv'; readonly kv: MarfedKV };

/** Opens the store of `mode` at `path`, or in memory without one. */
export function openCrashStore(mode: CrashMode, path?: string): CrashStore {
  const opts = path === undefined ? {} : { path };
  return mode === 'marf' ? { mode, marf: openMarf(opts) } : { mode, kv: openMarfedKV(opts) };
}

/** Closes a store. */
export function closeCrashStore(store: CrashStore): void {
  if (store.mode === 'marf') store.marf.close();
  else store.kv.close();
}

/**
 * Writes one planned block: the aborted attempt (if any), then the real one. `beforeCommit` runs
 * just before `commit()`. Returns the root hash.
 */
export function applyCrashBlock(store: CrashStore, plan: CrashBlockPlan, beforeCommit?: () => void): Uint8Array {
  if (store.mode === 'marf') {
    const { marf } = store;
    if (plan.abortedWrites.length > 0) {
      const tx = marf.begin(plan.parentBlockId, plan.blockId);
      for (const [k, v] of plan.abortedWrites) tx.insert(k, v);
      tx.abort();
    }
    const tx = marf.begin(plan.parentBlockId, plan.blockId);
    for (const [k, v] of plan.writes) tx.insert(k, v);
    for (const [p, v] of plan.rawWrites) tx.insertRaw(p, v);
    beforeCommit?.();
    return tx.commit();
  }
  const { kv } = store;
  if (plan.abortedWrites.length > 0) {
    const tx = kv.begin(plan.parentBlockId, plan.blockId);
    for (const [k, v] of plan.abortedWrites) tx.put(k, v);
    tx.abort();
  }
  const tx = kv.begin(plan.parentBlockId, plan.blockId);
  for (const [k, v] of plan.writes) tx.put(k, v);
  beforeCommit?.();
  return tx.commit();
}

function say(line: string): void {
  fs.writeSync(1, line + '\n');
}

function main(): void {
  const dir = process.env.MARF_CRASH_DIR!;
  const mode = process.env.MARF_CRASH_MODE as CrashMode;
  const seed = Number(process.env.MARF_CRASH_SEED);
  const from = Number(process.env.MARF_CRASH_FROM);
  const to = Number(process.env.MARF_CRASH_TO);
  const store = openCrashStore(mode, dir);
  say('open');
  for (let i = from; i < to; i++) {
    const plan = crashBlockPlan(mode, seed, i);
    const root = applyCrashBlock(store, plan, () => say(`commit ${i}`));
    say(`ok ${i} ${bytesToHex(root)}`);
  }
  say('done');
  closeCrashStore(store);
}

if (process.env.MARF_CRASH_DIR !== undefined) main();
