// Shared by costs.test.ts and the exploration script: runs the corpus with costs on and compares
// each case's `cost` (and `deploy_costs`) with the golden answer.
import { FAMILIES } from './cases.ts';
import type { CorpusCase, Family } from './cases.ts';
import type { GoldenOutput } from './compare.ts';
import { loadCases, loadGolden } from './load.ts';
import { loadAnalysis, runBatchSync } from '../../src/batch.ts';
import type { BatchOptions, BatchResult } from '../../src/batch.ts';

/** The five fields as the oracle prints them. */
export interface CostJson {
  readonly runtime: number;
  readonly read_count: number;
  readonly read_length: number;
  readonly write_count: number;
  readonly write_length: number;
}

/** One case whose golden answer has a cost, and what we computed. */
export interface CostComparison {
  readonly id: string;
  readonly expected: CostJson;
  readonly actual: CostJson | undefined;
  readonly match: boolean;
  /** Human-readable differences, empty when it matches. */
  readonly differences: string[];
}

const FIELDS = ['runtime', 'read_count', 'read_length', 'write_count', 'write_length'] as const;

function diff(label: string, expected: CostJson | null | undefined, actual: CostJson | undefined): string[] {
  if (expected === null || expected === undefined) return [];
  if (actual === undefined) return [`${label}: no cost (ours: ${'missing'})`];
  return FIELDS.filter((f) => expected[f] !== actual[f]).map((f) => `${label}.${f} ${actual[f]} != ${expected[f]}`);
}

/** Compares the costs of every golden case that has one (cases failing on our side count as mismatches). */
export function compareCosts(cases: readonly CorpusCase[], golden: readonly GoldenOutput[], results: readonly BatchResult[]): CostComparison[] {
  const out: CostComparison[] = [];
  const byId = new Map(golden.map((g) => [g.id, g]));
  cases.forEach((c, i) => {
    const g = byId.get(c.id) as (GoldenOutput & { cost?: CostJson | null; deploy_costs?: Record<string, CostJson | null> }) | undefined;
    if (g === undefined || !g.ok || g.cost === undefined || g.cost === null) return;
    const r = results[i]!;
    const actual = r.ok ? r.cost : undefined;
    const differences = r.ok ? diff('cost', g.cost, actual) : [`ours failed: ${r.error_kind}: ${r.error.slice(0, 120)}`];
    if (r.ok && g.deploy_costs !== undefined) {
      for (const [name, dc] of Object.entries(g.deploy_costs)) differences.push(...diff(`deploy_costs.${name}`, dc, r.deploy_costs?.[name]));
    }
    out.push({ id: c.id, expected: g.cost, actual, match: differences.length === 0, differences });
  });
  return out;
}

/** Runs one family with costs on. */
export function runFamilyWithCosts(family: Family, opts: BatchOptions): { cases: CorpusCase[]; comparisons: CostComparison[] } {
  const cases = loadCases(family);
  const golden = loadGolden(family);
  const results = runBatchSync(cases, { ...opts, costs: true });
  return { cases, comparisons: compareCosts(cases, golden, results) };
}

/** The batch options the corpus runs with (analysis and sorter when available). */
export async function corpusOptions(extra: Partial<BatchOptions> = {}): Promise<BatchOptions> {
  return { ...(await loadAnalysis()), ...extra };
}

export { FAMILIES };
