// Throughput with execution costs on and off (src/costs), and against the oracle's interpreter (the
// clarinet SDK WASM, which meters costs by default) on the same workloads in the same run:
//   ORACLE_DIR=/path/to/clarity-oracle npx tsx --conditions=@stacks-ts/source packages/clarity-vm/test/perf/costs-vs-oracle.ts
// Without ORACLE_DIR only our figures are printed. The oracle's time runs from its answer to a
// warm-up case to its last answer (start-up excluded). Our figures are the best of 7 alternating runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { loadAnalysis, runBatchSync } from '../../src/batch.ts';
import type { BatchCase, BatchOptions } from '../../src/batch.ts';

function oracleSeconds(oracleDir: string, cases: readonly BatchCase[], costs: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = [path.join(oracleDir, 'oracle.mjs'), '--quiet', ...(costs ? [] : ['--no-cost'])];
    const child = spawn(process.execPath, args, { cwd: oracleDir, stdio: ['pipe', 'pipe', 'ignore'] });
    let lines = 0;
    let t0 = 0;
    let t1 = 0;
    readline.createInterface({ input: child.stdout }).on('line', () => {
      lines++;
      if (lines === 1) t0 = performance.now();
      t1 = performance.now();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || lines !== cases.length + 1) reject(new Error(`oracle exited with ${code} after ${lines}/${cases.length + 1} answers`));
      else resolve((t1 - t0) / 1000);
    });
    const warm: BatchCase = { id: 'warm-up', expr: 'u1', epoch: '3.3', clarity_version: 4 };
    child.stdin.end([warm, ...cases].map((c) => JSON.stringify(c)).join('\n') + '\n');
  });
}

const COUNTER = `
(define-map counts principal uint)
(define-data-var total uint u0)
(define-public (incr (by uint))
  (let ((n (+ by (default-to u0 (map-get? counts tx-sender)))))
    (asserts! (< by u1000) (err u1))
    (map-set counts tx-sender n)
    (var-set total (+ (var-get total) by))
    (ok n)))
(define-read-only (get-total) (var-get total))`;

const CALLS_PER_CASE = 100;

function workloads(): [string, string, BatchCase[], number][] {
  const simple: BatchCase[] = Array.from({ length: 2000 }, (_, i) => ({
    id: `simple/${i}`,
    expr: `(+ (* u${i} u3 u${i}) (/ u${i + 7} u2))`,
    epoch: '3.3',
    clarity_version: 4,
  }));
  const folds: BatchCase[] = Array.from({ length: 300 }, (_, i) => ({
    id: `fold/${i}`,
    expr: `(fold + (list ${Array.from({ length: 50 }, (_, k) => k + i).join(' ')}) 0)`,
    epoch: '3.3',
    clarity_version: 4,
  }));
  const callExpr = `(begin ${Array.from({ length: CALLS_PER_CASE }, (_, i) => `(unwrap-panic (contract-call? .contract incr u${i % 999}))`).join(' ')} (contract-call? .contract get-total))`;
  const calls: BatchCase[] = Array.from({ length: 30 }, (_, i) => ({ id: `calls/${i}`, contract: COUNTER, expr: callExpr, epoch: '3.3', clarity_version: 4 }));
  return [
    ['simple arithmetic expressions', 'expressions', simple, simple.length],
    ['fold over 50-element lists', 'expressions', folds, folds.length],
    [`contract calls (deploy + ${CALLS_PER_CASE} calls per case)`, 'calls', calls, calls.length * CALLS_PER_CASE],
  ];
}

function seconds(cases: readonly BatchCase[], opts: BatchOptions): number {
  const t0 = performance.now();
  runBatchSync(cases, opts);
  return (performance.now() - t0) / 1000;
}

/** Best of 7 for costs off and on, alternating so both see the same machine load. */
function bestSeconds(cases: readonly BatchCase[], analysis: BatchOptions): { off: number; on: number } {
  let off = Infinity;
  let on = Infinity;
  for (let i = 0; i < 7; i++) {
    off = Math.min(off, seconds(cases, { ...analysis, costs: false }));
    on = Math.min(on, seconds(cases, { ...analysis, costs: true }));
  }
  return { off, on };
}

const rate = (units: number, secs: number): string => Math.round(units / secs).toLocaleString('en-US');

async function main(): Promise<void> {
  const oracleDir = process.env['ORACLE_DIR'];
  const haveOracle = oracleDir !== undefined && fs.existsSync(path.join(oracleDir, 'oracle.mjs'));
  if (!haveOracle) process.stdout.write('ORACLE_DIR not set: measuring clarity-ts only\n');
  const analysis = await loadAnalysis();
  for (const [name, unit, cases, units] of workloads()) {
    runBatchSync(cases.slice(0, 50), { ...analysis, costs: true }); // warm-up
    const { off, on } = bestSeconds(cases, analysis);
    let line = `${name}: clarity-ts costs off ${rate(units, off)} ${unit}/s, costs on ${rate(units, on)} ${unit}/s (on/off ${(off / on).toFixed(2)})`;
    if (haveOracle) {
      const theirs = await oracleSeconds(oracleDir, cases, true);
      line += `, oracle costs on ${rate(units, theirs)} ${unit}/s (ours x${(theirs / on).toFixed(1)})`;
    }
    process.stdout.write(`${line}\n`);
  }
}

await main();
