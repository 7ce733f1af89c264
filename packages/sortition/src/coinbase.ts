/**
 * The coinbase a burn block's sortition is worth (reference: stacks-common/src/types/mod.rs
 * `StacksEpochId::coinbase_reward`): the pre-SIP-029 halvings up to epoch 3.0, then the SIP-029
 * interval table.
 */
import { StacksEpochId } from '@stacks-ts/common';
import { MICROSTACKS_PER_STACKS, epochAtLeast } from './constants.ts';

const BLOCKS_PER_YEAR = 52_596;

/** One step of the SIP-029 schedule: from `effectiveStartHeight` (burn height - first height) on, pay `coinbase` microSTX. */
export interface CoinbaseInterval {
  readonly coinbase: bigint;
  readonly effectiveStartHeight: number;
}

const STX = MICROSTACKS_PER_STACKS;
/** Mainnet SIP-029 / SIP-045 intervals (`COINBASE_INTERVALS_MAINNET`). */
export const COINBASE_INTERVALS_MAINNET: readonly CoinbaseInterval[] = [
  { coinbase: 1000n * STX, effectiveStartHeight: 0 },
  { coinbase: 500n * STX, effectiveStartHeight: 278_950 },
  { coinbase: 1000n * STX, effectiveStartHeight: 960_230 - 666_050 },
];
/** Testnet intervals (`COINBASE_INTERVALS_TESTNET`). */
export const COINBASE_INTERVALS_TESTNET: readonly CoinbaseInterval[] = [
  { coinbase: 1000n * STX, effectiveStartHeight: 0 },
  { coinbase: 500n * STX, effectiveStartHeight: 77_777 },
  { coinbase: 250n * STX, effectiveStartHeight: 77_777 * 7 },
  { coinbase: 125n * STX, effectiveStartHeight: 77_777 * 14 },
  { coinbase: 62_500_000n, effectiveStartHeight: 77_777 * 21 },
  { coinbase: 1000n * STX, effectiveStartHeight: 40_000_000 - 2_000_000 },
];

/** Coinbase in microSTX for a sortition at `height` (`get_coinbase_reward`). */
export function coinbaseReward(epoch: StacksEpochId, mainnet: boolean, firstBlockHeight: number, height: number): bigint {
  if (epoch === StacksEpochId.Epoch10) return 0n;
  const eff = Math.max(0, height - firstBlockHeight);
  if (!epochAtLeast(epoch, StacksEpochId.Epoch31)) {
    const stx = eff < BLOCKS_PER_YEAR * 4 ? 1000n : eff < BLOCKS_PER_YEAR * 8 ? 500n : eff < BLOCKS_PER_YEAR * 12 ? 250n : 125n;
    return stx * STX;
  }
  const intervals = mainnet ? COINBASE_INTERVALS_MAINNET : COINBASE_INTERVALS_TESTNET;
  let out = intervals[0]!.coinbase;
  for (const iv of intervals) if (eff >= iv.effectiveStartHeight) out = iv.coinbase;
  return out;
}
