/** Shared builders for sortition tests: burnchain params, epochs, commits and key ops built by hand. */
import { STACKS_EPOCH_MAX, PEER_VERSION_EPOCH, type StacksEpoch, type StacksEpochId } from '@stacks-ts/common';
import type { BurnchainParams } from '../../src/pox.ts';
import type { LeaderBlockCommitOp, LeaderKeyRegisterOp } from '../../src/operations/types.ts';

/** Params like `PoxConstants::test_default()` (cycle 10, prepare 5), no sunset, no waterfall, bonus window 10. */
export function testParams(over: Partial<BurnchainParams> = {}): BurnchainParams {
  return {
    firstBlockHeight: 0,
    firstBlockHash: new Uint8Array(32),
    firstBlockTimestamp: 0,
    rewardCycleLength: 10,
    prepareLength: 5,
    sunsetStart: Number.MAX_SAFE_INTEGER,
    sunsetEnd: Number.MAX_SAFE_INTEGER,
    mainnet: false,
    firstPoxWaterfallBlock: Number.POSITIVE_INFINITY,
    initialMiningBonusWindow: 10,
    ...over,
  };
}

/** One epoch covering every height. */
export function singleEpoch(epochId: StacksEpochId): StacksEpoch[] {
  return [{ epochId, startHeight: 0n, endHeight: STACKS_EPOCH_MAX, networkEpoch: PEER_VERSION_EPOCH[epochId] }];
}

/** A txid whose first 8 bytes are `n` big-endian (the reference tests' helper). */
export function txidFromU64(n: number | bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = BigInt(n);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** A block commit with the given fields and defaults for the rest. */
export function makeCommit(over: Partial<LeaderBlockCommitOp> & Pick<LeaderBlockCommitOp, 'txid' | 'blockHeight' | 'burnFee'>): LeaderBlockCommitOp {
  return {
    type: 'LeaderBlockCommit',
    blockHeaderHash: new Uint8Array(32).fill(0x22),
    newSeed: new Uint8Array(32).fill(0x33),
    parentBlockPtr: 0,
    parentVtxindex: 0,
    keyBlockPtr: 1,
    keyVtxindex: 0,
    memo: 0x1f,
    burnParentModulus: over.blockHeight > 0 ? (over.blockHeight - 1) % 5 : 4,
    commitOuts: [],
    sunsetBurn: 0n,
    input: { txid: new Uint8Array(32), vout: 0 },
    apparentSender: '',
    treatment: [],
    vtxindex: 0,
    burnHeaderHash: new Uint8Array(32),
    ...over,
  };
}

/** A leader key op. */
export function makeKey(over: Partial<LeaderKeyRegisterOp> & Pick<LeaderKeyRegisterOp, 'publicKey' | 'blockHeight' | 'vtxindex' | 'txid'>): LeaderKeyRegisterOp {
  return {
    type: 'LeaderKeyRegister',
    consensusHash: new Uint8Array(20),
    memo: Uint8Array.of(1, 2, 3, 4, 5),
    burnHeaderHash: new Uint8Array(32),
    ...over,
  };
}
