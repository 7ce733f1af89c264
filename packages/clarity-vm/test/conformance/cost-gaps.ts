// Corpus cases whose `cost` (test/conformance/costs.test.ts) does not agree with the oracle yet,
// each with the reason. costs.test.ts fails on any other disagreement and when a listed case
// agrees again (remove it then: the list only shrinks).

/** Why a case's cost is a known gap. */
export const COST_GAP_REASONS = {
  /**
   * Epoch 2.05 parsing: the oracle (a clarinet devtools build) always parses with parser v2 and
   * runs the case, so it reports a cost; the node parses 2.05 with parser v1, which rejects the
   * source as a static parse error, and clarity-ts answers as the node does (the case is a
   * recorded divergence in the corpus). A rejected parse has no execution cost to compare.
   */
  NODE_PARSER_V1_REJECTS: 'at 2.05 the node (and clarity-ts) rejects the source with parser v1; the oracle parses it with v2 and reports a cost',
  /** The case fails on our side (it is listed in known-gaps.ts), so there is no cost to compare. */
  NOT_RUN: 'the case itself does not agree yet (known-gaps.ts)',
} as const;

/** A reason key of `COST_GAP_REASONS`. */
export type CostGapReason = keyof typeof COST_GAP_REASONS;

/** `[case id, reason]`. */
export const COST_GAPS: readonly (readonly [id: string, reason: CostGapReason])[] = [
  ['parse-errors/accepted/tuple-no-space-after-colon@2.05', 'NODE_PARSER_V1_REJECTS'],
];

/** The cost gaps by case id. */
export const COST_GAP_INDEX: ReadonlyMap<string, CostGapReason> = new Map(COST_GAPS.map(([id, reason]) => [id, reason]));
