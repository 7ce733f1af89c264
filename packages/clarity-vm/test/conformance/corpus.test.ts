// The conformance corpus: checks the corpus and its golden answers are complete and consistent,
// and compares `runBatch` (the `clarity-ts batch` implementation, src/batch.ts) with the golden
// answers once that file exists. The oracle is not needed here: it is only used to record.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_COMBOS, FAMILIES } from './cases.ts';
import type { CorpusCase, Family } from './cases.ts';
import { compareOutputs, expectationMismatch, expectedAnswer } from './compare.ts';
import type { BatchOutput, GoldenOutput } from './compare.ts';
import { KNOWN_GAPS, KNOWN_GAP_INDEX } from './known-gaps.ts';
import { loadBootContracts } from './boot-sources.ts';
import { loadCases, loadGolden } from './load.ts';

const MIN_CASES = 3000;
const here = path.dirname(fileURLToPath(import.meta.url));
const BATCH_MODULE = path.join(here, '../../src/batch.ts');

const corpus = new Map<Family, { cases: CorpusCase[]; golden: GoldenOutput[] }>(
  FAMILIES.map((f) => [f, { cases: loadCases(f), golden: loadGolden(f) }]),
);
const total = [...corpus.values()].reduce((n, f) => n + f.cases.length, 0);

describe('conformance corpus', () => {
  it(`has at least ${MIN_CASES} cases with unique ids`, () => {
    const ids = [...corpus.values()].flatMap((f) => f.cases.map((c) => c.id));
    expect(ids.length).toBeGreaterThanOrEqual(MIN_CASES);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses only (epoch, Clarity version) pairs a deploy may use', () => {
    const bad = [...corpus.values()]
      .flatMap((f) => f.cases)
      .filter((c) => !ALL_COMBOS.some((k) => k.epoch === c.epoch && k.clarity_version === c.clarity_version))
      .map((c) => c.id);
    expect(bad).toEqual([]);
  });

  for (const [family, { cases, golden }] of corpus) {
    describe(family, () => {
      it('has cases, each with its own golden answer in the same order', () => {
        expect(cases.length).toBeGreaterThan(0);
        expect(golden.map((g) => g.id)).toEqual(cases.map((c) => c.id));
        expect(cases.every((c) => c.id.startsWith(`${family}/`))).toBe(true);
      });

      it('has no oracle failures (bad input, unsupported versions, SDK crashes)', () => {
        expect(golden.filter((g) => !g.ok && g.error_kind === 'oracle').map((g) => g.id)).toEqual([]);
      });

      it("golden answers match each case's stated intent", () => {
        const wrong = cases.flatMap((c, i) => {
          const why = golden[i] === undefined ? 'no golden answer' : expectationMismatch(c, golden[i]);
          return why === null ? [] : [`${c.id}: ${why}`];
        });
        expect(wrong).toEqual([]);
      });

      it('records successes with SIP-005 hex and failures with a kind', () => {
        for (const g of golden) {
          if (g.ok) expect(g.result_hex).toMatch(/^0x([0-9a-f]{2})+$/);
          else expect(['static', 'runtime']).toContain(g.error_kind);
        }
      });
    });
  }
});

type RunBatch = (cases: readonly CorpusCase[]) => readonly BatchOutput[] | Promise<readonly BatchOutput[]>;

/** Agreement of one family: cases that disagree outside the known gaps, and known gaps that now agree. */
interface FamilyOutcome {
  readonly agreed: number;
  readonly knownGaps: number;
  readonly unexpected: string[];
  readonly fixedGaps: string[];
}

/** Runs one family through an implementation and sorts each case into agreed / known gap / unexpected. */
async function familyOutcome(runBatch: RunBatch, cases: readonly CorpusCase[], golden: readonly GoldenOutput[]): Promise<FamilyOutcome> {
  const actual = await runBatch(cases);
  if (actual.length !== cases.length)
    return { agreed: 0, knownGaps: 0, unexpected: [`expected ${cases.length} answers, got ${actual.length}`], fixedGaps: [] };
  let agreed = 0;
  let knownGaps = 0;
  const unexpected: string[] = [];
  const fixedGaps: string[] = [];
  cases.forEach((c, i) => {
    const r = compareOutputs(expectedAnswer(c, golden[i]!), actual[i]!);
    const gap = KNOWN_GAP_INDEX.get(c.id);
    if (r.match) {
      agreed++;
      if (gap !== undefined) fixedGaps.push(`${c.id} (listed as ${gap.reason}: remove it from known-gaps.ts)`);
    } else if (gap !== undefined) {
      knownGaps++;
    } else {
      unexpected.push(`${c.id}: ${r.differences.join('; ')}`);
    }
  });
  return { agreed, knownGaps, unexpected, fixedGaps };
}

if (fs.existsSync(BATCH_MODULE)) {
  // The oracle's genesis has the boot contracts: they come from the installed SDK (boot-sources.ts).
  const bootContracts = await loadBootContracts();
  const batch = (await import(BATCH_MODULE)) as { runBatch: (cases: readonly CorpusCase[], opts: { bootContracts: unknown }) => Promise<readonly BatchOutput[]> };
  const runBatch: RunBatch = (cases) => batch.runBatch(cases, { bootContracts });
  describe('clarity-ts batch agrees with the reference interpreter', () => {
    const totals = { agreed: 0, knownGaps: 0 };
    for (const [family, { cases, golden }] of corpus) {
      it(`${family} (${cases.length} cases)`, async () => {
        const o = await familyOutcome(runBatch, cases, golden);
        totals.agreed += o.agreed;
        totals.knownGaps += o.knownGaps;
        console.log(`${family}: ${o.agreed} of ${cases.length} agree, ${o.knownGaps} known gaps (test/conformance/known-gaps.ts)`);
        expect(o.unexpected.slice(0, 50), `${o.unexpected.length} of ${cases.length} cases disagree outside known-gaps.ts`).toEqual([]);
        expect(o.fixedGaps, 'known gaps that agree now').toEqual([]);
      });
    }
    it('lists only known gaps that are corpus cases', () => {
      const ids = new Set([...corpus.values()].flatMap((f) => f.cases.map((c) => c.id)));
      expect(KNOWN_GAPS.map(([id]) => id).filter((id) => !ids.has(id))).toEqual([]);
      console.log(`total: ${totals.agreed} of ${total} agree, ${totals.knownGaps} known gaps`);
    });
  });
} else {
  describe('clarity-ts batch agrees with the reference interpreter', () => {
    it('waits for src/batch.ts (the golden set is complete)', () => {
      const answered = [...corpus.values()].reduce((n, f) => n + f.golden.length, 0);
      expect(answered).toBe(total);
      console.log(`interpreter not built yet: 0 of ${total} cases compared`);
    });
  });
}
