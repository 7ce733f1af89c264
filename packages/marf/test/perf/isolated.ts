// The MARF against @ethereumjs/mpt with each contender's measure in a process of its own, all in
// the same run. marf.bench.ts (vitest bench) holds every store of both contenders in one process,
// a heap of 1 to 10 GB whose garbage collection then dominates lookups and proofs; here a child
// process holds only the store it measures. Same workload as marf.bench.ts (see workload.ts).
//
//   npx tsx --conditions=@stacks-ts/source packages/marf/test/perf/isolated.ts \
//     [--sizes 100000,1000000] [--keep DIR] [--only REGEX] [--json FILE] [--time MS] [--warmup MS] [--mpt-mem]
//   (or: pnpm bench:isolated -- [options])
//
// For each size N the parent first builds the disk stores, each in a child (MARF at DIR/marf-N with
// sync full, MPT in SQLite at DIR/mpt-N.sqlite); with --keep DIR they persist and are reused by
// later runs (DIR/<store>.done.json, written after a complete build, holds its build time and
// tip/root). Then one child per measure and contender (MARF first, then MPT):
//   memory            build in memory, then warm lookups, proof generation (as objects, then as
//                     bytes), proof verification and commits in memory (commits last: they move
//                     the tip). At N >= 1M the MPT is left out unless --mpt-mem (its MapDB needs
//                     about 10 GB).
//   lookup-warm-disk  MARF default node cache; MPT on SQLite, one trie object reused.
//   lookup-cold-disk  MARF with no blob or node cache; MPT: a fresh trie object per lookup.
//   proof-gen-disk    MARF getWithProof; MPT createMerkleProof.
//   proof-bytes-disk  MARF getWithProof + encodeMarfProof (the bytes a node serves); MPT
//                     createMerkleProof again (it returns its nodes' bytes).
//   proof-verify-disk verifyMarfProof / verifyMPTWithMerkleProof over a pool of 256 proofs.
//   proof-hashing-disk MARF only: as many bytes hashed, in as many SHA-512/256 calls, as each pool
//                     proof's verification hashes (recorded once), from one buffer kept in the
//                     CPU's cache: the ceiling of verification with this hash backend; compared
//                     with the MPT's proof-verify-disk.
//   commit-disk       blocks of 100 new keys on a scratch copy of the store (and, for the MARF,
//   commit-empty-disk empty blocks).
// --only REGEX selects measures by id (build-disk, build-mem, lookup-warm-mem, proof-gen-mem,
// proof-verify-mem, commit-mem, commit-empty-mem, lookup-warm-disk, ...); disk stores are built
// when a selected measure needs them, and every file of both stores is read once before the disk
// measures (a warm OS page cache for both). Each measure starts with a full garbage collection (children
// run with --expose-gc), warms up (at least 2,000 ops and --warmup ms, 300 by default; commits: 20 and 300 ms), then times
// single ops for --time ms (2,000 by default): ops/s = ops / elapsed, latency mean, p75 and p99
// from every op's performance.now() interval, and the child's resident set size (RSS) when the
// measure ends. Async MPT ops are awaited one at a time. Progress
// goes to stderr, a markdown table per N to stdout, then the hash backends' SHA-512/256 rates
// (64-byte inputs, and a Node256's 16.9 KB proof preimage: the floor of proof verification). Extra node flags for the children (e.g.
// --trace-gc, --cpu-prof) go in MARF_ISOLATED_NODE_ARGS, space-separated.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { MerklePatriciaTrie, createMerkleProof, verifyMPTWithMerkleProof, type MPTOpts } from '@ethereumjs/mpt';
import { createNodeHashBackend, getHashBackend, nobleHashBackend, setHashBackend, sha512_256 } from '@stacks-ts/codec';
import { bytesToHex, createSeededRng, hexToBytes, type Rng } from '@stacks-ts/common';
import { openMarf, type Marf } from '../../src/marf.ts';
import { encodeMarfProof, verifyMarfProof, type RootToBlock, type TrieMerkleProof } from '../../src/proofs.ts';
import { openSqliteTrieStorage } from '../../src/sqlite-storage.ts';
import {
  BLOCK_KEYS,
  BLOCKS,
  buildMarf,
  buildMpt,
  marfBlock,
  mptBlock,
  openSqliteMptDb,
  workload,
  type ClosableMptDb,
  type MarfState,
  type Workload,
} from './workload.ts';

const TASK_ENV = 'MARF_ISOLATED_TASK';
const EXEC_ARGV_ENV = 'MARF_ISOLATED_NODE_ARGS';
const PROOF_POOL = 256;
const WARMUP_OPS = 2000;
const WARMUP_COMMITS = 20;
const WARMUP_MS = 300;
const LARGE = 1_000_000;
const LARGE_HEAP_MB = 12288;
const LOOKUP_SEED = 2024;
const POOL_SEED = 7;
// Latencies a log holds before it grows (8 MiB, off the JS heap): enough for 2 s of most measures.
const INITIAL_LOG = 1 << 20;

type Contender = 'marf' | 'mpt';
const CONTENDERS: readonly Contender[] = ['marf', 'mpt'];

/** Measure ids, in table order, with their labels. */
const MEASURES = {
  'build-disk': 'build on disk (keys/s)',
  'build-mem': 'build in memory (keys/s)',
  'commit-disk': `commit a block of ${BLOCK_KEYS} new keys, on disk`,
  'commit-mem': `commit a block of ${BLOCK_KEYS} new keys, in memory`,
  'commit-empty-disk': 'commit an empty block, on disk',
  'commit-empty-mem': 'commit an empty block, in memory',
  'lookup-warm-disk': 'lookup, warm, on disk',
  'lookup-warm-mem': 'lookup, warm, in memory',
  'lookup-cold-disk': 'lookup, cold (no node cache), on disk',
  'proof-gen-disk': 'proof generation, on disk',
  'proof-gen-mem': 'proof generation, in memory',
  'proof-bytes-disk': 'proof generation to bytes, on disk',
  'proof-bytes-mem': 'proof generation to bytes, in memory',
  'proof-verify-disk': 'proof verification (pool from disk)',
  'proof-verify-mem': 'proof verification (pool from memory)',
  'proof-hashing-disk': 'proof verification, its hashing alone (pool from disk; MPT: its verification)',
} as const;
type MeasureId = keyof typeof MEASURES;

/** The measures of the in-memory child, in the order it runs them. */
const MEMORY_MEASURES: readonly MeasureId[] = [
  'lookup-warm-mem',
  'proof-gen-mem',
  'proof-bytes-mem',
  'proof-verify-mem',
  'commit-mem',
  'commit-empty-mem',
];
/** The measures with a child per contender over the disk store. */
const DISK_MEASURES: readonly MeasureId[] = [
  'lookup-warm-disk',
  'lookup-cold-disk',
  'proof-gen-disk',
  'proof-bytes-disk',
  'proof-verify-disk',
  'proof-hashing-disk',
  'commit-disk',
  'commit-empty-disk',
];
/** Measures with no MPT counterpart (the MPT has no empty block to commit). */
const MARF_ONLY: ReadonlySet<MeasureId> = new Set<MeasureId>(['commit-empty-disk', 'commit-empty-mem', 'proof-hashing-disk']);
/** MARF-only measures set beside another measure of the MPT (the ceiling of the MARF's figure against it). */
const COMPARED_WITH: Partial<Record<MeasureId, MeasureId>> = { 'proof-hashing-disk': 'proof-verify-disk' };

/** One measured figure. Builds give keys/s; the rest ops/s with latencies. */
interface Row {
  readonly n: number;
  readonly contender: Contender;
  readonly measure: MeasureId;
  readonly opsPerSec: number;
  readonly ops: number;
  readonly elapsedMs: number;
  readonly meanMs?: number;
  readonly p75Ms?: number;
  readonly p99Ms?: number;
  readonly warmupOps?: number;
  /** The measuring process's resident set size when the measure ended, in MiB (its store, caches and heap). */
  readonly rssMiB?: number;
  /** A build reused from an earlier run (`--keep`), with its time. */
  readonly reusedFrom?: string;
}

/** What a complete disk build leaves next to its store. */
interface BuildMarker {
  readonly n: number;
  readonly contender: Contender;
  readonly ms: number;
  readonly keysPerSec: number;
  /** MARF: the tip block id; MPT: the state root (hex). */
  readonly tip: string;
  /** The root hash at the tip (hex). */
  readonly root: string;
  readonly builtAt: string;
}

type Task =
  | { readonly kind: 'build'; readonly contender: Contender; readonly n: number; readonly store: string; readonly marker: string }
  | {
      readonly kind: 'memory';
      readonly contender: Contender;
      readonly n: number;
      readonly measures: readonly MeasureId[];
      readonly timeMs: number;
      readonly warmupMs: number;
    }
  | {
      readonly kind: 'disk';
      readonly contender: Contender;
      readonly n: number;
      readonly measure: MeasureId;
      readonly store: string;
      /** The MPT's state root (hex) from the build marker. */
      readonly root: string;
      /** Where commit measures copy the store to. */
      readonly scratch: string;
      readonly timeMs: number;
      readonly warmupMs: number;
    };

type ChildMessage = { readonly type: 'row'; readonly row: Row } | { readonly type: 'done' } | { readonly type: 'error'; readonly error: string };

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

interface Timing {
  readonly ops: number;
  readonly elapsedMs: number;
  readonly opsPerSec: number;
  readonly meanMs: number;
  readonly p75Ms: number;
  readonly p99Ms: number;
  readonly warmupOps: number;
}

interface TimeOptions {
  readonly timeMs: number;
  readonly warmupOps: number;
  /** Least warm-up time (`--warmup`, `WARMUP_MS` by default). */
  readonly warmupMs?: number;
}

/** A growable log of latencies (ms). */
interface LatencyLog {
  buf: Float64Array;
  count: number;
}

function logLatency(log: LatencyLog, ms: number): void {
  if (log.count === log.buf.length) {
    const bigger = new Float64Array(log.buf.length * 2);
    bigger.set(log.buf);
    log.buf = bigger;
  }
  log.buf[log.count++] = ms;
}

function summarize(log: LatencyLog, elapsedMs: number, warmupOps: number): Timing {
  const lat = log.buf.subarray(0, log.count).sort();
  let sum = 0;
  for (let i = 0; i < lat.length; i++) sum += lat[i]!;
  const pct = (p: number): number => (lat.length === 0 ? NaN : lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)]!);
  return {
    ops: log.count,
    elapsedMs,
    opsPerSec: log.count / (elapsedMs / 1000),
    meanMs: sum / log.count,
    p75Ms: pct(0.75),
    p99Ms: pct(0.99),
    warmupOps,
  };
}

/**
 * Collects the garbage earlier steps of the child left (children run with --expose-gc), so that a
 * measure pays for its own garbage, not for what the build or the previous measure made.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Times a synchronous op: warm-up, then single timed ops for `timeMs`. */
function timeSync(op: () => void, opts: TimeOptions): Timing {
  collectGarbage();
  let warm = 0;
  const w0 = performance.now();
  while (warm < opts.warmupOps || performance.now() - w0 < (opts.warmupMs ?? WARMUP_MS)) {
    op();
    warm++;
  }
  const log: LatencyLog = { buf: new Float64Array(INITIAL_LOG), count: 0 };
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < opts.timeMs) {
    const s = now;
    op();
    now = performance.now();
    logLatency(log, now - s);
  }
  return summarize(log, now - t0, warm);
}

/** Times an async op, awaiting one op at a time: warm-up, then single timed ops for `timeMs`. */
async function timeAsync(op: () => Promise<unknown>, opts: TimeOptions): Promise<Timing> {
  collectGarbage();
  let warm = 0;
  const w0 = performance.now();
  while (warm < opts.warmupOps || performance.now() - w0 < (opts.warmupMs ?? WARMUP_MS)) {
    await op();
    warm++;
  }
  const log: LatencyLog = { buf: new Float64Array(INITIAL_LOG), count: 0 };
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < opts.timeMs) {
    const s = now;
    await op();
    now = performance.now();
    logLatency(log, now - s);
  }
  return summarize(log, now - t0, warm);
}

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

function send(msg: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) throw new Error(`${TASK_ENV} is set but there is no IPC channel to the parent`);
    process.send(msg, undefined, {}, (err) => (err ? reject(err) : resolve()));
  });
}

function timedRow(task: { n: number; contender: Contender }, measure: MeasureId, t: Timing): Row {
  return { n: task.n, contender: task.contender, measure, ...t, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) };
}

function buildRow(n: number, contender: Contender, measure: MeasureId, ms: number, reusedFrom?: string): Row {
  return { n, contender, measure, opsPerSec: n / (ms / 1000), ops: n, elapsedMs: ms, ...(reusedFrom ? { reusedFrom } : {}) };
}

const mptOnDb = (db: ClosableMptDb, root: Uint8Array): MerklePatriciaTrie =>
  new MerklePatriciaTrie({ useKeyHashing: true, db, valueEncoding: 'view' as MPTOpts['valueEncoding'], root });

function absent(what: string): never {
  throw new Error(`${what}: a written key reads as absent`);
}

async function runBuild(task: Extract<Task, { kind: 'build' }>): Promise<void> {
  const w = workload(task.n);
  let tip: string;
  let root: string;
  const t0 = performance.now();
  let ms: number;
  if (task.contender === 'marf') {
    const marf = openMarf({ path: task.store });
    const tipId = buildMarf(marf, w);
    ms = performance.now() - t0;
    tip = bytesToHex(tipId);
    root = bytesToHex(marf.getRootHash(tipId));
    marf.close();
  } else {
    const db = openSqliteMptDb(task.store);
    const mpt = new MerklePatriciaTrie({ useKeyHashing: true, db, valueEncoding: 'view' as MPTOpts['valueEncoding'] });
    await buildMpt(mpt, w);
    ms = performance.now() - t0;
    tip = root = bytesToHex(mpt.root());
    db.close();
  }
  const marker: BuildMarker = {
    n: task.n,
    contender: task.contender,
    ms,
    keysPerSec: task.n / (ms / 1000),
    tip,
    root,
    builtAt: new Date().toISOString(),
  };
  fs.writeFileSync(`${task.marker}.tmp`, JSON.stringify(marker, null, 2));
  fs.renameSync(`${task.marker}.tmp`, task.marker);
  await send({ type: 'row', row: buildRow(task.n, task.contender, 'build-disk', ms) });
}

/** A pool of MARF proofs of random keys at `tip`. */
function marfProofPool(marf: Marf, tip: Uint8Array, w: Workload) {
  const rng = createSeededRng(POOL_SEED);
  const root = marf.getRootHash(tip);
  const pool: { key: string; value: Uint8Array; proof: TrieMerkleProof; rootToBlock: RootToBlock }[] = [];
  while (pool.length < PROOF_POOL) {
    const key = w.keys[rng.int(w.n)]!;
    const r = marf.getWithProof(tip, key);
    if (r.value === null) absent('MARF proof pool');
    pool.push({ key, value: r.value, proof: r.proof, rootToBlock: r.rootToBlock });
  }
  return { root, pool };
}

async function mptProofPool(mpt: MerklePatriciaTrie, w: Workload) {
  const rng = createSeededRng(POOL_SEED);
  const root = mpt.root();
  const pool: { key: Uint8Array; proof: Uint8Array[] }[] = [];
  while (pool.length < PROOF_POOL) {
    const key = w.keyBytes[rng.int(w.n)]!;
    pool.push({ key, proof: await createMerkleProof(mpt, key) });
  }
  return { root, pool };
}

/**
 * What a read measure does: look a key up, make a proof (as objects, or as bytes to send), verify
 * one, or (MARF only) do a verification's hashing alone.
 */
type ReadKind = 'lookup' | 'proof-gen' | 'proof-bytes' | 'proof-verify' | 'proof-hashing';

/** The MARF measures that read or prove at `tip` (lookups, proofs); commits are separate. */
function marfReadMeasure(kind: ReadKind, marf: Marf, tip: Uint8Array, w: Workload, opts: TimeOptions): Timing {
  const rng: Rng = createSeededRng(LOOKUP_SEED);
  if (kind === 'lookup') {
    return timeSync(() => {
      if (marf.get(tip, w.keys[rng.int(w.n)]!) === null) absent('MARF lookup');
    }, opts);
  }
  if (kind === 'proof-gen') {
    return timeSync(() => {
      if (marf.getWithProof(tip, w.keys[rng.int(w.n)]!).value === null) absent('MARF proof');
    }, opts);
  }
  if (kind === 'proof-bytes') {
    // The proof's consensus bytes, as a node serves them (`getWithProof` alone returns elements
    // whose node layouts are made only when verified or encoded).
    return timeSync(() => {
      const r = marf.getWithProof(tip, w.keys[rng.int(w.n)]!);
      if (r.value === null) absent('MARF proof');
      encodeMarfProof(r.proof);
    }, opts);
  }
  const { root, pool } = marfProofPool(marf, tip, w);
  let i = 0;
  if (kind === 'proof-hashing') {
    // The lengths of the SHA-512/256 inputs of each pool proof's verification (its key, leaf,
    // nodes and shunts), recorded once; then as many bytes hashed alone, from one buffer that
    // stays in the CPU's cache (the cost does not depend on the bytes): the most verification
    // could do with this hash backend.
    const lengths = pool.map((x) => hashInputLengths(() => verifyMarfProof(x.proof, root, x.key, x.value, x.rootToBlock)));
    const buffer = createSeededRng(POOL_SEED).bytes(Math.max(...lengths.flat()));
    return timeSync(() => {
      for (const n of lengths[i++ % PROOF_POOL]!) sha512_256(buffer.subarray(0, n));
    }, opts);
  }
  return timeSync(() => {
    const x = pool[i++ % PROOF_POOL]!;
    if (!verifyMarfProof(x.proof, root, x.key, x.value, x.rootToBlock)) throw new Error('a MARF proof did not verify');
  }, opts);
}

/** The lengths of the SHA-512/256 inputs `run` hashes, with a check that it returned true. */
function hashInputLengths(run: () => boolean): number[] {
  const backend = getHashBackend();
  const lengths: number[] = [];
  setHashBackend({ ...backend, sha512_256: (d) => (lengths.push(d.length), backend.sha512_256(d)) });
  try {
    if (!run()) throw new Error('a MARF proof did not verify');
  } finally {
    setHashBackend(backend);
  }
  return lengths;
}

async function mptReadMeasure(
  kind: ReadKind,
  mpt: MerklePatriciaTrie,
  w: Workload,
  opts: TimeOptions,
): Promise<Timing> {
  if (kind === 'proof-hashing') throw new Error('proof-hashing is a MARF-only measure');
  const rng: Rng = createSeededRng(LOOKUP_SEED);
  if (kind === 'lookup') {
    return timeAsync(async () => {
      if ((await mpt.get(w.keyBytes[rng.int(w.n)]!)) === null) absent('MPT lookup');
    }, opts);
  }
  // `createMerkleProof` returns the proof's nodes as their RLP bytes: objects and bytes are one measure.
  if (kind === 'proof-gen' || kind === 'proof-bytes') return timeAsync(() => createMerkleProof(mpt, w.keyBytes[rng.int(w.n)]!), opts);
  const { root, pool } = await mptProofPool(mpt, w);
  let i = 0;
  return timeAsync(async () => {
    const x = pool[i++ % PROOF_POOL]!;
    if ((await verifyMPTWithMerkleProof(mpt, root, x.key, x.proof)) === null) throw new Error('an MPT proof did not verify');
  }, opts);
}

const READ_KIND: Partial<Record<MeasureId, ReadKind>> = {
  'lookup-warm-mem': 'lookup',
  'lookup-warm-disk': 'lookup',
  'proof-gen-mem': 'proof-gen',
  'proof-gen-disk': 'proof-gen',
  'proof-bytes-mem': 'proof-bytes',
  'proof-bytes-disk': 'proof-bytes',
  'proof-verify-mem': 'proof-verify',
  'proof-verify-disk': 'proof-verify',
  'proof-hashing-disk': 'proof-hashing',
};

async function runMemory(task: Extract<Task, { kind: 'memory' }>): Promise<void> {
  const w = workload(task.n);
  const reads: TimeOptions = { timeMs: task.timeMs, warmupOps: WARMUP_OPS, warmupMs: task.warmupMs };
  // Commits warm up briefly whatever --warmup says: each one grows the store being measured.
  const commits: TimeOptions = { timeMs: task.timeMs, warmupOps: WARMUP_COMMITS };
  if (task.contender === 'marf') {
    const marf = openMarf();
    const t0 = performance.now();
    const s: MarfState = { marf, tip: buildMarf(marf, w), extra: 0 };
    await send({ type: 'row', row: buildRow(task.n, 'marf', 'build-mem', performance.now() - t0) });
    for (const m of task.measures) {
      const kind = READ_KIND[m];
      let t: Timing;
      if (kind) t = marfReadMeasure(kind, marf, s.tip, w, reads);
      else if (m === 'commit-mem') t = timeSync(() => marfBlock(s, BLOCK_KEYS), commits);
      else if (m === 'commit-empty-mem') t = timeSync(() => marfBlock(s, 0), commits);
      else throw new Error(`not an in-memory measure: ${m}`);
      await send({ type: 'row', row: timedRow(task, m, t) });
    }
    marf.close();
  } else {
    const mpt = new MerklePatriciaTrie({ useKeyHashing: true });
    const t0 = performance.now();
    await buildMpt(mpt, w);
    await send({ type: 'row', row: buildRow(task.n, 'mpt', 'build-mem', performance.now() - t0) });
    const counter = { n: 0 };
    for (const m of task.measures) {
      if (MARF_ONLY.has(m)) continue;
      const kind = READ_KIND[m];
      let t: Timing;
      if (kind) t = await mptReadMeasure(kind, mpt, w, reads);
      else if (m === 'commit-mem') t = await timeAsync(() => mptBlock(mpt, counter), commits);
      else throw new Error(`not an in-memory measure: ${m}`);
      await send({ type: 'row', row: timedRow(task, m, t) });
    }
  }
}

/** Copies a closed store (a MARF directory, or an SQLite file with its -wal/-shm) to `to`. */
function copyStore(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  if (fs.statSync(from).isDirectory()) {
    fs.cpSync(from, to, { recursive: true });
    return;
  }
  for (const suffix of ['', '-wal', '-shm']) {
    fs.rmSync(to + suffix, { force: true });
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
  }
}

/**
 * Reads every file of a store once, so that both contenders' disk measures start over a warm OS
 * page cache (right after a build, or after another store's build pushed it out, the first reads
 * would otherwise measure the disk).
 */
function warmPageCache(path: string): void {
  const files = fs.statSync(path).isDirectory()
    ? fs.readdirSync(path).map((f) => nodePath.join(path, f))
    : ['', '-wal', '-shm'].map((suffix) => path + suffix).filter((f) => fs.existsSync(f));
  const buf = Buffer.allocUnsafe(8 << 20);
  for (const file of files) {
    const fd = fs.openSync(file, 'r');
    try {
      while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
    } finally {
      fs.closeSync(fd);
    }
  }
}

function removeStore(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path + suffix, { recursive: true, force: true });
}

async function runDisk(task: Extract<Task, { kind: 'disk' }>): Promise<void> {
  const w = workload(task.n);
  const reads: TimeOptions = { timeMs: task.timeMs, warmupOps: WARMUP_OPS, warmupMs: task.warmupMs };
  // Commits warm up briefly whatever --warmup says: each one grows the store being measured.
  const commits: TimeOptions = { timeMs: task.timeMs, warmupOps: WARMUP_COMMITS };
  const m = task.measure;
  const isCommit = m === 'commit-disk' || m === 'commit-empty-disk';
  const store = isCommit ? task.scratch : task.store;
  if (isCommit) copyStore(task.store, store);
  let t: Timing;
  try {
    if (task.contender === 'marf') {
      const tip = w.blockIds[BLOCKS - 1]!;
      const marf =
        m === 'lookup-cold-disk'
          ? openMarf({ storage: openSqliteTrieStorage(store, { cacheBytes: 0 }), cacheBytes: 0 })
          : openMarf({ path: store });
      try {
        const kind = READ_KIND[m];
        if (kind) t = marfReadMeasure(kind, marf, tip, w, reads);
        else if (m === 'lookup-cold-disk') t = marfReadMeasure('lookup', marf, tip, w, reads);
        else {
          const s: MarfState = { marf, tip, extra: 0 };
          t = timeSync(() => marfBlock(s, m === 'commit-disk' ? BLOCK_KEYS : 0), commits);
        }
      } finally {
        marf.close();
      }
    } else {
      const db = openSqliteMptDb(store);
      const root = hexToBytes(task.root);
      try {
        const mpt = mptOnDb(db, root);
        const kind = READ_KIND[m];
        if (kind) t = await mptReadMeasure(kind, mpt, w, reads);
        else if (m === 'lookup-cold-disk') {
          const rng = createSeededRng(LOOKUP_SEED);
          t = await timeAsync(async () => {
            // A fresh trie object per lookup: no node cache carried between lookups.
            if ((await mptOnDb(db, root).get(w.keyBytes[rng.int(w.n)]!)) === null) absent('MPT cold lookup');
          }, reads);
        } else if (m === 'commit-disk') {
          const counter = { n: 0 };
          t = await timeAsync(() => mptBlock(mpt, counter), commits);
        } else throw new Error(`no MPT measure ${m}`);
      } finally {
        db.close();
      }
    }
  } finally {
    if (isCommit) removeStore(store);
  }
  await send({ type: 'row', row: timedRow(task, m, t) });
}

async function child(task: Task): Promise<void> {
  try {
    if (task.kind === 'build') await runBuild(task);
    else if (task.kind === 'memory') await runMemory(task);
    else await runDisk(task);
    await send({ type: 'done' });
    process.exit(0);
  } catch (err) {
    await send({ type: 'error', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }).catch(() => {});
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

interface Args {
  readonly sizes: number[];
  readonly keep: string | undefined;
  readonly only: RegExp | undefined;
  readonly json: string | undefined;
  readonly timeMs: number;
  readonly warmupMs: number;
  readonly mptMem: boolean;
}

function usage(why: string): never {
  process.stderr.write(
    `${why}\nusage: isolated.ts [--sizes 100000,1000000] [--keep DIR] [--only REGEX] [--json FILE] [--time MS] [--warmup MS] [--mpt-mem]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Args {
  let sizes = [100_000];
  let keep: string | undefined;
  let only: RegExp | undefined;
  let json: string | undefined;
  let timeMs = 2000;
  let warmupMs = WARMUP_MS;
  let mptMem = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--') continue;
    else if (a === '--sizes') sizes = value().split(',').map((s) => Number(s.replace(/_/g, '')));
    else if (a === '--keep') keep = nodePath.resolve(value());
    else if (a === '--only') only = new RegExp(value());
    else if (a === '--json') json = nodePath.resolve(value());
    else if (a === '--time') timeMs = Number(value());
    else if (a === '--warmup') warmupMs = Number(value());
    else if (a === '--mpt-mem') mptMem = true;
    else usage(`unknown argument ${a}`);
  }
  for (const n of sizes) if (!Number.isInteger(n) || n < BLOCKS || n % BLOCKS !== 0) usage(`a size must be a multiple of ${BLOCKS}: ${n}`);
  if (!Number.isFinite(timeMs) || timeMs <= 0) usage('--time must be a positive number of ms');
  if (!Number.isFinite(warmupMs) || warmupMs < 0) usage('--warmup must be a number of ms');
  return { sizes, keep, only, json, timeMs, warmupMs, mptMem };
}

/** The tsx loader as an absolute URL, so children load it whatever their working directory. */
function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return 'tsx';
  }
}

const stamp = (): string => new Date().toISOString().slice(11, 19);
const progress = (line: string): boolean => process.stderr.write(`[${stamp()}] ${line}\n`);

function describeTask(task: Task): string {
  const what = task.kind === 'disk' ? task.measure : task.kind === 'build' ? 'build-disk' : `memory (build-mem, ${task.measures.join(', ')})`;
  return `${task.contender.toUpperCase()} ${what}, N=${task.n}`;
}

function fmtRate(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (x >= 1e3) return `${(x / 1e3).toPrecision(3)}k`;
  return x.toPrecision(3);
}

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

function rowLine(r: Row): string {
  if (r.measure === 'build-disk' || r.measure === 'build-mem') {
    return `${fmtRate(r.opsPerSec)} keys/s (${(r.elapsedMs / 1000).toFixed(1)} s${r.reusedFrom ? `, reused build of ${r.reusedFrom}` : ''})`;
  }
  return `${fmtRate(r.opsPerSec)} ops/s, mean ${fmtMs(r.meanMs!)} ms, p75 ${fmtMs(r.p75Ms!)} ms, p99 ${fmtMs(r.p99Ms!)} ms (${r.ops} ops)`;
}

/** Runs one child; resolves with its rows, or with the error it reported (or its exit status). */
function runChild(task: Task, onRow: (r: Row) => void): Promise<{ rows: Row[]; error?: string }> {
  const execArgv = ['--conditions=@stacks-ts/source', '--import', tsxLoader(), '--expose-gc'];
  if (task.n >= LARGE) execArgv.push(`--max-old-space-size=${LARGE_HEAP_MB}`);
  // Extra node flags for every child (e.g. --trace-gc, --cpu-prof), space-separated.
  const extra = process.env[EXEC_ARGV_ENV]?.trim();
  if (extra) execArgv.push(...extra.split(/\s+/));
  const proc = fork(fileURLToPath(import.meta.url), [], {
    execArgv,
    env: { ...process.env, [TASK_ENV]: JSON.stringify(task) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const rows: Row[] = [];
  let error: string | undefined;
  let done = false;
  return new Promise((resolve) => {
    proc.on('message', (raw) => {
      const msg = raw as ChildMessage;
      if (msg.type === 'row') {
        rows.push(msg.row);
        onRow(msg.row);
      } else if (msg.type === 'error') error = msg.error;
      else done = true;
    });
    proc.on('error', (err) => {
      error ??= err.stack ?? err.message;
    });
    proc.on('exit', (code, signal) => {
      if (!done && error === undefined) error = `child exited with ${signal ?? `code ${code}`} before finishing`;
      resolve(error === undefined ? { rows } : { rows, error });
    });
  });
}

const loadAverages = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

interface SizeReport {
  readonly n: number;
  readonly loadStart: number[];
  loadEnd: number[];
  readonly rows: Row[];
  readonly skipped: string[];
}

function table(rep: SizeReport, timeMs: number, warmupMs: number): string {
  const lines = [
    `## ${rep.n.toLocaleString('en-US')} keys over ${BLOCKS.toLocaleString('en-US')} blocks`,
    '',
    `Each measure in a process of its own; ${timeMs} ms timed per measure, after at least ${warmupMs} ms of warm-up for reads and proofs. Load average (1, 5, 15 min): ` +
      `${rep.loadStart.join(', ')} at the start, ${rep.loadEnd.join(', ')} at the end.`,
    '',
    '| measure | MARF ops/s (p75, RSS) | MPT ops/s (p75, RSS) | ratio MARF/MPT | goal met (ratio >= 2) |',
    '|---|---|---|---|---|',
  ];
  const cell = (r: Row | undefined): string => {
    if (!r) return '-';
    if (r.p75Ms === undefined) return `${fmtRate(r.opsPerSec)} (${(r.elapsedMs / 1000).toFixed(1)} s${r.reusedFrom ? ', reused' : ''})`;
    return `${fmtRate(r.opsPerSec)} (${fmtMs(r.p75Ms)} ms${r.rssMiB !== undefined ? `, ${r.rssMiB} MiB` : ''})`;
  };
  for (const id of Object.keys(MEASURES) as MeasureId[]) {
    const marf = rep.rows.find((r) => r.measure === id && r.contender === 'marf');
    const mpt = rep.rows.find((r) => r.measure === (COMPARED_WITH[id] ?? id) && r.contender === 'mpt');
    if (!marf && !mpt) continue;
    const ratio = marf && mpt ? marf.opsPerSec / mpt.opsPerSec : undefined;
    // A row set beside another measure of the MPT is a ceiling, not a goal measure.
    const goal = ratio === undefined || COMPARED_WITH[id] !== undefined ? '-' : ratio >= 2 ? 'yes' : 'no';
    lines.push(`| ${MEASURES[id]} | ${cell(marf)} | ${cell(mpt)} | ${ratio === undefined ? '-' : `${ratio.toFixed(2)}x`} | ${goal} |`);
  }
  if (rep.skipped.length > 0) lines.push('', ...rep.skipped.map((s) => `- ${s}`));
  return lines.join('\n') + '\n\n';
}

/** SHA-512/256 rates of the hash backends (in the parent, after the children are done). */
interface HashRate {
  readonly backend: string;
  readonly inputBytes: number;
  readonly hashesPerSec: number;
}

// A Node256's hash preimage in a proof (id, 256 slots of 34 bytes, path, 256 hashes): what
// verification hashes about five times per proof.
const NODE256_PREIMAGE_BYTES = 1 + 256 * 34 + 1 + 32 + 256 * 32;

function hashBackendRates(timeMs: number): HashRate[] {
  const native = createNodeHashBackend();
  const backends: [string, (b: Uint8Array) => Uint8Array][] = [['noble', nobleHashBackend.sha512_256]];
  if (native) backends.unshift(['node:crypto', native.sha512_256]);
  const rng = createSeededRng(LOOKUP_SEED);
  const out: HashRate[] = [];
  for (const inputBytes of [64, NODE256_PREIMAGE_BYTES]) {
    const input = rng.bytes(inputBytes);
    for (const [backend, hash] of backends) {
      const t = timeSync(() => void hash(input), { timeMs: Math.min(timeMs, 1000), warmupOps: 200 });
      out.push({ backend, inputBytes, hashesPerSec: t.opsPerSec });
    }
  }
  return out;
}

function hashTable(rates: readonly HashRate[]): string {
  const lines = ['## SHA-512/256 (the hash backend)', '', '| backend | 64-byte inputs/s (a leaf or two child hashes) | Node256 preimages/s (16.9 KB), MB/s |', '|---|---|---|'];
  for (const backend of new Set(rates.map((r) => r.backend))) {
    const small = rates.find((r) => r.backend === backend && r.inputBytes === 64);
    const big = rates.find((r) => r.backend === backend && r.inputBytes === NODE256_PREIMAGE_BYTES);
    const mb = big ? ((big.hashesPerSec * NODE256_PREIMAGE_BYTES) / 1e6).toFixed(0) : '-';
    lines.push(`| ${backend} | ${small ? fmtRate(small.hashesPerSec) : '-'} | ${big ? `${fmtRate(big.hashesPerSec)}, ${mb} MB/s` : '-'} |`);
  }
  return lines.join('\n') + '\n\n';
}

function readMarker(file: string, n: number, contender: Contender): BuildMarker | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildMarker;
    return m.n === n && m.contender === contender && typeof m.root === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

async function parent(args: Args): Promise<void> {
  const dir = args.keep ?? fs.mkdtempSync(nodePath.join(os.tmpdir(), 'marf-isolated-'));
  fs.mkdirSync(dir, { recursive: true });
  const selected = (id: MeasureId): boolean => !args.only || args.only.test(id);
  const failures: string[] = [];
  const reports: SizeReport[] = [];
  const runLoad = loadAverages();
  progress(`stores in ${dir}${args.keep ? ' (kept)' : ' (temporary)'}; load average ${runLoad.join(', ')}`);
  const run = async (task: Task, rows: Row[]): Promise<boolean> => {
    const label = describeTask(task);
    progress(`start ${label}`);
    const t0 = performance.now();
    const res = await runChild(task, (r) => progress(`  ${r.contender.toUpperCase()} ${r.measure}: ${rowLine(r)}`));
    rows.push(...res.rows);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (res.error !== undefined) {
      failures.push(`${label}: ${res.error}`);
      progress(`FAILED ${label} after ${secs} s:\n${res.error}`);
      return false;
    }
    progress(`done ${label} in ${secs} s`);
    return true;
  };
  try {
    for (const n of args.sizes) {
      const rep: SizeReport = { n, loadStart: loadAverages(), loadEnd: [], rows: [], skipped: [] };
      reports.push(rep);
      const diskMeasures = DISK_MEASURES.filter(selected);
      const markers = new Map<Contender, BuildMarker>();
      const storeOf = (c: Contender): string => nodePath.join(dir, c === 'marf' ? `marf-${n}` : `mpt-${n}.sqlite`);
      if (diskMeasures.length > 0 || selected('build-disk')) {
        for (const c of CONTENDERS) {
          const store = storeOf(c);
          const markerFile = nodePath.join(dir, `${c}-${n}.done.json`);
          const kept = args.keep ? readMarker(markerFile, n, c) : undefined;
          if (kept && fs.existsSync(store)) {
            markers.set(c, kept);
            const row = buildRow(n, c, 'build-disk', kept.ms, kept.builtAt);
            rep.rows.push(row);
            progress(`reuse ${c.toUpperCase()} store ${store}: ${rowLine(row)}`);
            continue;
          }
          removeStore(store);
          fs.rmSync(markerFile, { force: true });
          if (await run({ kind: 'build', contender: c, n, store, marker: markerFile }, rep.rows)) {
            const m = readMarker(markerFile, n, c);
            if (m) markers.set(c, m);
            else failures.push(`${c} build N=${n}: no marker ${markerFile} after the build`);
          }
        }
      }
      const memMeasures = MEMORY_MEASURES.filter(selected);
      if (memMeasures.length > 0 || selected('build-mem')) {
        for (const c of CONTENDERS) {
          if (c === 'mpt' && n >= LARGE && !args.mptMem) {
            rep.skipped.push(`MPT in memory left out at ${n} keys (its MapDB needs about 10 GB; --mpt-mem puts it back)`);
            continue;
          }
          const measures = c === 'mpt' ? memMeasures.filter((m) => !MARF_ONLY.has(m)) : memMeasures;
          await run({ kind: 'memory', contender: c, n, measures, timeMs: args.timeMs, warmupMs: args.warmupMs }, rep.rows);
        }
      }
      if (diskMeasures.length > 0) {
        for (const c of CONTENDERS) if (markers.has(c)) warmPageCache(storeOf(c));
      }
      for (const m of diskMeasures) {
        for (const c of CONTENDERS) {
          if (c === 'mpt' && MARF_ONLY.has(m)) continue;
          const marker = markers.get(c);
          if (!marker) {
            rep.skipped.push(`${c.toUpperCase()} ${m}: no store (its build failed)`);
            continue;
          }
          const scratch = nodePath.join(dir, `scratch-${c}-${n}${c === 'mpt' ? '.sqlite' : ''}`);
          await run({ kind: 'disk', contender: c, n, measure: m, store: storeOf(c), root: marker.root, scratch, timeMs: args.timeMs, warmupMs: args.warmupMs }, rep.rows);
        }
      }
      rep.loadEnd = loadAverages();
      process.stdout.write(table(rep, args.timeMs, args.warmupMs));
    }
  } finally {
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  const hashes = hashBackendRates(args.timeMs);
  process.stdout.write(hashTable(hashes));
  const endLoad = loadAverages();
  process.stdout.write(`Load average (uptime) at the start of the run: ${runLoad.join(', ')}; at the end: ${endLoad.join(', ')}.\n`);
  if (args.json) {
    const out = {
      node: process.version,
      cpus: os.cpus().length,
      timeMs: args.timeMs,
      loadStart: runLoad,
      loadEnd: endLoad,
      sizes: reports,
      hashes,
      failures,
    };
    fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
    progress(`raw results written to ${args.json}`);
  }
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.length} child process(es) failed:\n${failures.map((f) => `- ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

const taskJson = process.env[TASK_ENV];
if (taskJson !== undefined) {
  void child(JSON.parse(taskJson) as Task);
} else {
  parent(parseArgs(process.argv.slice(2))).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
