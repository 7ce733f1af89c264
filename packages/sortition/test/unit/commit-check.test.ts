import { describe, it, expect } from 'vitest';
import { StacksEpochId } from '@stacks-ts/common';
import { checkLeaderBlockCommit, expectedCommitOuts, type CommitCheckEnv, type RewardSetInfo } from '../../src/operations/leader-block-commit.ts';
import { OpRejection, type LeaderBlockCommitOp } from '../../src/operations/types.ts';
import { standardBurnAddress, type PoxAddress } from '../../src/pox-address.ts';
import { makeCommit, makeKey, testParams, txidFromU64 } from '../support/fixtures.ts';

const params = testParams({ firstBlockHeight: 100, rewardCycleLength: 20, prepareLength: 5 });
const recipient = (b: number): PoxAddress => ({ kind: 'standard', version: 26, hash160: new Uint8Array(20).fill(b), hashMode: 0 });
const BURN = standardBurnAddress(false);

function env(over: Partial<CommitCheckEnv> = {}): CommitCheckEnv {
  return {
    params,
    epoch: StacksEpochId.Epoch25,
    getLeaderKeyAt: (h, v) => (h === 101 && v === 1 ? makeKey({ publicKey: new Uint8Array(32), blockHeight: 101, vtxindex: 1, txid: txidFromU64(1) }) : null),
    hasBlockCommitAt: (h, v) => h === 102 && v === 5,
    expectsStacksBlockInFork: () => false,
    hasSnapshotAtHeight: (h) => h >= 100 && h <= 104,
    sortitionIdAtHeight: (h) => (h >= 100 && h <= 104 ? txidFromU64(1000 + h) : null),
    rewardSetAt: () => null,
    descendedFrom: () => true,
    ...over,
  };
}

function commit(over: Partial<LeaderBlockCommitOp> = {}): LeaderBlockCommitOp {
  return makeCommit({ txid: txidFromU64(7), blockHeight: 105, burnFee: 1000n, keyBlockPtr: 101, keyVtxindex: 1, commitOuts: [BURN, BURN], memo: 0x0a, ...over });
}

describe('checkLeaderBlockCommit', () => {
  it('accepts a well-formed burn commit', () => {
    expect(checkLeaderBlockCommit(commit(), env(), null).kind).toBe('accepted');
    expect(checkLeaderBlockCommit(commit({ parentBlockPtr: 102, parentVtxindex: 5 }), env(), null).kind).toBe('accepted');
  });

  it('turns a commit for the previous block into a missed commit that still chains', () => {
    const r = checkLeaderBlockCommit(commit({ burnParentModulus: (103 % 5) }), env(), null);
    expect(r).toMatchObject({ kind: 'missed', missed: { intendedSortitionId: txidFromU64(1104) } });
    expect(checkLeaderBlockCommit(commit({ burnParentModulus: (102 % 5) }), env(), null)).toMatchObject({
      kind: 'rejected',
      reason: OpRejection.BlockCommitMissDistanceTooBig,
    });
  });

  it('rejects with the reference reasons', () => {
    const rej = (c: LeaderBlockCommitOp, e = env(), rs: RewardSetInfo | null = null) => checkLeaderBlockCommit(c, e, rs);
    expect(rej(commit({ burnFee: 0n }))).toMatchObject({ reason: OpRejection.BlockCommitBadInput });
    expect(rej(commit({ keyVtxindex: 2 }))).toMatchObject({ reason: OpRejection.BlockCommitNoLeaderKey });
    expect(rej(commit({ keyBlockPtr: 105 }))).toMatchObject({ reason: OpRejection.BlockCommitNoLeaderKey });
    expect(rej(commit({ parentBlockPtr: 103, parentVtxindex: 5 }))).toMatchObject({ reason: OpRejection.BlockCommitNoParent });
    expect(rej(commit({ parentBlockPtr: 105, parentVtxindex: 5 }))).toMatchObject({ reason: OpRejection.BlockCommitNoParent });
    expect(rej(commit({ memo: 0x09 }))).toMatchObject({ reason: OpRejection.BlockCommitBadEpoch });
    expect(rej(commit(), env({ expectsStacksBlockInFork: () => true }))).toMatchObject({ reason: OpRejection.BlockCommitAlreadyExists });
    // no reward set: only burns are allowed
    expect(rej(commit({ commitOuts: [recipient(1), BURN] }))).toMatchObject({ reason: OpRejection.BlockCommitBadOutputs });
  });

  it('allows a repeated Stacks block hash and shadow parents from epoch 3.0', () => {
    const e30 = env({ epoch: StacksEpochId.Epoch30, expectsStacksBlockInFork: () => true });
    expect(checkLeaderBlockCommit(commit({ memo: 0x0b }), e30, null).kind).toBe('accepted');
    expect(checkLeaderBlockCommit(commit({ memo: 0x0b, parentBlockPtr: 103, parentVtxindex: 0 }), e30, null).kind).toBe('accepted');
    expect(checkLeaderBlockCommit(commit({ memo: 0x0b, parentBlockPtr: 99, parentVtxindex: 0 }), e30, null)).toMatchObject({ reason: OpRejection.BlockCommitNoParent });
  });

  it('checks PoX outputs against the reward set', () => {
    const rs: RewardSetInfo = { anchorBlock: txidFromU64(77), recipients: [{ address: recipient(1), index: 0 }, { address: recipient(2), index: 1 }], allowNakamotoPunishment: false };
    expect(checkLeaderBlockCommit(commit({ commitOuts: [recipient(2), recipient(1)] }), env(), rs).kind).toBe('accepted');
    expect(checkLeaderBlockCommit(commit({ commitOuts: [recipient(2), recipient(3)] }), env(), rs)).toMatchObject({ reason: OpRejection.BlockCommitBadOutputs });
    // not descended from the anchor: PoX outputs are invalid, burns are fine
    const notDesc = env({ descendedFrom: () => false });
    expect(checkLeaderBlockCommit(commit({ commitOuts: [recipient(1), recipient(2)] }), notDesc, rs)).toMatchObject({ reason: OpRejection.BlockCommitBadOutputs });
    expect(checkLeaderBlockCommit(commit(), notDesc, rs).kind).toBe('accepted');
    // descended and burning: rejected before 3.0, punished from 3.0
    expect(checkLeaderBlockCommit(commit(), env(), rs)).toMatchObject({ reason: OpRejection.BlockCommitBadOutputs });
    const rs30 = { ...rs, allowNakamotoPunishment: true };
    const punished = checkLeaderBlockCommit(commit({ memo: 0x0b }), env({ epoch: StacksEpochId.Epoch30 }), rs30);
    expect(punished.kind).toBe('accepted');
    if (punished.kind === 'accepted') expect(punished.op.treatment.map((t) => t.kind)).toEqual(['punish', 'punish']);
    // one recipient is padded with a burn output
    const one: RewardSetInfo = { ...rs, recipients: [{ address: recipient(1), index: 0 }] };
    expect(checkLeaderBlockCommit(commit({ commitOuts: [BURN, recipient(1)] }), env(), one).kind).toBe('accepted');
    expect(expectedCommitOuts(one, false, false).length).toBe(2);
    expect(expectedCommitOuts(null, true, false).length).toBe(1);
  });

  it('needs a single burn output in the prepare phase', () => {
    const rs: RewardSetInfo = { anchorBlock: txidFromU64(77), recipients: [{ address: recipient(1), index: 0 }], allowNakamotoPunishment: false };
    const h = 118; // offset 18 > 20 - 5: prepare phase
    const c = commit({ blockHeight: h, burnParentModulus: (h - 1) % 5 });
    expect(checkLeaderBlockCommit(c, env(), rs)).toMatchObject({ reason: OpRejection.BlockCommitBadOutputs });
    expect(checkLeaderBlockCommit({ ...c, commitOuts: [BURN] }, env(), rs).kind).toBe('accepted');
  });
});
