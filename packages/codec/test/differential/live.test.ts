/**
 * Live seeded mode: fresh cases from `generate.ts`, checked like the golden ones.
 * `DIFF_SEED` (default: derived from today's UTC date, so each day covers new ground) and
 * `DIFF_COUNT` (default 300) choose the run; the seed is printed so a failure can be replayed:
 *   DIFF_SEED=<seed> DIFF_COUNT=<n> npx vitest run --project differential live
 */
import { describe, expect, it } from 'vitest';
import { checkCase, checkCaseAgainstLibrary, runChecks, type TxCheckStats } from './checks.ts';
import { countByKind, generateCases } from './generate.ts';

function defaultSeed(): number {
  const d = new Date();
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

const seed = process.env.DIFF_SEED !== undefined && process.env.DIFF_SEED !== '' ? Number(process.env.DIFF_SEED) : defaultSeed();
const count = process.env.DIFF_COUNT !== undefined && process.env.DIFF_COUNT !== '' ? Number(process.env.DIFF_COUNT) : 300;

describe(`live differential cases (DIFF_SEED=${seed} DIFF_COUNT=${count})`, () => {
  it('generates, and our codec agrees with stacks.js on every case', async () => {
    console.log(`differential live mode: DIFF_SEED=${seed} DIFF_COUNT=${count}`);
    const cases = await generateCases(seed, count);
    console.log(countByKind(cases));
    expect(runChecks(cases, checkCaseAgainstLibrary).report).toBe('');
    const stats: TxCheckStats = { resigned: 0, resignSkippedOversigned: 0, localeTupleOrder: 0 };
    const { report } = runChecks(cases, (c) => checkCase(c, stats));
    expect(report, `replay with DIFF_SEED=${seed} DIFF_COUNT=${count}`).toBe('');
  });
});
