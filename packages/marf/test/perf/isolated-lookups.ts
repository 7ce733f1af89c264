// MARF lookups on disk in a process of their own (a script, not part of `pnpm bench`): N keys
// (40-byte values) over 1,000 blocks, built and closed, then reopened with several node-cache
// budgets; each budget gets 20,000 warm-up lookups of random keys, then 2 s of timed ones. The
// bench (marf.bench.ts) measures lookups in a process that also holds the in-memory stores of
// both contenders (a heap of 1 to 10 GB), where garbage collection dominates at 1M keys; this
// shows what the MARF itself does at that size. MARF only: no ratio is drawn from it.
//   npx tsx --conditions=@stacks-ts/source packages/marf/test/perf/isolated-lookups.ts [N]
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { createSeededRng, utf8ToBytes } from '@stacks-ts/common';
import { sha512_256 } from '@stacks-ts/codec';
import { MARF_SENTINEL_BLOCK_ID, openMarf } from '../../src/marf.ts';

const N = Number(process.argv[2] ?? 100_000);
const BLOCKS = 1000;
if (!Number.isInteger(N) || N < BLOCKS || N % BLOCKS !== 0) throw new Error(`N must be a multiple of ${BLOCKS}`);
const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'marf-isolated-'));
try {
  const keys = Array.from({ length: N }, (_, i) => `bench-key-${i}`);
  let marf = openMarf({ path: dir });
  let tip = MARF_SENTINEL_BLOCK_ID;
  const started = performance.now();
  for (let b = 0; b < BLOCKS; b++) {
    const id = sha512_256(utf8ToBytes(`isolated block ${b}`));
    const tx = marf.begin(tip, id);
    for (let i = b * (N / BLOCKS); i < (b + 1) * (N / BLOCKS); i++) {
      const v = new Uint8Array(40);
      new DataView(v.buffer).setUint32(0, i);
      tx.insert(keys[i]!, v);
    }
    tx.commit();
    tip = id;
  }
  process.stdout.write(`built ${N} keys over ${BLOCKS} blocks on disk in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  marf.close();
  const rng = createSeededRng(7);
  const randomKey = (): string => keys[rng.int(N)]!;
  for (const cacheBytes of [256 * 2 ** 20, 64 * 2 ** 20, 8 * 2 ** 20, 0]) {
    marf = openMarf({ path: dir, cacheBytes });
    for (let i = 0; i < 20_000; i++) marf.get(tip, randomKey());
    const t = performance.now();
    let n = 0;
    while (performance.now() - t < 2000) {
      if (marf.get(tip, randomKey()) === null) throw new Error('a written key reads as absent');
      n++;
    }
    process.stdout.write(`node cache ${cacheBytes / 2 ** 20} MiB: ${Math.round(n / ((performance.now() - t) / 1000))} lookups/s\n`);
    marf.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
