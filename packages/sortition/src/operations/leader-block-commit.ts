/**
 * `LeaderBlockCommitOp` (reference: operations/leader_block_commit.rs): parsing with its PoX and
 * burn outputs, the 77-byte data layout, the outputs a miner must build, and the checks the
 * reference applies against the sortition DB (`check`).
 */
import { concatBytes, uintToBytesBE, equalBytes, StacksEpochId } from '@stacks-ts/common';
import type { BitcoinTransaction } from '@stacks-ts/burnchain';
import { BURN_BLOCK_MINED_AT_MODULUS, OUTPUTS_PER_COMMIT, Opcodes, epochAtLeast, epochCommitMarker } from '../constants.ts';
import { SortitionError, SortitionErrorCode } from '../errors.ts';
import { type BurnchainParams, isAfterPoxSunsetEnd, isInPreparePhase } from '../pox.ts';
import {
  type PoxAddress,
  isBurnAddress,
  poxAddressFromBitcoin,
  poxAddressRepr,
  poxAddressScriptPubKey,
  poxAddressToBitcoinString,
  standardBurnAddress,
} from '../pox-address.ts';
import { burnOpPayload, opReturnOutput, readUintBE } from './envelope.ts';
import {
  OpRejection,
  ok,
  reject,
  type CommitTreatment,
  type LeaderBlockCommitOp,
  type LeaderKeyRegisterOp,
  type MissedBlockCommit,
  type OpResult,
  type TxOutputSpec,
} from './types.ts';

/** Bytes of a commit's data after the opcode. */
export const LEADER_BLOCK_COMMIT_DATA_LENGTH = 77;

/** The output a chained commit spends: 2 after a single-output commit (prepare phase, sunset, waterfall), else 3 (`expected_chained_utxo`). */
export function expectedChainedUtxo(singleCommit: boolean): number {
  return singleCommit ? 2 : OUTPUTS_PER_COMMIT + 1;
}

/** The burn-parent modulus a commit mined for `intendedHeight` carries: (intendedHeight - 1) % 5, or 4 at height 0. */
export function burnParentModulusFor(intendedHeight: number): number {
  return intendedHeight > 0 ? (intendedHeight - 1) % BURN_BLOCK_MINED_AT_MODULUS : BURN_BLOCK_MINED_AT_MODULUS - 1;
}

/** Context a commit is parsed in. */
export interface CommitParseContext {
  readonly params: BurnchainParams;
  readonly epoch: StacksEpochId;
}

/** Parses a block commit (`LeaderBlockCommitOp::parse_from_tx`). */
export function parseLeaderBlockCommit(
  tx: BitcoinTransaction,
  header: { readonly blockHeight: number; readonly blockHash: Uint8Array },
  ctx: CommitParseContext,
): OpResult<LeaderBlockCommitOp> {
  const height = header.blockHeight;
  if (tx.inputs.length === 0) return reject(OpRejection.InvalidInput, 'no inputs');
  if (tx.outputs.length === 0) return reject(OpRejection.InvalidInput, 'no outputs after the OP_RETURN');
  if (tx.opcode !== Opcodes.LeaderBlockCommit) return reject(OpRejection.InvalidInput, `wrong opcode ${tx.opcode}`);
  const data = tx.data;
  if (data.length < LEADER_BLOCK_COMMIT_DATA_LENGTH) return reject(OpRejection.ParseError, `payload of ${data.length} bytes is shorter than 77`);
  const parentBlockPtr = Number(readUintBE(data, 64, 4));
  const parentVtxindex = Number(readUintBE(data, 68, 2));
  const keyBlockPtr = Number(readUintBE(data, 70, 4));
  const keyVtxindex = Number(readUintBE(data, 74, 2));
  const last = data[76]!;
  if (parentBlockPtr === 0 && parentVtxindex !== 0) return reject(OpRejection.ParseError, 'genesis parent with a non-zero vtxindex');
  if (parentBlockPtr >= height) return reject(OpRejection.ParseError, `parent pointer ${parentBlockPtr} is not below height ${height}`);
  if (keyBlockPtr === 0) return reject(OpRejection.ParseError, 'key pointer is zero');
  if (keyBlockPtr >= height) return reject(OpRejection.ParseError, `key pointer ${keyBlockPtr} is not below height ${height}`);

  const outputs = tx.outputs.map((o) => ({ address: poxAddressFromBitcoin(o.address), amount: o.units }));
  const senderAt = (i: number): string => {
    const o = outputs[i];
    if (o === undefined) return '<no-change-output>';
    return o.address === null ? '<undecodable-output>' : poxAddressToBitcoinString(o.address);
  };
  let commitOuts: PoxAddress[];
  let burnFee: bigint;
  let sunsetBurn = 0n;
  let apparentSender: string;
  if (height >= ctx.params.firstPoxWaterfallBlock) {
    const out0 = outputs[0]!;
    if (out0.address === null) return reject(OpRejection.InvalidInput, 'output 0 is not an address');
    if (out0.amount === 0n) return reject(OpRejection.InvalidInput, 'waterfall output 0 pays nothing');
    commitOuts = [out0.address];
    burnFee = out0.amount;
    apparentSender = senderAt(1);
  } else if (isAfterPoxSunsetEnd(ctx.params, height, ctx.epoch) || isInPreparePhase(ctx.params, height)) {
    const out0 = outputs[0]!;
    if (out0.address === null) return reject(OpRejection.InvalidInput, 'output 0 is not an address');
    if (!isBurnAddress(out0.address)) return reject(OpRejection.BlockCommitBadOutputs, 'a prepare-phase or post-sunset commit must burn');
    commitOuts = [out0.address];
    burnFee = out0.amount;
    sunsetBurn = tx.dataAmt;
    apparentSender = senderAt(1);
  } else {
    sunsetBurn = tx.dataAmt;
    commitOuts = [];
    let poxFee: bigint | null = null;
    for (let ix = 0; ix < outputs.length; ix++) {
      const o = outputs[ix]!;
      if (o.address === null) return reject(OpRejection.InvalidInput, `output ${ix} is not an address`);
      if (ix >= OUTPUTS_PER_COMMIT) break;
      if (poxFee !== null && o.amount !== poxFee) return reject(OpRejection.ParseError, 'PoX outputs pay different amounts');
      poxFee ??= o.amount;
      commitOuts.push(o.address);
    }
    if (commitOuts.length !== OUTPUTS_PER_COMMIT) return reject(OpRejection.InvalidInput, `${commitOuts.length} PoX outputs, expected ${OUTPUTS_PER_COMMIT}`);
    burnFee = poxFee! * BigInt(OUTPUTS_PER_COMMIT);
    if (burnFee >= 1n << 64n) return reject(OpRejection.ParseError, 'burn fee overflows u64');
    if (burnFee === 0n) return reject(OpRejection.ParseError, 'burn amount is 0');
    apparentSender = senderAt(2);
  }
  const input = tx.inputs[0]!;
  return ok({
    type: 'LeaderBlockCommit',
    blockHeaderHash: data.slice(0, 32),
    newSeed: data.slice(32, 64),
    parentBlockPtr,
    parentVtxindex,
    keyBlockPtr,
    keyVtxindex,
    memo: (last >> 3) & 0x1f,
    burnParentModulus: (last & 0b111) % BURN_BLOCK_MINED_AT_MODULUS,
    commitOuts,
    sunsetBurn,
    burnFee,
    input: { txid: input.txid, vout: input.vout },
    apparentSender,
    treatment: [],
    txid: tx.txid,
    vtxindex: tx.vtxindex,
    blockHeight: height,
    burnHeaderHash: header.blockHash,
  });
}

/** The fields a commit's payload is built from. */
export type LeaderBlockCommitFields = Pick<
  LeaderBlockCommitOp,
  'blockHeaderHash' | 'newSeed' | 'parentBlockPtr' | 'parentVtxindex' | 'keyBlockPtr' | 'keyVtxindex' | 'memo' | 'burnParentModulus'
>;

/** The commit's 77 data bytes (`consensus_serialize` without the opcode). */
export function serializeLeaderBlockCommitData(op: LeaderBlockCommitFields): Uint8Array {
  if (op.blockHeaderHash.length !== 32 || op.newSeed.length !== 32) {
    throw new SortitionError(SortitionErrorCode.InvalidArgument, 'block header hash and new seed must be 32 bytes');
  }
  const last = ((op.memo << 3) + (op.burnParentModulus & 0b111)) & 0xff;
  return concatBytes(
    op.blockHeaderHash,
    op.newSeed,
    uintToBytesBE(op.parentBlockPtr, 4),
    uintToBytesBE(op.parentVtxindex, 2),
    uintToBytesBE(op.keyBlockPtr, 4),
    uintToBytesBE(op.keyVtxindex, 2),
    Uint8Array.of(last),
  );
}

/** magic || '[' || data: the OP_RETURN payload of a commit. */
export function buildLeaderBlockCommitPayload(op: LeaderBlockCommitFields, magic: Uint8Array): Uint8Array {
  return burnOpPayload(magic, Opcodes.LeaderBlockCommit, serializeLeaderBlockCommitData(op));
}

/**
 * The outputs of a commit transaction: the OP_RETURN (carrying `sunsetBurn` satoshis), one output
 * per commit address each paying `burnFee / commitOuts.length`, then the change output. Its
 * input 0 must spend the previous commit's output `expectedChainedUtxo(...)` to chain.
 */
export function buildLeaderBlockCommitOutputs(
  op: LeaderBlockCommitFields & Pick<LeaderBlockCommitOp, 'commitOuts' | 'burnFee' | 'sunsetBurn'>,
  magic: Uint8Array,
  change: TxOutputSpec,
): TxOutputSpec[] {
  const n = BigInt(op.commitOuts.length);
  if (n === 0n || op.burnFee % n !== 0n) {
    throw new SortitionError(SortitionErrorCode.InvalidArgument, 'burn fee must split evenly over at least one commit output');
  }
  const each = op.burnFee / n;
  return [
    opReturnOutput(buildLeaderBlockCommitPayload(op, magic), op.sunsetBurn),
    ...op.commitOuts.map((a) => ({ scriptPubKey: poxAddressScriptPubKey(a), value: each })),
    change,
  ];
}

/** The reward set a commit is checked against (`RewardSetInfo::V0`); the pox layer provides it. */
export interface RewardSetInfo {
  /** The anchor block of the reward cycle. */
  readonly anchorBlock: Uint8Array;
  /** The (one or two) recipients chosen for this block, with their reward-set indexes. */
  readonly recipients: readonly { readonly address: PoxAddress; readonly index: number }[];
  /** Epoch 3.0+: burns by anchor descendants are punished instead of rejected. */
  readonly allowNakamotoPunishment: boolean;
}

/** The addresses a commit must pay (`commit_outs_for`): recipients padded with burns, one burn in a prepare phase, all burns with no reward set. */
export function expectedCommitOuts(rewardSet: RewardSetInfo | null, inPreparePhase: boolean, mainnet: boolean): PoxAddress[] {
  if (inPreparePhase) return [standardBurnAddress(mainnet)];
  const outs = rewardSet === null ? [] : rewardSet.recipients.map((r) => r.address);
  while (outs.length < OUTPUTS_PER_COMMIT) outs.push(standardBurnAddress(mainnet));
  return outs;
}

/** What the commit checks need from the sortition DB, on the fork being extended. */
export interface CommitCheckEnv {
  readonly params: BurnchainParams;
  /** Epoch of the commit's block. */
  readonly epoch: StacksEpochId;
  /** The leader key registered at (height, vtxindex) on this fork, or null. */
  getLeaderKeyAt(height: number, vtxindex: number): LeaderKeyRegisterOp | null;
  /** True when an accepted commit sits at (height, vtxindex) on this fork. */
  hasBlockCommitAt(height: number, vtxindex: number): boolean;
  /** True when some accepted commit on this fork already committed to this Stacks block hash. */
  expectsStacksBlockInFork(blockHeaderHash: Uint8Array): boolean;
  /** True when a snapshot exists at `height` on this fork. */
  hasSnapshotAtHeight(height: number): boolean;
  /** The sortition id at `height` on this fork, or null. */
  sortitionIdAtHeight(height: number): Uint8Array | null;
  /** The reward set the block at `sortitionId` was processed with (missed-commit checks), or null. */
  rewardSetAt(sortitionId: Uint8Array): RewardSetInfo | null;
  /** True when the Stacks block at `parentHeight` descends from `anchorBlock`. Unknown to this layer: the default says false. */
  descendedFrom(parentHeight: number, anchorBlock: Uint8Array): boolean;
}

/** Outcome of checking a commit: accepted (with its treatment), missed (still chains), or rejected. */
export type CommitCheckResult =
  | { readonly kind: 'accepted'; readonly op: LeaderBlockCommitOp }
  | { readonly kind: 'missed'; readonly missed: MissedBlockCommit }
  | { readonly kind: 'rejected'; readonly reason: OpRejection; readonly detail?: string };

function allOutputsBurn(op: LeaderBlockCommitOp): boolean {
  return op.commitOuts.every(isBurnAddress);
}

function checkSingleBurnOutput(op: LeaderBlockCommitOp): boolean {
  return op.commitOuts.length === 1 && isBurnAddress(op.commitOuts[0]!);
}

type PoxCheck = { ok: true; treatment: CommitTreatment[] } | { ok: false; reason: OpRejection; detail: string };

/** The PoX-output check of a pre-waterfall commit (`check_pox_pre_waterfall`). Sunset burns are not enforced (pre-2.1 networks only). */
function checkPox(op: LeaderBlockCommitOp, env: CommitCheckEnv, rewardSet: RewardSetInfo | null): PoxCheck {
  const bad = (detail: string): PoxCheck => ({ ok: false, reason: OpRejection.BlockCommitBadOutputs, detail });
  if (op.blockHeight >= env.params.firstPoxWaterfallBlock) {
    return { ok: false, reason: OpRejection.BlockCommitBadEpoch, detail: 'PoX waterfall commits (epoch 4.x) are not supported' };
  }
  if (rewardSet === null) return allOutputsBurn(op) ? { ok: true, treatment: [] } : bad('this commit should only have burn outputs');
  if (isInPreparePhase(env.params, op.blockHeight)) {
    return checkSingleBurnOutput(op) ? { ok: true, treatment: [] } : bad('a prepare-phase commit must burn to a single output');
  }
  if (rewardSet.recipients.every((r) => isBurnAddress(r.address))) {
    return allOutputsBurn(op) ? { ok: true, treatment: [] } : bad('the recipient set is all burns');
  }
  const maybeShadowParent = epochAtLeast(env.epoch, StacksEpochId.Epoch30) && op.parentBlockPtr !== 0 && op.parentVtxindex === 0;
  const direct = epochAtLeast(env.epoch, StacksEpochId.Epoch30) && equalBytes(op.blockHeaderHash, rewardSet.anchorBlock);
  const descended = direct || maybeShadowParent || env.descendedFrom(op.parentBlockPtr, rewardSet.anchorBlock);
  if (allOutputsBurn(op)) {
    if (!descended) return { ok: true, treatment: [] };
    if (rewardSet.allowNakamotoPunishment) return { ok: true, treatment: rewardSet.recipients.map((r) => ({ kind: 'punish', address: r.address })) };
    return bad('descended from the PoX anchor but used burn outputs');
  }
  const check = rewardSet.recipients.map((r) => r.address);
  if (check.length === 1) check.push(standardBurnAddress(false));
  if (op.commitOuts.length !== check.length) return bad(`expected ${check.length} PoX transfers, found ${op.commitOuts.length}`);
  const rewarded: CommitTreatment[] = [];
  for (const out of op.commitOuts) {
    const repr = poxAddressRepr(out);
    const at = check.findIndex((c) => poxAddressRepr(c) === repr);
    if (at >= 0) {
      rewarded.push({ kind: 'reward', address: check.splice(at, 1)[0]! });
    } else if (!(rewardSet.allowNakamotoPunishment && isBurnAddress(out))) {
      return bad(`output ${repr} is not an expected recipient`);
    }
  }
  if (!descended) return bad('not descended from the PoX anchor but used PoX outputs');
  return { ok: true, treatment: [...check.map((a) => ({ kind: 'punish' as const, address: a })), ...rewarded] };
}

/** Checks a parsed commit against its fork (`LeaderBlockCommitOp::check`), returning the accepted op, a missed commit, or the rejection. */
export function checkLeaderBlockCommit(op: LeaderBlockCommitOp, env: CommitCheckEnv, rewardSet: RewardSetInfo | null): CommitCheckResult {
  const rejected = (reason: OpRejection, detail?: string): CommitCheckResult =>
    detail === undefined ? { kind: 'rejected', reason } : { kind: 'rejected', reason, detail };
  if (op.burnFee === 0n) return rejected(OpRejection.BlockCommitBadInput, 'no burn amount');
  const intended = (op.burnParentModulus + 1) % BURN_BLOCK_MINED_AT_MODULUS;
  const actual = op.blockHeight % BURN_BLOCK_MINED_AT_MODULUS;
  if (actual !== intended) {
    const missDistance = actual > intended ? actual - intended : BURN_BLOCK_MINED_AT_MODULUS + actual - intended;
    let intendedSortitionId: Uint8Array | null;
    if (epochAtLeast(env.epoch, StacksEpochId.Epoch21)) {
      const sortitionHeight = op.blockHeight - env.params.firstBlockHeight;
      if (sortitionHeight < 0) return rejected(OpRejection.BlockCommitPredatesGenesis);
      if (missDistance > sortitionHeight) return rejected(OpRejection.BlockCommitBadModulus);
      if (missDistance > 1) return rejected(OpRejection.BlockCommitMissDistanceTooBig);
      intendedSortitionId = env.sortitionIdAtHeight(op.blockHeight - missDistance);
      if (intendedSortitionId === null) return rejected(OpRejection.BlockCommitNoParent, 'no intended sortition');
      const pox = checkPox(op, env, env.rewardSetAt(intendedSortitionId));
      if (!pox.ok) return rejected(pox.reason, pox.detail);
    } else {
      if (missDistance > op.blockHeight) return rejected(OpRejection.BlockCommitBadModulus);
      intendedSortitionId = env.sortitionIdAtHeight(op.blockHeight - missDistance);
      if (intendedSortitionId === null) return rejected(OpRejection.BlockCommitNoParent, 'no intended sortition');
    }
    return { kind: 'missed', missed: { txid: op.txid, input: op.input, intendedSortitionId } };
  }
  let treatment: CommitTreatment[] = [];
  if (isAfterPoxSunsetEnd(env.params, op.blockHeight, env.epoch)) {
    if (!checkSingleBurnOutput(op)) return rejected(OpRejection.BlockCommitBadOutputs, 'a post-sunset commit must burn to a single output');
  } else {
    // Pre-2.1 networks also required a minimum sunset burn (`expected_sunset_burn`); no in-scope network needs it.
    const pox = checkPox(op, env, rewardSet);
    if (!pox.ok) return rejected(pox.reason, pox.detail);
    treatment = pox.treatment;
  }
  // check_common
  if (op.blockHeight < env.params.firstBlockHeight) return rejected(OpRejection.BlockCommitPredatesGenesis);
  if (!epochAtLeast(env.epoch, StacksEpochId.Epoch30) && env.expectsStacksBlockInFork(op.blockHeaderHash)) {
    return rejected(OpRejection.BlockCommitAlreadyExists);
  }
  if (op.keyBlockPtr >= op.blockHeight) return rejected(OpRejection.BlockCommitNoLeaderKey, 'key in the same or a later block');
  if (env.getLeaderKeyAt(op.keyBlockPtr, op.keyVtxindex) === null) {
    return rejected(OpRejection.BlockCommitNoLeaderKey, `no leader key at ${op.keyBlockPtr},${op.keyVtxindex} on this fork`);
  }
  if (op.parentBlockPtr === op.blockHeight) return rejected(OpRejection.BlockCommitNoParent, 'parent in the same block');
  if (op.parentBlockPtr !== 0 || op.parentVtxindex !== 0) {
    const hasParent = env.hasBlockCommitAt(op.parentBlockPtr, op.parentVtxindex);
    const maybeShadow = op.parentVtxindex === 0 && epochAtLeast(env.epoch, StacksEpochId.Epoch30);
    if (!hasParent && !maybeShadow) return rejected(OpRejection.BlockCommitNoParent, 'no parent commit on this fork');
    if (!hasParent && maybeShadow && !env.hasSnapshotAtHeight(op.parentBlockPtr)) return rejected(OpRejection.BlockCommitNoParent, 'no shadow parent');
  }
  const marker = epochCommitMarker(env.epoch);
  if (marker !== null && op.memo < marker) return rejected(OpRejection.BlockCommitBadEpoch, `memo ${op.memo} is below the epoch marker ${marker}`);
  const accepted = rewardSet?.allowNakamotoPunishment ? { ...op, treatment } : op;
  return { kind: 'accepted', op: accepted };
}
