// Throughput of `runBatch` (src/batch.ts) against the oracle's interpreter (the clarinet SDK WASM,
// spawned from ORACLE_DIR as a child process) on the same workloads in the same run:
//   ORACLE_DIR=/path/to/clarity-oracle npx tsx --conditions=@stacks-ts/source packages/clarity-vm/test/perf/vs-oracle.ts
// Without ORACLE_DIR only our figures are printed. The oracle's time runs from its answer to a warm-up
// case to its last answer (its start-up excluded); both sides parse, type-check and evaluate every case.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { loadAnalysis, runBatchSync } from '../../src/batch.ts';
import type { BatchCase } from '../../src/batch.ts';
import { generateCases } from '../conformance/fuzz/generate.ts';

/**
 * Seconds the oracle takes for `cases`, from its answer to a warm-up case sent first (so the SDK's
 * start-up is excluded) to its last answer.
 */
function oracleSeconds(oracleDir: string, cases: readonly BatchCase[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(oracleDir, 'oracle.mjs'), '--quiet'], { cwd: oracleDir, stdio: ['pipe', 'pipe', 'ignore'] });
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

/** The workloads: [name, unit, cases, units per run]. */
function workloads(): [string, string, BatchCase[], number][] {
  const simple: BatchCase[] = Array.from({ length: 2000 }, (_, i) => ({
    id: `simple/${i}`,
    expr: `(+ (* u${i} u3 u${i}) (/ u${i + 7} u2))`,
    epoch: '3.3',
    clarity_version: 4,
  }));
  const fuzz = generateCases({ seed: 1, count: 2000, epoch: '3.3' });
  const callExpr = `(begin ${Array.from({ length: CALLS_PER_CASE }, (_, i) => `(unwrap-panic (contract-call? .contract incr u${i % 999}))`).join(' ')} (contract-call? .contract get-total))`;
  const calls: BatchCase[] = Array.from({ length: 30 }, (_, i) => ({ id: `calls/${i}`, contract: COUNTER, expr: callExpr, epoch: '3.3', clarity_version: 4 }));
  return [
    ['simple arithmetic expressions', 'expressions', simple, simple.length],
    ['fuzz mix (seed 1, 3.3)', 'expressions', fuzz, fuzz.length],
    [`contract calls (deploy + ${CALLS_PER_CASE} calls per case)`, 'calls', calls, calls.length * CALLS_PER_CASE],
  ];
}

async function main(): Promise<void> {
  const oracleDir = process.env['ORACLE_DIR'];
  const haveOracle = oracleDir !== undefined && fs.existsSync(path.join(oracleDir, 'oracle.mjs'));
  if (!haveOracle) process.stdout.write('ORACLE_DIR not set: measuring clarity-ts only\n');
  const opts = await loadAnalysis();
  for (const [name, unit, cases, units] of workloads()) {
    runBatchSync(cases.slice(0, 50), opts); // warm-up
    const t0 = performance.now();
    runBatchSync(cases, opts);
    const ours = (performance.now() - t0) / 1000;
    let line = `${name}: clarity-ts ${Math.round(units / ours).toLocaleString('en-US')} ${unit}/s`;
    if (haveOracle) {
      const theirs = await oracleSeconds(oracleDir, cases);
      line += `, oracle ${Math.round(units / theirs).toLocaleString('en-US')} ${unit}/s (x${(theirs / ours).toFixed(1)})`;
    }
    process.stdout.write(`${line}\n`);
  }
}

await main();
