/**
 * The burn distribution of a sortition (reference: stackslib/src/chainstate/burn/distribution.rs):
 * each current commit is linked back through its UTXO chain over the mining window, its effective
 * burn is min(median of the window burns, its own burn), and the burns split [0, 2^256) into ranges.
 */
import { bytesToHex, equalBytes } from '@stacks-ts/common';
import { expectedChainedUtxo } from './operations/leader-block-commit.ts';
import type { LeaderBlockCommitOp, MissedBlockCommit } from './operations/types.ts';
import { SortitionError, SortitionErrorCode } from './errors.ts';
import { U256_MAX } from './uint256.ts';

/** One candidate of the distribution (`BurnSamplePoint`). */
export interface BurnSamplePoint {
  /** min(median burn, most recent burn). */
  readonly burns: bigint;
  /** Median burn over the candidate's window. */
  readonly medianBurn: bigint;
  /** How many window positions the candidate's UTXO chain covers. */
  readonly frequency: number;
  /** Range start in [0, 2^256). */
  readonly rangeStart: bigint;
  /** Range end (exclusive, except the last which ends at 2^256 - 1). */
  readonly rangeEnd: bigint;
  readonly candidate: LeaderBlockCommitOp;
}

type Linked = { kind: 'valid'; op: LeaderBlockCommitOp } | { kind: 'missed'; op: MissedBlockCommit };

function burnOf(l: Linked): bigint {
  return l.kind === 'valid' ? l.op.burnFee : 1n;
}

/** Median of a sorted list, the floor of the mean of the two middle values for an even count. */
function medianOfSorted(sorted: readonly bigint[]): bigint {
  const n = sorted.length;
  return n % 2 === 0 ? (sorted[n / 2]! + sorted[n / 2 - 1]!) / 2n : sorted[(n - 1) / 2]!;
}

/**
 * Builds the min-median distribution (`make_min_median_distribution`). `blockCommits[i]` are the
 * accepted commits of window position i (0 = oldest, last = the current block);
 * `missedCommits[i]` the missed commits intended for position i (one entry fewer);
 * `expectsSingleCommit[i]` whether position i only allowed a single (burn) output.
 */
export function makeMinMedianDistribution(
  blockCommits: readonly (readonly LeaderBlockCommitOp[])[],
  missedCommits: readonly (readonly MissedBlockCommit[])[],
  expectsSingleCommit: readonly boolean[],
): BurnSamplePoint[] {
  const windowSize = blockCommits.length;
  if (windowSize === 0 || missedCommits.length + 1 !== windowSize || expectsSingleCommit.length !== windowSize) {
    throw new SortitionError(SortitionErrorCode.InvalidArgument, 'inconsistent commit window');
  }
  const chains: (Linked | null)[][] = blockCommits[windowSize - 1]!.map((op) => {
    const chain: (Linked | null)[] = new Array(windowSize).fill(null);
    chain[0] = { kind: 'valid', op };
    return chain;
  });
  for (let rel = windowSize - 2; rel >= 0; rel--) {
    const commitsByTxid = new Map<string, LeaderBlockCommitOp>();
    for (const c of blockCommits[rel]!) commitsByTxid.set(bytesToHex(c.txid), c);
    const missedByTxid = new Map<string, MissedBlockCommit>();
    for (const m of missedCommits[rel]!) missedByTxid.set(bytesToHex(m.txid), m);
    const expectedVout = expectedChainedUtxo(expectsSingleCommit[rel]!);
    for (const chain of chains) {
      // the oldest entry linked so far
      let end: Linked | null = null;
      for (let i = chain.length - 1; i >= 0 && end === null; i--) end = chain[i]!;
      if (end === null || end.op.input.vout !== expectedVout) continue;
      const key = bytesToHex(end.op.input.txid);
      const valid = commitsByTxid.get(key);
      let found: Linked | null = null;
      if (valid !== undefined) {
        commitsByTxid.delete(key);
        found = { kind: 'valid', op: valid };
      } else {
        const missed = missedByTxid.get(key);
        if (missed !== undefined) {
          missedByTxid.delete(key);
          found = { kind: 'missed', op: missed };
        }
      }
      if (found !== null) chain[windowSize - 1 - rel] = found;
    }
  }
  const points = chains.map((chain) => {
    const burns = chain.map((l) => (l === null ? 1n : burnOf(l)));
    const mostRecent = burns[0]!;
    const sorted = [...burns].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const median = medianOfSorted(sorted);
    const candidate = (chain[0] as { op: LeaderBlockCommitOp }).op;
    return {
      burns: median < mostRecent ? median : mostRecent,
      medianBurn: median,
      frequency: chain.filter((l) => l !== null).length,
      rangeStart: 0n,
      rangeEnd: 0n,
      candidate,
    };
  });
  return makeSortitionRanges(points);
}

/** Fills in the ranges (`make_sortition_ranges`): end_k = floor((2^256 - 1) * cumulative_k / total). */
export function makeSortitionRanges(points: readonly BurnSamplePoint[]): BurnSamplePoint[] {
  if (points.length === 0) return [];
  if (points.length === 1) return [{ ...points[0]!, rangeStart: 0n, rangeEnd: U256_MAX }];
  const total = points.reduce((s, p) => s + p.burns, 0n);
  let acc = 0n;
  let last = 0n;
  return points.map((p) => {
    acc += p.burns;
    const end = (U256_MAX * acc) / total;
    const out = { ...p, rangeStart: last, rangeEnd: end };
    last = end;
    return out;
  });
}

/** Sum of the effective burns (`get_total_burns`), or null past u64. */
export function totalDistributionBurns(points: readonly BurnSamplePoint[]): bigint | null {
  const t = points.reduce((s, p) => s + p.burns, 0n);
  return t >= 1n << 64n ? null : t;
}

/** The index of the candidate whose range holds `index` (`sample_burn_distribution`), or null for an empty distribution. */
export function sampleBurnDistribution(points: readonly BurnSamplePoint[], index: bigint): number | null {
  if (points.length === 0) return null;
  if (points.length === 1) return 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.rangeStart <= index && index < p.rangeEnd) return i;
  }
  throw new SortitionError(SortitionErrorCode.Corruption, 'sortition index maps to no range');
}

/** Sum of commit burns in one block, or null past u64. */
export function blockCommitBurns(commits: readonly LeaderBlockCommitOp[]): bigint | null {
  const t = commits.reduce((s, c) => s + c.burnFee, 0n);
  return t >= 1n << 64n ? null : t;
}

/** Median over the window of each block's summed commit burns (`windowed_median_burns`): 0 with no blocks, null on overflow. */
export function windowedMedianBurns(window: readonly (readonly LeaderBlockCommitOp[])[]): bigint | null {
  const totals: bigint[] = [];
  for (const block of window) {
    const t = blockCommitBurns(block);
    if (t === null) return null;
    totals.push(t);
  }
  if (totals.length === 0) return 0n;
  totals.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return medianOfSorted(totals);
}

/** True when a distribution point's candidate is the commit with this txid. */
export function isCandidate(point: BurnSamplePoint, txid: Uint8Array): boolean {
  return equalBytes(point.candidate.txid, txid);
}
