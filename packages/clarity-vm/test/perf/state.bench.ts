// MARF-backed Clarity state, reads and writes per second (`pnpm bench`):
//  - raw ClarityDB data-var writes (one block of 1,000 then commit) and reads at a tip, over a MarfedKV
//    in memory and on disk, against the same ops on the in-memory MemoryBackend (a Map, no MARF);
//  - contract calls doing a var get/set and a map get/set each, 100 per block, MARF in memory and on disk.
// The oracle comparison for contract calls is test/perf/state-vs-oracle.ts (a script: it needs ORACLE_DIR).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { openMarfedKV } from '@stacks-ts/marf';
import { loadAnalysis } from '../../src/batch.ts';
import { ClarityDB } from '../../src/db/clarity-db.ts';
import { MemoryBackend } from '../../src/db/kv.ts';
import { MarfBackend } from '../../src/db/marf-backend.ts';
import { dataVarKey } from '../../src/db/keys.ts';
import { blockId, stateChain, touchBlock } from './state-workload.ts';

const OPS = 1000;
const CALLS = 100;
const CONTRACT = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.bench';
const keys = Array.from({ length: OPS }, (_, i) => dataVarKey(CONTRACT, `v${i}`));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'state-bench-'));
  dirs.push(d);
  return d;
};

function marfDb(path?: string) {
  const backend = new MarfBackend(openMarfedKV(path === undefined ? {} : { path }));
  return { backend, db: new ClarityDB(backend), height: 0, tip: null as Uint8Array | null };
}

function writeBlock(s: ReturnType<typeof marfDb>): void {
  const id = blockId(s.height++);
  s.backend.beginBlock(s.tip, id);
  s.db.begin();
  for (let i = 0; i < OPS; i++) s.db.setValue(keys[i]!, { type: 'uint', value: BigInt(s.height * OPS + i) });
  s.db.commit();
  s.backend.commitBlock();
  s.tip = id;
}

function readAll(s: ReturnType<typeof marfDb>): void {
  s.backend.openReadOnly(s.tip!);
  for (let i = 0; i < OPS; i++) s.db.getValue(keys[i]!);
}

describe(`raw ClarityDB data-var ops (${OPS} per iteration)`, () => {
  const memory = new ClarityDB(new MemoryBackend());
  let round = 0;
  bench('writes, MemoryBackend (Map, no MARF)', () => {
    round++;
    memory.begin();
    for (let i = 0; i < OPS; i++) memory.setValue(keys[i]!, { type: 'uint', value: BigInt(round * OPS + i) });
    memory.commit();
  }, { time: 1500 });
  const inMemory = marfDb();
  bench('writes + block commit, MARF in memory', () => writeBlock(inMemory), { time: 1500 });
  const onDisk = marfDb(tempDir());
  bench('writes + block commit, MARF on disk', () => writeBlock(onDisk), { time: 1500 });
  bench('reads, MemoryBackend (Map, no MARF)', () => {
    for (let i = 0; i < OPS; i++) memory.getValue(keys[i]!);
  }, { time: 1500 });
  bench('reads at the tip, MARF in memory', () => readAll(inMemory), { time: 1500, setup: () => { if (inMemory.tip === null) writeBlock(inMemory); } });
  bench('reads at the tip, MARF on disk', () => readAll(onDisk), { time: 1500, setup: () => { if (onDisk.tip === null) writeBlock(onDisk); } });
});

describe(`contract calls, var + map get/set (${CALLS} calls per block)`, async () => {
  const analysis = await loadAnalysis();
  for (const [name, path] of [['MARF in memory', undefined], ['MARF on disk', tempDir()]] as const) {
    const s = stateChain(analysis, path);
    let tip = s.tip;
    let n = 1;
    bench(`calls, ${name}`, () => {
      tip = touchBlock(s.chain, tip, n++, CALLS, 500);
    }, { time: 2000 });
  }
});
