/**
 * The STX operations sent from Bitcoin (reference: operations/stack_stx.rs, transfer_stx.rs,
 * delegate_stx.rs, vote_for_aggregate_key.rs): `PreStx` registers a sender (its output 0), and the
 * others spend output 1 of a `PreStx` to act for that sender.
 */
import { concatBytes, uintToBytesBE, StacksEpochId } from '@stacks-ts/common';
import { compressPublicKey, isValidPublicKey, type StacksAddress } from '@stacks-ts/codec';
import type { BitcoinTransaction } from '@stacks-ts/burnchain';
import { Opcodes, POX_MAX_NUM_CYCLES } from '../constants.ts';
import { SortitionError, SortitionErrorCode } from '../errors.ts';
import { hasPoxSunset } from '../pox.ts';
import { coerceHashMode, poxAddressFromBitcoin, sameStacksAddress, type PoxAddress } from '../pox-address.ts';
import { burnOpPayload, readUintBE } from './envelope.ts';
import {
  OpRejection,
  ok,
  reject,
  type DelegateStxOp,
  type OpResult,
  type PreStxOp,
  type StackStxOp,
  type TransferStxOp,
  type VoteForAggregateKeyOp,
} from './types.ts';

type Header = { readonly blockHeight: number; readonly blockHash: Uint8Array };

const U128_MAX = (1n << 128n) - 1n;

function location(tx: BitcoinTransaction, header: Header) {
  return { txid: tx.txid, vtxindex: tx.vtxindex, blockHeight: header.blockHeight, burnHeaderHash: header.blockHash };
}

function firstOutputAddress(tx: BitcoinTransaction): PoxAddress | null {
  const o = tx.outputs[0];
  return o === undefined ? null : poxAddressFromBitcoin(o.address);
}

function asStacksAddress(addr: PoxAddress | null): StacksAddress | null {
  return addr !== null && addr.kind === 'standard' ? { version: addr.version, hash160: addr.hash160 } : null;
}

/** The PreStx txid an STX op names as its sender: input 0 must spend output 1 of it (`get_sender_txid`). */
export function senderTxidOf(tx: BitcoinTransaction): OpResult<Uint8Array> {
  const input = tx.inputs[0];
  if (input === undefined) return reject(OpRejection.InvalidInput, 'no inputs');
  if (input.vout !== 1) return reject(OpRejection.InvalidInput, 'input 0 must spend output 1 of a PreStx');
  return ok(input.txid);
}

/** Parses a `PreStxOp`: output 0 is the sender (`PreStxOp::parse_from_tx`). */
export function parsePreStx(tx: BitcoinTransaction, header: Header, epoch: StacksEpochId, poxSunsetEnd: number): OpResult<PreStxOp> {
  if (tx.inputs.length === 0 || tx.outputs.length === 0) return reject(OpRejection.InvalidInput, 'needs inputs and outputs');
  if (tx.opcode !== Opcodes.PreStx) return reject(OpRejection.InvalidInput, `wrong opcode ${tx.opcode}`);
  const output = asStacksAddress(firstOutputAddress(tx));
  if (output === null) return reject(OpRejection.InvalidInput, 'output 0 is not a Stacks-representable address');
  if (hasPoxSunset(epoch) && header.blockHeight >= poxSunsetEnd) return reject(OpRejection.InvalidInput, 'after the PoX sunset');
  return ok({ type: 'PreStx', output, ...location(tx, header) });
}

/** Parses a `StackStxOp`; `sender` is the output of the PreStx it spends (`StackStxOp::parse_from_tx`). */
export function parseStackStx(tx: BitcoinTransaction, header: Header, sender: StacksAddress, epoch: StacksEpochId, poxSunsetEnd: number): OpResult<StackStxOp> {
  if (tx.inputs.length === 0 || tx.outputs.length === 0) return reject(OpRejection.InvalidInput, 'needs inputs and outputs');
  if (tx.opcode !== Opcodes.StackStx) return reject(OpRejection.InvalidInput, `wrong opcode ${tx.opcode}`);
  const d = tx.data;
  if (d.length < 17) return reject(OpRejection.ParseError, `payload of ${d.length} bytes is shorter than 17`);
  const first = firstOutputAddress(tx);
  if (first === null) return reject(OpRejection.InvalidInput, 'output 0 is not an address');
  if (hasPoxSunset(epoch) && header.blockHeight >= poxSunsetEnd) return reject(OpRejection.InvalidInput, 'after the PoX sunset');
  return ok({
    type: 'StackStx',
    sender,
    rewardAddr: coerceHashMode(first),
    stackedUstx: readUintBE(d, 0, 16),
    numCycles: d[16]!,
    signerKey: d.length >= 50 ? d.slice(17, 50) : null,
    maxAmount: d.length >= 66 ? readUintBE(d, 50, 16) : null,
    authId: d.length >= 70 ? Number(readUintBE(d, 66, 4)) : null,
    ...location(tx, header),
  });
}

/** Validity of a StackStx (`StackStxOp::check`). The reference only logs a cycle count outside (0, 12]. */
export function checkStackStx(op: StackStxOp): OpResult<StackStxOp> {
  if (op.stackedUstx === 0n) return reject(OpRejection.StackStxMustBePositive);
  if (op.signerKey !== null && !isValidPublicKey(op.signerKey)) return reject(OpRejection.StackStxInvalidKey);
  return ok(op);
}

/** True when a StackStx's cycle count is in (0, POX_MAX_NUM_CYCLES] (logged, not enforced, by the reference). */
export function stackStxCyclesInRange(op: Pick<StackStxOp, 'numCycles'>): boolean {
  return op.numCycles > 0 && op.numCycles <= POX_MAX_NUM_CYCLES;
}

/** ustx u128 || cycles u8 || [signer key 33] || [max amount u128] || [auth id u32]: the StackStx data. */
export function serializeStackStxData(op: Pick<StackStxOp, 'stackedUstx' | 'numCycles' | 'signerKey' | 'maxAmount' | 'authId'>): Uint8Array {
  if (op.stackedUstx < 0n || op.stackedUstx > U128_MAX) throw new SortitionError(SortitionErrorCode.InvalidArgument, 'ustx must be a u128');
  const parts = [uintToBytesBE(op.stackedUstx, 16), Uint8Array.of(op.numCycles)];
  if (op.signerKey !== null) parts.push(op.signerKey);
  if (op.maxAmount !== null) parts.push(uintToBytesBE(op.maxAmount, 16));
  if (op.authId !== null) parts.push(uintToBytesBE(op.authId, 4));
  return concatBytes(...parts);
}

/** magic || 'x' || data. */
export function buildStackStxPayload(op: Parameters<typeof serializeStackStxData>[0], magic: Uint8Array): Uint8Array {
  return burnOpPayload(magic, Opcodes.StackStx, serializeStackStxData(op));
}

/** magic || 'p': the PreStx payload (no data). */
export function buildPreStxPayload(magic: Uint8Array): Uint8Array {
  return burnOpPayload(magic, Opcodes.PreStx, new Uint8Array(0));
}

/** Parses a `TransferStxOp`: ustx u128 || memo (0..61 bytes); recipient = output 0. */
export function parseTransferStx(tx: BitcoinTransaction, header: Header, sender: StacksAddress): OpResult<TransferStxOp> {
  if (tx.inputs.length === 0 || tx.outputs.length === 0) return reject(OpRejection.InvalidInput, 'needs inputs and outputs');
  if (tx.opcode !== Opcodes.TransferStx) return reject(OpRejection.InvalidInput, `wrong opcode ${tx.opcode}`);
  const d = tx.data;
  if (d.length < 16 || d.length > 16 + 61) return reject(OpRejection.ParseError, `payload of ${d.length} bytes is outside 16..77`);
  const recipient = asStacksAddress(firstOutputAddress(tx));
  if (recipient === null) return reject(OpRejection.InvalidInput, 'output 0 is not a Stacks-representable address');
  return ok({ type: 'TransferStx', sender, recipient, transferedUstx: readUintBE(d, 0, 16), memo: d.slice(16), ...location(tx, header) });
}

/** Validity of a TransferStx (`TransferStxOp::check`). */
export function checkTransferStx(op: TransferStxOp): OpResult<TransferStxOp> {
  if (op.transferedUstx === 0n) return reject(OpRejection.TransferStxMustBePositive);
  if (sameStacksAddress(op.sender, op.recipient)) return reject(OpRejection.TransferStxSelfSend);
  return ok(op);
}

/** magic || '$' || ustx || memo. */
export function buildTransferStxPayload(op: Pick<TransferStxOp, 'transferedUstx' | 'memo'>, magic: Uint8Array): Uint8Array {
  if (op.memo.length > 61) throw new SortitionError(SortitionErrorCode.InvalidArgument, 'memo longer than 61 bytes');
  return burnOpPayload(magic, Opcodes.TransferStx, concatBytes(uintToBytesBE(op.transferedUstx, 16), op.memo));
}

/** Parses a `DelegateStxOp`: ustx || flag || index u32 || flag || [until height u64]. */
export function parseDelegateStx(tx: BitcoinTransaction, header: Header, sender: StacksAddress): OpResult<DelegateStxOp> {
  if (tx.inputs.length === 0 || tx.outputs.length === 0) return reject(OpRejection.InvalidInput, 'needs inputs and outputs');
  if (tx.opcode !== Opcodes.DelegateStx) return reject(OpRejection.InvalidInput, `wrong opcode ${tx.opcode}`);
  const d = tx.data;
  if (d.length < 22) return reject(OpRejection.ParseError, `payload of ${d.length} bytes is shorter than 22`);
  const addrFlag = d[16]!;
  if (addrFlag > 1) return reject(OpRejection.ParseError, `reward address flag ${addrFlag}`);
  const index = addrFlag === 1 ? Number(readUintBE(d, 17, 4)) : null;
  const untilFlag = d[21]!;
  if (untilFlag > 1) return reject(OpRejection.ParseError, `until-height flag ${untilFlag}`);
  let untilBurnHeight: bigint | null = null;
  if (untilFlag === 1) {
    if (d.length < 30) return reject(OpRejection.ParseError, 'until-height flag set but the height is missing');
    untilBurnHeight = readUintBE(d, 22, 8);
  }
  const first = firstOutputAddress(tx);
  const delegateTo = asStacksAddress(first === null ? null : coerceHashMode(first));
  if (delegateTo === null) return reject(OpRejection.InvalidInput, 'output 0 is not a Stacks-representable address');
  let rewardAddr: DelegateStxOp['rewardAddr'] = null;
  if (index !== null && tx.outputs.length > index) {
    const a = poxAddressFromBitcoin(tx.outputs[index]!.address);
    if (a === null) return reject(OpRejection.InvalidInput, `output ${index} is not an address`);
    rewardAddr = { index, address: coerceHashMode(a) };
  }
  return ok({ type: 'DelegateStx', sender, delegateTo, rewardAddr, delegatedUstx: readUintBE(d, 0, 16), untilBurnHeight, ...location(tx, header) });
}

/** Validity of a DelegateStx (`DelegateStxOp::check`). */
export function checkDelegateStx(op: DelegateStxOp): OpResult<DelegateStxOp> {
  if (op.delegatedUstx === 0n) return reject(OpRejection.DelegateStxMustBePositive);
  if (op.untilBurnHeight !== null && op.untilBurnHeight > (1n << 63n) - 1n) return reject(OpRejection.InvalidInput, 'until height above i64::MAX');
  return ok(op);
}

/** magic || '#' || data; the 4 index bytes are always written. */
export function buildDelegateStxPayload(
  op: { readonly delegatedUstx: bigint; readonly rewardAddrIndex: number | null; readonly untilBurnHeight: bigint | null },
  magic: Uint8Array,
): Uint8Array {
  const parts = [uintToBytesBE(op.delegatedUstx, 16)];
  parts.push(op.rewardAddrIndex === null ? new Uint8Array(5) : concatBytes(Uint8Array.of(1), uintToBytesBE(op.rewardAddrIndex, 4)));
  parts.push(op.untilBurnHeight === null ? Uint8Array.of(0) : concatBytes(Uint8Array.of(1), uintToBytesBE(op.untilBurnHeight, 8)));
  return burnOpPayload(magic, Opcodes.DelegateStx, concatBytes(...parts));
}

/** The public key of a p2pkh scriptSig (`<sig> <pubkey>`), compressed, or null when the script is not that shape. */
export function p2pkhScriptSigPublicKey(scriptSig: Uint8Array): Uint8Array | null {
  const pushes: Uint8Array[] = [];
  let i = 0;
  while (i < scriptSig.length) {
    const op = scriptSig[i++]!;
    let len: number;
    if (op >= 1 && op <= 0x4b) len = op;
    else if (op === 0x4c && i < scriptSig.length) len = scriptSig[i++]!;
    else return null;
    if (i + len > scriptSig.length) return null;
    pushes.push(scriptSig.slice(i, i + len));
    i += len;
  }
  if (pushes.length !== 2) return null;
  const key = pushes[1]!;
  if ((key.length !== 33 && key.length !== 65) || !isValidPublicKey(key)) return null;
  return compressPublicKey(key);
}

/** Parses a `VoteForAggregateKeyOp`: exactly 47 data bytes; signer key from input 0's scriptSig. */
export function parseVoteForAggregateKey(tx: BitcoinTransaction, header: Header, sender: StacksAddress): OpResult<VoteForAggregateKeyOp> {
  if (tx.inputs.length === 0) return reject(OpRejection.InvalidInput, 'no inputs');
  if (tx.opcode !== Opcodes.VoteForAggregateKey) return reject(OpRejection.InvalidInput, `wrong opcode ${tx.opcode}`);
  const d = tx.data;
  if (d.length !== 47) return reject(OpRejection.ParseError, `payload of ${d.length} bytes, expected 47`);
  const signerKey = p2pkhScriptSigPublicKey(tx.inputs[0]!.scriptSig);
  if (signerKey === null) return reject(OpRejection.InvalidInput, 'input 0 is not a p2pkh spend');
  return ok({
    type: 'VoteForAggregateKey',
    sender,
    signerIndex: Number(readUintBE(d, 0, 2)),
    aggregateKey: d.slice(2, 35),
    round: Number(readUintBE(d, 35, 4)),
    rewardCycle: readUintBE(d, 39, 8),
    signerKey,
    ...location(tx, header),
  });
}

/** Validity of a vote (`VoteForAggregateKeyOp::check`). */
export function checkVoteForAggregateKey(op: VoteForAggregateKeyOp): OpResult<VoteForAggregateKeyOp> {
  if (!isValidPublicKey(op.aggregateKey) || !isValidPublicKey(op.signerKey)) return reject(OpRejection.VoteForAggregateKeyInvalidKey);
  if (op.rewardCycle > (1n << 63n) - 1n) return reject(OpRejection.InvalidInput, 'reward cycle above i64::MAX');
  return ok(op);
}

/** magic || 'v' || signer index u16 || aggregate key 33 || round u32 || reward cycle u64. */
export function buildVoteForAggregateKeyPayload(
  op: Pick<VoteForAggregateKeyOp, 'signerIndex' | 'aggregateKey' | 'round' | 'rewardCycle'>,
  magic: Uint8Array,
): Uint8Array {
  if (op.aggregateKey.length !== 33) throw new SortitionError(SortitionErrorCode.InvalidArgument, 'aggregate key must be 33 bytes');
  return burnOpPayload(
    magic,
    Opcodes.VoteForAggregateKey,
    concatBytes(uintToBytesBE(op.signerIndex, 2), op.aggregateKey, uintToBytesBE(op.round, 4), uintToBytesBE(op.rewardCycle, 8)),
  );
}
