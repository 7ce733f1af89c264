/**
 * Evaluating one sortition (reference: stackslib/src/chainstate/burn/sortition.rs
 * `make_snapshot_in_epoch`): sortition hash, winner sampling, the epoch 3.0 miner-activity and
 * ATC-C null-miner rules, consensus hash and the resulting snapshot. Pure: the DB supplies the
 * fork data (last VRF seed, previous consensus hashes, window).
 */
import { StacksEpochId } from '@stacks-ts/common';
import { atcToSortitionProbability, minerCommitCarryover, nullMinerProbability, type AtcRational } from './atc.ts';
import { epochAtLeast, miningCommitmentFrequency } from './constants.ts';
import { sampleBurnDistribution, type BurnSamplePoint } from './distribution.ts';
import { consensusHash, mixBurnHeader, mixVrfSeed, opsHash, sortitionIndex, type PoxId } from './hashes.ts';
import type { LeaderBlockCommitOp } from './operations/types.ts';
import type { BlockSnapshot } from './snapshot.ts';
import { U256_MAX } from './uint256.ts';

/** Why a sampled winner lost its sortition. */
export const WinnerRejection = {
  MinerInactive: 'Miner did not mine often enough to win',
  NullMiner: 'Null miner defeats block winner due to insufficient commit carryover',
} as const;
/** One of `WinnerRejection`. */
export type WinnerRejection = (typeof WinnerRejection)[keyof typeof WinnerRejection];

/** Everything a sortition is evaluated from. */
export interface SortitionInput {
  readonly parent: BlockSnapshot;
  readonly header: { readonly blockHeight: number; readonly blockHash: Uint8Array; readonly parentBlockHash: Uint8Array; readonly timestamp: number };
  readonly epoch: StacksEpochId;
  readonly sortitionId: Uint8Array;
  readonly poxId: PoxId;
  readonly burnDist: readonly BurnSamplePoint[];
  /** Txids of the accepted operations in vtxindex order (ops hash). */
  readonly acceptedTxids: readonly Uint8Array[];
  /** Sum of the accepted commits' burn fees in this block, null on overflow (`total_burns`). */
  readonly blockBurnTotal: bigint | null;
  /** `windowed_median_burns` of the window, null on overflow. */
  readonly windowedMedianBurns: bigint | null;
  /** Number of blocks in the commit window. */
  readonly windowLength: number;
  /** new_seed of the last winner on this fork, or 0^32. */
  readonly lastVrfSeed: Uint8Array;
  /** Consensus hashes at the heights `prevConsensusHashHeights(parent height)` on this fork. */
  readonly prevConsensusHashes: readonly Uint8Array[];
  /** Coinbase carried into this block's winner (already accumulated). */
  readonly accumulatedCoinbaseUstx: bigint;
  /** Hash160 of the winner's signing key, looked up by the caller once the winner is known. */
  readonly minerPkHashOf: (winner: LeaderBlockCommitOp) => Uint8Array | null;
}

/** The evaluated sortition: its snapshot (without the MARF index root), and the winner or why there is none. */
export interface SortitionOutcome {
  readonly snapshot: BlockSnapshot;
  readonly winner: { readonly commit: LeaderBlockCommitOp; readonly distIndex: number } | null;
  /** The sampled commit that was rejected (epoch 3.0+), with the reason. */
  readonly rejected: { readonly commit: LeaderBlockCommitOp; readonly reason: WinnerRejection } | null;
  /** The ATC of this block (1.0 when the null miner was not consulted). */
  readonly atc: AtcRational | null;
}

/** True when the winner's frequency reaches min(epoch frequency, window length) (`check_miner_is_active`). */
export function isMinerActive(epoch: StacksEpochId, windowLength: number, frequency: number): boolean {
  return frequency >= Math.min(miningCommitmentFrequency(epoch), windowLength);
}

/** True when the null miner wins against a sampled winner (`null_miner_wins`), sampling the same index. */
export function nullMinerWins(sortitionHash: Uint8Array, lastVrfSeed: Uint8Array, atc: AtcRational): boolean {
  const p = atcToSortitionProbability(nullMinerProbability(atc));
  const idx = sortitionIndex(sortitionHash, lastVrfSeed);
  // two-entry distribution: null miner [0, p), real winner [p, 2^256 - 1)
  if (idx >= 0n && idx < p) return true;
  if (idx >= p && idx < U256_MAX) return false;
  // an index equal to 2^256-1 falls in no range: the reference treats the sample as a panic; unreachable in practice
  return false;
}

/** Evaluates the sortition of one burn block on the parent's fork. */
export function evaluateSortition(input: SortitionInput): SortitionOutcome {
  const { parent, header } = input;
  const sortitionHash = mixBurnHeader(parent.sortitionHash, header.blockHash);
  const ops = opsHash(input.acceptedTxids);
  const base = {
    blockHeight: header.blockHeight,
    burnHeaderTimestamp: header.timestamp,
    burnHeaderHash: header.blockHash,
    parentBurnHeaderHash: header.parentBlockHash,
    opsHash: ops,
    indexRoot: new Uint8Array(32),
    stacksBlockAccepted: false,
    stacksBlockHeight: 0,
    arrivalIndex: 0,
    canonicalStacksTipHeight: parent.canonicalStacksTipHeight,
    canonicalStacksTipHash: parent.canonicalStacksTipHash,
    canonicalStacksTipConsensusHash: parent.canonicalStacksTipConsensusHash,
    sortitionId: input.sortitionId,
    parentSortitionId: parent.sortitionId,
    poxValid: true,
    accumulatedCoinbaseUstx: input.accumulatedCoinbaseUstx,
  };
  const noSortition = (rejected: SortitionOutcome['rejected'], atc: AtcRational | null): SortitionOutcome => ({
    snapshot: {
      ...base,
      consensusHash: consensusHash(header.blockHash, ops, parent.totalBurn, input.prevConsensusHashes, input.poxId),
      totalBurn: parent.totalBurn,
      sortition: false,
      sortitionHash,
      winningBlockTxid: new Uint8Array(32),
      winningStacksBlockHash: new Uint8Array(32),
      numSortitions: parent.numSortitions,
      minerPkHash: null,
    },
    winner: null,
    rejected,
    atc,
  });
  if (input.burnDist.length === 0) return noSortition(null, null);
  const blockBurn = input.blockBurnTotal;
  if (blockBurn === null || blockBurn === 0n) return noSortition(null, null);
  const nextTotal = parent.totalBurn + blockBurn;
  if (nextTotal >= 1n << 64n) return noSortition(null, null);
  const winIdx = sampleBurnDistribution(input.burnDist, sortitionIndex(sortitionHash, input.lastVrfSeed))!;
  const point = input.burnDist[winIdx]!;
  const winner = point.candidate;
  let atcValue: AtcRational | null = null;
  if (epochAtLeast(input.epoch, StacksEpochId.Epoch30)) {
    if (!isMinerActive(input.epoch, input.windowLength, point.frequency)) {
      return noSortition({ commit: winner, reason: WinnerRejection.MinerInactive }, null);
    }
    const { atc, nullMinerActive } = minerCommitCarryover(input.blockBurnTotal, input.windowedMedianBurns);
    atcValue = atc;
    if (nullMinerActive && nullMinerWins(sortitionHash, input.lastVrfSeed, atc)) {
      return noSortition({ commit: winner, reason: WinnerRejection.NullMiner }, atc);
    }
  }
  return {
    snapshot: {
      ...base,
      consensusHash: consensusHash(header.blockHash, ops, nextTotal, input.prevConsensusHashes, input.poxId),
      totalBurn: nextTotal,
      sortition: true,
      sortitionHash: mixVrfSeed(sortitionHash, winner.newSeed),
      winningBlockTxid: winner.txid,
      winningStacksBlockHash: winner.blockHeaderHash,
      numSortitions: parent.numSortitions + 1,
      minerPkHash: input.minerPkHashOf(winner),
    },
    winner: { commit: winner, distIndex: winIdx },
    rejected: null,
    atc: atcValue,
  };
}
