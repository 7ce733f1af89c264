// Corpus cases `clarity-ts batch` (src/batch.ts) does not agree on yet, each with the reason.
// corpus.test.ts skips exactly these, fails on any other disagreement, and fails when a case listed
// here agrees again (remove it then: the list only shrinks). A failing run names each case to add
// (with what differs) or to remove. Cases where the oracle is wrong about the node are not gaps:
// they carry a `divergence` (divergences.ts) and are compared against the node's answer.

/** Why a case is a known gap. */
export const GAP_REASONS = {
  /** The oracle reports a static error that src/analysis does not detect yet; the evaluator then runs the code. */
  STATIC: 'static error not detected yet: needs the type checker (src/analysis)',
  /** src/analysis reports a name conflict the reference only finds while evaluating (kind runtime). */
  NAME_STATIC: 'src/analysis reports NameAlreadyUsed statically; the reference passes analysis and fails at runtime',
  /** src/analysis checks the argument count of user functions; the reference zips them and fails at runtime. */
  ARGC_STATIC: 'src/analysis reports IncorrectArgumentCount statically; the reference fails at runtime',
  /** The v1 parser (epoch 2.05) rejects input the oracle accepts. */
  PARSER: 'parser (src/parser) disagrees with the oracle',
  /** src/analysis reports a static error where the reference accepts the program. */
  ANALYSIS_REJECTS: 'src/analysis rejects a program the reference accepts',
} as const;

/** A reason key of `GAP_REASONS`. */
export type GapReason = keyof typeof GAP_REASONS;

/** `[case id, reason, detail?]`: the detail is the oracle's error or what differs. */
export const KNOWN_GAPS: readonly (readonly [id: string, reason: GapReason, detail?: string])[] = [];

/** The known gaps by case id. */
export const KNOWN_GAP_INDEX: ReadonlyMap<string, { readonly reason: GapReason; readonly detail: string | undefined }> = new Map(
  KNOWN_GAPS.map(([id, reason, detail]) => [id, { reason, detail }]),
);
