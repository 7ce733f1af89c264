/**
 * The PoX parameters the sortition needs (reference: stackslib/src/burnchains/mod.rs
 * `PoxConstants`): reward-cycle length, prepare-phase length and the (pre-2.1) sunset window.
 */
import { StacksEpochId } from '@stacks-ts/common';
import { epochAtLeast } from './constants.ts';

/** The burnchain and PoX parameters a sortition is evaluated with. */
export interface BurnchainParams {
  /** Height of the first burn block the Stacks chain reads (its snapshot is the genesis snapshot). */
  readonly firstBlockHeight: number;
  /** Hash of that block (32 bytes, display order). */
  readonly firstBlockHash: Uint8Array;
  /** Timestamp of that block. */
  readonly firstBlockTimestamp: number;
  /** Reward cycle length in burn blocks. */
  readonly rewardCycleLength: number;
  /** Prepare phase length in burn blocks. */
  readonly prepareLength: number;
  /** PoX sunset start height (only before epoch 2.1; use `Number.MAX_SAFE_INTEGER` for none). */
  readonly sunsetStart: number;
  /** PoX sunset end height (only before epoch 2.1). */
  readonly sunsetEnd: number;
  /** Mainnet addresses (burn address version, apparent sender rendering). */
  readonly mainnet: boolean;
  /** First burn height from which commits use the single-output PoX waterfall (epoch 4.x; `Infinity` when not scheduled). */
  readonly firstPoxWaterfallBlock: number;
  /** Sortitions sharing the coinbases of the burn blocks before the first winner (10,000 on real networks). */
  readonly initialMiningBonusWindow: number;
}

/** True when `height` is in a prepare phase (`static_is_in_prepare_phase`): reward index 0 or past L - P. */
export function isInPreparePhase(params: BurnchainParams, height: number): boolean {
  if (height <= params.firstBlockHeight) return false;
  const idx = (height - params.firstBlockHeight) % params.rewardCycleLength;
  return idx === 0 || idx > params.rewardCycleLength - params.prepareLength;
}

/** True when PoX has a sunset in `epoch` (`has_pox_sunset`: before 2.1). */
export function hasPoxSunset(epoch: StacksEpochId): boolean {
  return !epochAtLeast(epoch, StacksEpochId.Epoch21);
}

/** True when `height` is at or after the PoX sunset end in `epoch` (`is_after_pox_sunset_end`). */
export function isAfterPoxSunsetEnd(params: BurnchainParams, height: number, epoch: StacksEpochId): boolean {
  return hasPoxSunset(epoch) && height >= params.sunsetEnd;
}

/** The reward cycle of a burn height, or null before the first block. */
export function rewardCycleOf(params: BurnchainParams, height: number): number | null {
  if (height < params.firstBlockHeight) return null;
  return Math.floor((height - params.firstBlockHeight) / params.rewardCycleLength);
}
