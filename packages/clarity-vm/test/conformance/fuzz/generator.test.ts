// The fuzz generator is deterministic per seed, and `runBatch` turns every generated case into an
// answer (a value or a Clarity error), never an exception. The oracle comparison is live.ts.
import { describe, expect, it } from 'vitest';
import { runBatchSync, loadAnalysis } from '../../../src/batch.ts';
import { generateCases } from './generate.ts';

describe('fuzz generator', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = generateCases({ seed: 7, count: 200 });
    expect(generateCases({ seed: 7, count: 200 })).toEqual(a);
    expect(generateCases({ seed: 8, count: 200 })).not.toEqual(a);
    expect(new Set(a.map((c) => c.id)).size).toBe(200);
  });

  it('runs 2,000 generated cases over all epochs without a non-Clarity exception', async () => {
    const opts = await loadAnalysis();
    const kinds = { ok: 0, static: 0, runtime: 0 };
    for (const [i, epoch] of ['2.05', '2.1', '2.4', '3.0', '3.3'].entries()) {
      const cases = generateCases({ seed: 100 + i, count: 400, epoch });
      const results = runBatchSync(cases, opts);
      expect(results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
      for (const r of results) kinds[r.ok ? 'ok' : r.error_kind]++;
      // runCase reports any exception that is not a ClarityError (or early return) as `internal: ...`.
      const internal = results.filter((r) => !r.ok && r.error.startsWith('internal:'));
      expect(internal.map((r) => [r.id, cases.find((c) => c.id === r.id)?.expr, !r.ok && r.error])).toEqual([]);
    }
    // The mix: mostly well-typed, with static and runtime errors too.
    expect(kinds.ok).toBeGreaterThan(500);
    expect(kinds.static).toBeGreaterThan(100);
    expect(kinds.runtime).toBeGreaterThan(100);
  }, 120_000);
});
