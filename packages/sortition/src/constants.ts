/**
 * Consensus constants of the burnchain operations and the sortition (reference:
 * stackslib/src/chainstate/burn/mod.rs `Opcodes`, operations/leader_block_commit.rs,
 * stacks-common/src/types/mod.rs, stackslib/src/core/mod.rs).
 */
import { StacksEpochId, compareEpochs } from '@stacks-ts/common';

/** Burn operation opcodes: the byte after the 2-byte magic in the OP_RETURN push. */
export const Opcodes = {
  LeaderBlockCommit: 0x5b, // '['
  LeaderKeyRegister: 0x5e, // '^'
  StackStx: 0x78, // 'x'
  PreStx: 0x70, // 'p'
  TransferStx: 0x24, // '$'
  DelegateStx: 0x23, // '#'
  VoteForAggregateKey: 0x76, // 'v'
} as const;
/** One of `Opcodes`. */
export type Opcode = (typeof Opcodes)[keyof typeof Opcodes];

/** The 2-byte network magic that starts every burn operation payload. */
export const BurnMagic = {
  /** 'X2' */
  mainnet: Uint8Array.of(0x58, 0x32),
  /** 'T2' (testnet, xenon) */
  testnet: Uint8Array.of(0x54, 0x32),
  /** 'id' (regtest, mocknet and the reference's tests) */
  regtest: Uint8Array.of(0x69, 0x64),
} as const;

/** Outputs a reward-phase block commit pays to PoX recipients (`OUTPUTS_PER_COMMIT`). */
export const OUTPUTS_PER_COMMIT = 2;
/** Modulus of a commit's intended burn height (`BURN_BLOCK_MINED_AT_MODULUS`). */
export const BURN_BLOCK_MINED_AT_MODULUS = 5;
/** Blocks in the mining commitment window (`MINING_COMMITMENT_WINDOW`). */
export const MINING_COMMITMENT_WINDOW = 6;
/** Minimum UTXO-chain length a winner needs in epoch 3.0+ (`MINING_COMMITMENT_FREQUENCY_NAKAMOTO`). */
export const MINING_COMMITMENT_FREQUENCY_NAKAMOTO = 3;
/** Mixed first into every consensus hash (`SYSTEM_FORK_SET_VERSION`). */
export const SYSTEM_FORK_SET_VERSION = Uint8Array.of(23, 0, 0, 0);
/** Longest stacking lock in reward cycles (`POX_MAX_NUM_CYCLES`). */
export const POX_MAX_NUM_CYCLES = 12;
/** microSTX per STX. */
export const MICROSTACKS_PER_STACKS = 1_000_000n;
/** Sortitions that share the coinbases of the burn blocks before the first winner (mainnet value). */
export const INITIAL_MINING_BONUS_WINDOW = 10_000;
/** The leader-key memo prefix that holds the Nakamoto block-signing key hash160. */
export const NAKAMOTO_SIGNING_KEY_HASH_LENGTH = 20;

/** True when `a` is at or after `b`. */
export function epochAtLeast(a: StacksEpochId, b: StacksEpochId): boolean {
  return compareEpochs(a, b) >= 0;
}

/** How many times a winner must have mined in its window (`mining_commitment_frequency`). */
export function miningCommitmentFrequency(epoch: StacksEpochId): number {
  return epochAtLeast(epoch, StacksEpochId.Epoch30) ? MINING_COMMITMENT_FREQUENCY_NAKAMOTO : 0;
}

const EPOCH_MARKERS: Readonly<Record<StacksEpochId, number | null>> = {
  Epoch10: null,
  Epoch20: null,
  Epoch2_05: 0x05,
  Epoch21: 0x06,
  Epoch22: 0x07,
  Epoch23: 0x08,
  Epoch24: 0x09,
  Epoch25: 0x0a,
  Epoch30: 0x0b,
  Epoch31: 0x0d,
  Epoch32: 0x0e,
  Epoch33: 0x0f,
  Epoch34: 0x10,
  Epoch40: 0x11,
  Epoch41: 0x12,
};

/** The minimum memo byte a block commit must carry in `epoch` (`marker_for_epoch`), or null for none. */
export function epochCommitMarker(epoch: StacksEpochId): number | null {
  return EPOCH_MARKERS[epoch];
}
