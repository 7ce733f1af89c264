/**
 * `BlockSnapshot`: what the sortition DB records for one burn block on one PoX fork (reference:
 * stackslib/src/chainstate/burn/mod.rs `BlockSnapshot`, sortition.rs `BlockSnapshot::initial`).
 */
import { FIRST_BURNCHAIN_CONSENSUS_HASH, FIRST_STACKS_BLOCK_HASH } from '@stacks-ts/codec';
import { INITIAL_SORTITION_HASH } from './hashes.ts';
import { sortitionId } from './hashes.ts';

/** One burn block's sortition record on one fork. */
export interface BlockSnapshot {
  readonly blockHeight: number;
  readonly burnHeaderTimestamp: number;
  readonly burnHeaderHash: Uint8Array;
  readonly parentBurnHeaderHash: Uint8Array;
  readonly consensusHash: Uint8Array;
  readonly opsHash: Uint8Array;
  /** Cumulative burn of the sortitions on this fork. */
  readonly totalBurn: bigint;
  /** Whether a winner was chosen. */
  readonly sortition: boolean;
  readonly sortitionHash: Uint8Array;
  readonly winningBlockTxid: Uint8Array;
  readonly winningStacksBlockHash: Uint8Array;
  /** Root hash of the sortition MARF after this block. */
  readonly indexRoot: Uint8Array;
  readonly numSortitions: number;
  readonly stacksBlockAccepted: boolean;
  readonly stacksBlockHeight: number;
  readonly arrivalIndex: number;
  readonly canonicalStacksTipHeight: number;
  readonly canonicalStacksTipHash: Uint8Array;
  readonly canonicalStacksTipConsensusHash: Uint8Array;
  readonly sortitionId: Uint8Array;
  readonly parentSortitionId: Uint8Array;
  readonly poxValid: boolean;
  /** Coinbase (microSTX) the winner of this sortition receives, including carried-forward ones. */
  readonly accumulatedCoinbaseUstx: bigint;
  /** Hash160 of the winner's Nakamoto block-signing key, from its leader key memo. */
  readonly minerPkHash: Uint8Array | null;
}

/** The first snapshot of the chain, at the first burn block (`BlockSnapshot::initial`). */
export function initialSnapshot(firstBlockHeight: number, firstBlockHash: Uint8Array, firstBlockTimestamp: number): BlockSnapshot {
  const id = sortitionId(firstBlockHash, []);
  return {
    blockHeight: firstBlockHeight,
    burnHeaderTimestamp: firstBlockTimestamp,
    burnHeaderHash: firstBlockHash,
    parentBurnHeaderHash: new Uint8Array(32).fill(0xff),
    consensusHash: new Uint8Array(20),
    opsHash: new Uint8Array(32),
    totalBurn: 0n,
    sortition: true,
    sortitionHash: INITIAL_SORTITION_HASH,
    winningBlockTxid: new Uint8Array(32),
    winningStacksBlockHash: FIRST_STACKS_BLOCK_HASH,
    indexRoot: new Uint8Array(32),
    numSortitions: 0,
    stacksBlockAccepted: false,
    stacksBlockHeight: 0,
    arrivalIndex: 0,
    canonicalStacksTipHeight: 0,
    canonicalStacksTipHash: FIRST_STACKS_BLOCK_HASH,
    canonicalStacksTipConsensusHash: FIRST_BURNCHAIN_CONSENSUS_HASH,
    sortitionId: id,
    parentSortitionId: id,
    poxValid: true,
    accumulatedCoinbaseUstx: 0n,
    minerPkHash: null,
  };
}

/** True for the initial snapshot (its sortition hash is all zeros). */
export function isInitialSnapshot(sn: BlockSnapshot): boolean {
  return sn.sortitionHash.every((b) => b === 0);
}
