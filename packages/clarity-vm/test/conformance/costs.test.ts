// Execution costs against the oracle: every golden case recorded with a `cost` (and `deploy_costs`)
// is run through `clarity-ts batch` with costs on, and all five fields must agree, except the cases
// listed in cost-gaps.ts (which must still disagree: the list only shrinks).
import { describe, expect, it } from 'vitest';
import { loadBootContracts } from './boot-sources.ts';
import { COST_GAPS, COST_GAP_INDEX } from './cost-gaps.ts';
import { FAMILIES, corpusOptions, runFamilyWithCosts } from './cost-compare.ts';
import type { BatchOptions } from '../../src/batch.ts';

const opts: BatchOptions = await corpusOptions({ bootContracts: await loadBootContracts() } as Partial<BatchOptions>);

describe('execution costs agree with the reference interpreter', () => {
  const totals = { compared: 0, agreed: 0, gaps: 0 };
  const seen = new Set<string>();
  for (const family of FAMILIES) {
    it(family, () => {
      const { comparisons } = runFamilyWithCosts(family, opts);
      const unexpected: string[] = [];
      const fixed: string[] = [];
      let agreed = 0;
      let gaps = 0;
      for (const c of comparisons) {
        seen.add(c.id);
        const gap = COST_GAP_INDEX.get(c.id);
        if (c.match) {
          agreed++;
          if (gap !== undefined) fixed.push(`${c.id} (listed as ${gap}: remove it from cost-gaps.ts)`);
        } else if (gap !== undefined) {
          gaps++;
        } else {
          unexpected.push(`${c.id}: ${c.differences.join('; ')}`);
        }
      }
      totals.compared += comparisons.length;
      totals.agreed += agreed;
      totals.gaps += gaps;
      console.log(`${family}: cost agrees on ${agreed} of ${comparisons.length}, ${gaps} known gaps (cost-gaps.ts)`);
      expect(unexpected.slice(0, 40), `${unexpected.length} cases disagree on cost outside cost-gaps.ts`).toEqual([]);
      expect(fixed, 'cost gaps that agree now').toEqual([]);
    });
  }
  it('lists only gaps that are compared corpus cases', () => {
    expect(COST_GAPS.map(([id]) => id).filter((id) => !seen.has(id))).toEqual([]);
    expect(totals.compared).toBeGreaterThan(3000);
    console.log(`total: cost agrees on ${totals.agreed} of ${totals.compared} cases, ${totals.gaps} known gaps`);
  });
});
