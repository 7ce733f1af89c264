/**
 * `pnpm fuzz [--count N] [--seed S] [--json]`: runs the codec fuzzer and prints, per decoder, how
 * many inputs it saw, how many decoded, the CodecError codes it raised, and any failure (an
 * exception other than CodecError, or a decode slower than the hang limit). Exits 1 on a failure.
 */
import { runFuzz } from './fuzz.ts';

const argv = process.argv.slice(2);
const arg = (name: string, def: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const count = arg('--count', 1_000_000);
const seed = arg('--seed', Date.now() % 2 ** 31);
const started = Date.now();
console.error(`fuzzing ${count} inputs, seed ${seed}`);
let nextReport = 100_000;
const reports = runFuzz({
  count,
  seed,
  onProgress: (done, total) => {
    if (done < nextReport) return;
    nextReport += 100_000;
    console.error(`  ${done}/${total} inputs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  },
});
const failures = reports.reduce((n, r) => n + r.failureCount, 0);
if (argv.includes('--json')) {
  console.log(JSON.stringify({ seed, count, seconds: (Date.now() - started) / 1000, reports }, null, 2));
} else {
  for (const r of reports) {
    const codes = Object.entries(r.codecErrors)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c.replace('CODEC_', '')}=${n}`)
      .join(' ');
    console.log(`${r.name.padEnd(24)} inputs=${r.inputs} decoded=${r.decoded} failures=${r.failureCount} slowest=${r.slowestMs.toFixed(1)}ms  ${codes}`);
    for (const f of r.failures) console.log(`  FAILURE ${f.error}\n    input ${f.inputHex.slice(0, 400)}`);
  }
  const total = reports.reduce((n, r) => n + r.inputs, 0);
  console.log(`${total} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed}: ${failures === 0 ? 'only typed errors' : `${failures} failure(s)`}`);
}
process.exitCode = failures === 0 ? 0 : 1;
