// Contract calls that read and write a data var and a map entry, per second: clarity-ts over a MARF
// (ClarityChain, a deploy then 100 calls in one block, in memory and on disk) against the oracle's
// interpreter (the clarinet SDK's simnet, spawned from ORACLE_DIR, --no-cost; one case per deploy +
// 100 calls). Run:
//   ORACLE_DIR=/path/to/clarity-oracle npx tsx --conditions=@stacks-ts/source packages/clarity-vm/test/perf/state-vs-oracle.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { loadAnalysis } from '../../src/batch.ts';
import { STATE_CONTRACT, stateChain, touchBlock } from './state-workload.ts';

const CALLS = 100;
const ROUNDS = 30;

function oracleSeconds(oracleDir: string, cases: readonly object[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(oracleDir, 'oracle.mjs'), '--quiet', '--no-cost'], { cwd: oracleDir, stdio: ['pipe', 'pipe', 'ignore'] });
    let lines = 0;
    let t0 = 0;
    let t1 = 0;
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines++;
      if (lines > 1 && !line.includes('"ok":true')) reject(new Error(`oracle case failed: ${line}`));
      if (lines === 1) t0 = performance.now();
      t1 = performance.now();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || lines !== cases.length + 1) reject(new Error(`oracle exited with ${code} after ${lines}/${cases.length + 1} answers`));
      else resolve((t1 - t0) / 1000);
    });
    const warm = { id: 'warm-up', expr: 'u1', epoch: '3.3', clarity_version: 4 };
    child.stdin.end([warm, ...cases].map((c) => JSON.stringify(c)).join('\n') + '\n');
  });
}

async function main(): Promise<void> {
  const analysis = await loadAnalysis();
  const results: string[] = [];
  const measure = (name: string, dir: string | undefined): number => {
    // each round: a fresh chain, deploy, then one block of CALLS calls (the oracle's unit of work)
    const one = () => {
      const d = dir === undefined ? undefined : mkdtempSync(path.join(dir, 'r-'));
      const s = stateChain(analysis, d);
      touchBlock(s.chain, s.tip, 1, CALLS, 50);
      s.close();
      if (d !== undefined) rmSync(d, { recursive: true, force: true });
    };
    one();
    const t0 = performance.now();
    for (let i = 0; i < ROUNDS; i++) one();
    const s = (performance.now() - t0) / 1000;
    const rate = (ROUNDS * CALLS) / s;
    results.push(`${name}: ${Math.round(rate).toLocaleString('en-US')} calls/s`);
    return rate;
  };
  const tmp = mkdtempSync(path.join(tmpdir(), 'state-vs-oracle-'));
  const mem = measure('clarity-ts, MARF in memory', undefined);
  const disk = measure('clarity-ts, MARF on disk', tmp);
  rmSync(tmp, { recursive: true, force: true });
  const oracleDir = process.env['ORACLE_DIR'];
  if (oracleDir !== undefined && fs.existsSync(path.join(oracleDir, 'oracle.mjs'))) {
    const expr = `(begin ${Array.from({ length: CALLS }, (_, i) => `(unwrap-panic (contract-call? .contract touch u${i % 50}))`).join(' ')} (contract-call? .contract get-total))`;
    const cases = Array.from({ length: ROUNDS }, (_, i) => ({ id: `state/${i}`, contract: STATE_CONTRACT, expr, epoch: '3.3', clarity_version: 4 }));
    const theirs = (ROUNDS * CALLS) / (await oracleSeconds(oracleDir, cases));
    results.push(`oracle (clarinet simnet, no costs): ${Math.round(theirs).toLocaleString('en-US')} calls/s; ratio clarity-ts/oracle: memory x${(mem / theirs).toFixed(2)}, disk x${(disk / theirs).toFixed(2)}`);
  } else {
    results.push('ORACLE_DIR not set: no oracle figure');
  }
  process.stdout.write(`${results.join('\n')}\n`);
}

await main();
