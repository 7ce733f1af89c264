/**
 * Costs of whole transactions as `clarity-ts batch` reports them: one tracker per deploy (the
 * oracle's `cost` is the execution cost of the contract's initialization, with the epoch's cost
 * contract, on a testnet chain).
 */
import type { StacksEpochId } from '@stacks-ts/common';
import type { ExecutionCostJson } from './execution-cost.ts';
import { costToJson } from './execution-cost.ts';
import { TrackingCostTracker } from './tracker.ts';
import type { CostTracker, TrackingCostTrackerOptions } from './tracker.ts';

/** A tracker for one transaction on `chain`, or undefined when costs are off. */
export function transactionTracker(
  chain: { readonly epoch: StacksEpochId; readonly mainnet: boolean },
  enabled: boolean | undefined,
  opts?: TrackingCostTrackerOptions,
): CostTracker | undefined {
  return enabled === true ? new TrackingCostTracker(chain.epoch, chain.mainnet, opts) : undefined;
}

/** The oracle's `cost` object for what a tracker charged. */
export function trackerCostJson(t: CostTracker): ExecutionCostJson {
  return costToJson(t.total);
}
