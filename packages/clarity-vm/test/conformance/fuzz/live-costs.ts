// Live cost check: generated cases (fuzz/generate.ts) through `runBatch` with costs on and through
// the oracle (costs on), comparing the five cost fields of every case both run successfully:
//   ORACLE_DIR=/path/to/copy/of/clarity-oracle npx tsx --conditions=@stacks-ts/source \
//     packages/clarity-vm/test/conformance/fuzz/live-costs.ts --seed 1 --count 500 --epoch 3.3 [--clarity 4] [--depth 4]
// Prints each disagreement and a summary; exits 1 on a disagreement.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadAnalysis, runBatchSync } from '../../../src/batch.ts';
import type { BatchCase } from '../../../src/batch.ts';
import { generateCases } from './generate.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1]! : dflt);
const oracleDir = process.env['ORACLE_DIR'];
if (oracleDir === undefined) throw new Error('set ORACLE_DIR to a copy of the clarity oracle with its dependencies installed');

const cases: BatchCase[] = generateCases({
  seed: Number(opt('--seed', '1')),
  count: Number(opt('--count', '500')),
  epoch: opt('--epoch', '3.3'),
  maxDepth: Number(opt('--depth', '4')),
  ...(argv.includes('--clarity') ? { clarityVersion: Number(opt('--clarity', '4')) } : {}),
});
const ours = runBatchSync(cases, { ...(await loadAnalysis()), costs: true });
const run = spawnSync(process.execPath, [path.join(oracleDir, 'oracle.mjs'), '--quiet'], {
  cwd: oracleDir,
  input: cases.map((c) => JSON.stringify(c)).join('\n') + '\n',
  maxBuffer: 1 << 28,
});
const theirs = run.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { id: string; ok: boolean; cost?: Record<string, number> });
let compared = 0;
let differ = 0;
cases.forEach((c, i) => {
  const a = ours[i]!;
  const b = theirs[i]!;
  if (!a.ok || !b.ok || b.cost === undefined) return;
  compared++;
  const mine = a.cost as Record<string, number> | undefined;
  const bad = Object.keys(b.cost).filter((k) => mine?.[k] !== b.cost![k]);
  if (bad.length > 0) {
    differ++;
    process.stdout.write(`${c.id}: ${bad.map((k) => `${k} ${mine?.[k]} != ${b.cost![k]}`).join(', ')}\n  ${c.expr ?? ''}\n`);
  }
});
process.stdout.write(`${compared} cases compared, ${compared - differ} agree on cost, ${differ} differ\n`);
process.exit(differ === 0 ? 0 : 1);
