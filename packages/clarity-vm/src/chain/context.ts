/**
 * The chain around a Clarity evaluation: what the chain state layer answers for the height
 * keywords, `get-block-info?`, `get-stacks-block-info?`, `get-tenure-info?`,
 * `get-burn-block-info?` and `at-block` (the reference's `HeadersDB` and `BurnStateDB` behind
 * `ClarityDatabase`, clarity/src/vm/database/clarity_db.rs), plus the simulated chain of the
 * oracle's block model that `clarity-ts batch` runs against.
 */
import { sha512_256 } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData } from '@stacks-ts/codec';
import { utf8ToBytes } from '@stacks-ts/common';
import { internalError } from '../errors.ts';
import type { ChainState } from '../eval/context.ts';
import { NO_EARLY_UNLOCKS } from '../db/keys.ts';
import type { PoxUnlockHeights } from '../db/keys.ts';
import type { StxView } from '../db/stx.ts';

/** The headers data of one Stacks block that Clarity can read. */
export interface StacksBlockInfo {
  /** `id-header-hash`: the index block hash (StacksBlockId). */
  readonly indexBlockHash: Uint8Array;
  /** `header-hash`: the block header hash. */
  readonly headerHash: Uint8Array;
  /** `burnchain-header-hash`: the burn block the block was mined in. */
  readonly burnchainHeaderHash: Uint8Array;
  readonly vrfSeed: Uint8Array;
  /** Time of its burn block (`time` of `get-block-info?` and `get-tenure-info?`). */
  readonly burnBlockTime: bigint;
  /** Its own timestamp (`time` of `get-stacks-block-info?`; the burn block time before Nakamoto). */
  readonly stacksBlockTime: bigint;
  readonly minerAddress: PrincipalData;
  readonly minerSpendWinner: bigint;
  readonly minerSpendTotal: bigint;
  /** The matured coinbase plus fees paid for it, when recorded. */
  readonly blockReward: bigint | null;
}

/** PoX payout of one burn block (`get-burn-block-info? pox-addrs`). */
export interface PoxPayout {
  /** `{hashbytes, version}` tuples. */
  readonly addrs: readonly ClarityValue[];
  readonly payout: bigint;
}

/**
 * The chain context of an evaluation. Heights are those of the block being evaluated: its Stacks
 * height (`stacks-block-height`), its tenure height, the burn height it reads; blocks below the
 * current Stacks height exist. Inside `atBlock` they describe that block.
 */
export interface ChainContext {
  /** Stacks height of the block being evaluated (`get_current_block_height`). */
  stacksBlockHeight(): number;
  /** Tenure height (`get_tenure_height`; the Stacks height before 3.0). */
  tenureHeight(): number;
  /** Burn height Clarity sees (`get_current_burnchain_block_height`). */
  burnBlockHeight(): number;
  /** `stacks-block-time`: the timestamp of the block being evaluated. */
  blockTime(): bigint;
  /** Headers data of the Stacks block at `height` (< `stacksBlockHeight()`). */
  block(height: number): StacksBlockInfo;
  /** Headers data `get-tenure-info?` reads for the block at `height` (the same as `block` in the reference). */
  tenureBlock(height: number): StacksBlockInfo;
  /** The Stacks height of the first block of a tenure (`get_block_height_for_tenure_height`), or undefined. */
  heightForTenureHeight(tenureHeight: number): number | undefined;
  /** Header hash of the burn block at `burnHeight` on this fork, or undefined. */
  burnBlockHeaderHash(burnHeight: number): Uint8Array | undefined;
  /** PoX payout of the burn block at `burnHeight`, or undefined. */
  poxPayout(burnHeight: number): PoxPayout | undefined;
  /** Burn heights of the PoX early unlocks in force (`u32::MAX` for those not yet active). */
  poxUnlockHeights(): PoxUnlockHeights;
  /**
   * Runs `body` reading state as of block `blockId` (`at-block`); throws the runtime error
   * `UnknownBlockHeaderHash` for a block that is not on this fork.
   */
  atBlock<T>(blockId: Uint8Array, body: () => T): T;
}

/** `MINER_REWARD_MATURITY`: a block's reward is known 100 blocks later. */
export const MINER_REWARD_MATURITY = 100;

/** The synthetic block time of the oracle's block model at `height`. */
export function simulatedBlockTime(height: number): bigint {
  return 1_700_000_000n + BigInt(height) * 600n;
}

function syntheticHash(kind: string, height: number): Uint8Array {
  return sha512_256(utf8ToBytes(`${kind}:${height}`));
}

/** The miner address of every block of the simulated chain (it has no miners). */
export const SIMULATED_MINER: PrincipalData = { type: 'standard', version: 26, hash160: new Uint8Array(20) };

/**
 * The oracle's block model (clarinet simnet as `clarity-ts batch` sees it): every height below the
 * tip exists with synthetic hashes and times, burn and tenure heights equal the Stacks height,
 * tenure info is unavailable, `at-block` reads the current state.
 */
export function simulatedChainContext(height: () => number): ChainContext {
  const block = (h: number): StacksBlockInfo => ({
    indexBlockHash: syntheticHash('id-header-hash', h),
    headerHash: syntheticHash('header-hash', h),
    burnchainHeaderHash: syntheticHash('burnchain-header-hash', h),
    vrfSeed: syntheticHash('vrf-seed', h),
    burnBlockTime: simulatedBlockTime(h),
    stacksBlockTime: simulatedBlockTime(h),
    minerAddress: SIMULATED_MINER,
    minerSpendWinner: 0n,
    minerSpendTotal: 0n,
    blockReward: 0n,
  });
  return {
    stacksBlockHeight: height,
    tenureHeight: height,
    burnBlockHeight: height,
    blockTime: () => simulatedBlockTime(height()),
    block,
    tenureBlock() {
      // The oracle's block model has no tenure data for its blocks and fails here.
      throw internalError('Expect', 'tenure info is not available in the block model');
    },
    heightForTenureHeight: (t) => (t < height() ? t : undefined),
    burnBlockHeaderHash: (h) => (h < height() ? syntheticHash('burn-header-hash', h) : undefined),
    poxPayout: (h) => (h < height() ? { addrs: [], payout: 0n } : undefined),
    poxUnlockHeights: () => NO_EARLY_UNLOCKS,
    atBlock: (_blockId, body) => body(),
  };
}

const simulated = new WeakMap<ChainState, ChainContext>();

/** The chain context of `chain`: its own, else the simulated chain at `chain.height`. */
export function chainContextOf(chain: ChainState): ChainContext {
  if (chain.context !== undefined) return chain.context;
  let c = simulated.get(chain);
  if (c === undefined) {
    c = simulatedChainContext(() => chain.height);
    simulated.set(chain, c);
  }
  return c;
}

/** The burn height and PoX unlock heights STX balances are read at. */
export function stxViewOf(chain: ChainState): StxView {
  const ctx = chainContextOf(chain);
  return { burnHeight: ctx.burnBlockHeight(), unlocks: ctx.poxUnlockHeights() };
}
