/**
 * `pnpm vectors`: runs every conformance vector file and prints a table of passed / failed /
 * skipped counts. `pnpm vectors --json` prints `{"files":[{"file","passed","failed","skipped"}]}`
 * to stdout instead. `--verbose` lists each failure and each skip reason.
 * Exits 1 when any vector fails.
 */
import { runAllVectorFiles } from './registry.ts';

const args = new Set(process.argv.slice(2));
const reports = await runAllVectorFiles();
const failed = reports.reduce((n, r) => n + r.failed, 0);

if (args.has('--json')) {
  const files = reports.map(({ file, passed, failed, skipped }) => ({ file, passed, failed, skipped }));
  process.stdout.write(JSON.stringify({ files }) + '\n');
} else {
  const rows = reports.map((r) => [r.file, r.layer, String(r.passed), String(r.failed), String(r.skipped)]);
  const total = reports.reduce((t, r) => [t[0]! + r.passed, t[1]! + r.failed, t[2]! + r.skipped], [0, 0, 0]);
  const header = ['file', 'layer', 'passed', 'failed', 'skipped'];
  const all = [header, ...rows, ['total', '', ...total.map(String)]];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  console.log(line(header));
  console.log(sep);
  for (const row of rows) console.log(line(row));
  console.log(sep);
  console.log(line(all[all.length - 1]!));
  const verbose = args.has('--verbose');
  for (const r of reports) {
    for (const res of r.results) {
      if (res.outcome.status === 'failed') console.log(`FAIL ${r.file} ${res.name}: ${res.outcome.error}`);
      else if (verbose && res.outcome.status === 'skipped') console.log(`skip ${r.file} ${res.name}: ${res.outcome.reason}`);
    }
  }
  if (!verbose) console.log('(run with --verbose for every skip reason)');
}
process.exitCode = failed > 0 ? 1 : 0;
