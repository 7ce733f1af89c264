// Records the golden answers: runs every corpus file through the reference interpreter
// (../shared/tools/clarity-oracle, a copy with its node_modules installed) and writes golden/<family>.jsonl.
//   ORACLE_DIR=/tmp/x/clarity-oracle npx tsx packages/clarity-vm/test/conformance/record.ts [family ...]
// It then checks each answer against the case's `expect` / `expect_repr` and lists disagreements:
// those are corpus mistakes (or surprises worth a note), never something to paper over in the golden file.
//   ... record.ts --new [family ...]   records only the cases without a golden answer yet (each must
// start from genesis: `fresh` or with `contract`), keeping every recorded answer as it is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { FAMILIES } from './cases.ts';
import type { CorpusCase } from './cases.ts';
import { expectationMismatch, goldenFromOracle } from './compare.ts';
import { CORPUS_DIR, GOLDEN_DIR, loadGolden } from './load.ts';

/** Runs one JSON-lines file through the oracle; resolves with its output lines in order. */
function runOracle(oracleDir: string, input: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(oracleDir, 'oracle.mjs'), '--quiet'], {
      cwd: oracleDir,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Record<string, unknown>[] = [];
    let stderr = '';
    readline.createInterface({ input: child.stdout }).on('line', (l) => out.push(JSON.parse(l) as Record<string, unknown>));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`oracle exited with ${code}: ${stderr}`));
      else resolve(out);
    });
    child.stdin.end(input);
  });
}

async function main(): Promise<void> {
  const oracleDir = process.env['ORACLE_DIR'];
  if (!oracleDir || !fs.existsSync(path.join(oracleDir, 'oracle.mjs')) || !fs.existsSync(path.join(oracleDir, 'node_modules'))) {
    process.stderr.write('set ORACLE_DIR to a copy of ../shared/tools/clarity-oracle with `npm install` done\n');
    process.exit(2);
  }
  const onlyNew = process.argv.includes('--new');
  const only = process.argv.slice(2).filter((a) => a !== '--new');
  fs.mkdirSync(GOLDEN_DIR, { recursive: true });
  const t0 = performance.now();
  let total = 0;
  let mismatches = 0;
  for (const family of FAMILIES) {
    if (only.length > 0 && !only.includes(family)) continue;
    const input = fs.readFileSync(path.join(CORPUS_DIR, `${family}.jsonl`), 'utf8');
    const allCases = input.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as CorpusCase);
    const known = new Map(onlyNew ? loadGolden(family).map((g) => [g.id, g]) : []);
    const cases = allCases.filter((c) => !known.has(c.id));
    const shared = onlyNew ? cases.filter((c) => c.contract === undefined && c.fresh !== true) : [];
    if (shared.length > 0) throw new Error(`${family}: --new needs cases that start from genesis; not: ${shared.map((c) => c.id).join(', ')}`);
    const t = performance.now();
    const raw = cases.length === 0 ? [] : await runOracle(oracleDir, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const secs = (performance.now() - t) / 1000;
    if (raw.length !== cases.length) throw new Error(`${family}: ${cases.length} cases but ${raw.length} answers`);
    const golden = raw.map((r, i) => {
      if (r['id'] !== cases[i]!.id) throw new Error(`${family}: answer ${i} has id ${String(r['id'])}, expected ${cases[i]!.id}`);
      return goldenFromOracle(r);
    });
    const fresh = new Map(golden.map((g) => [g.id, g]));
    const merged = allCases.map((c) => known.get(c.id) ?? fresh.get(c.id)!);
    fs.writeFileSync(path.join(GOLDEN_DIR, `${family}.jsonl`), merged.map((g) => JSON.stringify(g)).join('\n') + '\n');
    const counts = { ok: 0, static: 0, runtime: 0, oracle: 0 };
    for (const [i, g] of golden.entries()) {
      counts[g.ok ? 'ok' : g.error_kind]++;
      const why = expectationMismatch(cases[i]!, g);
      if (why !== null) {
        mismatches++;
        process.stdout.write(`  MISMATCH ${cases[i]!.id}: ${why.replace(/\s+/g, ' ').slice(0, 400)}\n`);
      }
    }
    total += cases.length;
    process.stdout.write(
      `${family.padEnd(22)} ${String(cases.length).padStart(5)} cases  ok ${counts.ok}  static ${counts.static}  runtime ${counts.runtime}` +
        `${counts.oracle ? `  ORACLE ${counts.oracle}` : ''}  ${secs.toFixed(1)}s\n`,
    );
  }
  process.stdout.write(`total ${total} cases in ${((performance.now() - t0) / 1000).toFixed(1)}s, ${mismatches} expectation mismatches\n`);
  if (mismatches > 0) process.exitCode = 1;
}

await main();
