/**
 * What a pure native function needs to know about where it runs: the contract's Clarity version,
 * the epoch, and the network (`principal-construct?`, `principal-destruct?`, `is-standard` and
 * `principal-of?` depend on it).
 */
import { StacksEpochId, compareEpochs } from '@stacks-ts/common';

/**
 * A Clarity language version (`ClarityVersion::ClarityN`). This VM targets Clarity 1 to 4; 5 and 6
 * exist so that the version gates of names the reference reserves for them can be expressed.
 */
export type ClarityVersion = 1 | 2 | 3 | 4 | 5 | 6;

/** The newest Clarity version each epoch allows (`ClarityVersion::default_for_epoch`). */
export function defaultClarityVersion(epoch: StacksEpochId): ClarityVersion {
  if (compareEpochs(epoch, StacksEpochId.Epoch21) < 0) return 1;
  if (compareEpochs(epoch, StacksEpochId.Epoch30) < 0) return 2;
  if (compareEpochs(epoch, StacksEpochId.Epoch33) < 0) return 3;
  if (compareEpochs(epoch, StacksEpochId.Epoch34) < 0) return 4;
  if (compareEpochs(epoch, StacksEpochId.Epoch40) < 0) return 5;
  return 6;
}

/** Context of a native function call. */
export interface NativeContext {
  /** The Clarity version of the contract the call is in. */
  readonly clarityVersion: ClarityVersion;
  /** The epoch the call runs in. */
  readonly epoch: StacksEpochId;
  /** True on mainnet (the reference's `GlobalContext::mainnet`). */
  readonly mainnet: boolean;
  /** The chain id (`GlobalContext::chain_id`), for the evaluator's `chain-id` keyword. */
  readonly chainId: number;
}

/** True when `epoch` is `since` or later. */
export function epochAtLeast(epoch: StacksEpochId, since: StacksEpochId): boolean {
  return compareEpochs(epoch, since) >= 0;
}

/** Value sanitization is on from Epoch 2.4 (`StacksEpochId::value_sanitizing`). */
export function isValueSanitizing(epoch: StacksEpochId): boolean {
  return epochAtLeast(epoch, StacksEpochId.Epoch24);
}
