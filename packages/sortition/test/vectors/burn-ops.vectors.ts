/**
 * Runner for test-vectors/burn-ops.json: the OP_RETURN envelope, and parse / serialize of every
 * burn operation (raw transaction hex decoded by @stacks-ts/burnchain, then parsed here).
 */
import assert from 'node:assert/strict';
import { bytesToHex, concatBytes, hexToBytes, StacksEpochId } from '@stacks-ts/common';
import { decompressPublicKey, compressPublicKey, stacksAddressFromString } from '@stacks-ts/codec';
import { type Skip, type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { BurnMagic, Opcodes } from '../../src/constants.ts';
import { opReturnScript } from '../../src/operations/envelope.ts';
import { parseLeaderBlockCommit, serializeLeaderBlockCommitData } from '../../src/operations/leader-block-commit.ts';
import { parseLeaderKeyRegister, serializeLeaderKeyRegisterData } from '../../src/operations/leader-key-register.ts';
import {
  buildStackStxPayload,
  buildVoteForAggregateKeyPayload,
  p2pkhScriptSigPublicKey,
  parseDelegateStx,
  parseStackStx,
  parseTransferStx,
  parseVoteForAggregateKey,
} from '../../src/operations/stx-ops.ts';
import { poxAddressRepr, type PoxAddress } from '../../src/pox-address.ts';
import { burnOpJsonString } from '../../src/operations/json.ts';
import type { DelegateStxOp, StackStxOp, TransferStxOp } from '../../src/operations/types.ts';
import { burnTx, burnTxFromHex, p2pkhOutput } from '../support/btc.ts';
import { testParams } from '../support/fixtures.ts';

const ID = BurnMagic.regtest;
const ones = (n: number) => new Uint8Array(n).fill(1);
const U128_ONES = BigInt(`0x${'01'.repeat(16)}`);
const SENDER = { version: 26, hash160: new Uint8Array(20).fill(0x99) };

function runEnvelope(e: VectorEntry): void {
  const ops = e.expected.opcodes as Record<string, string>;
  for (const [name, desc] of Object.entries(ops)) {
    const code = (Opcodes as Record<string, number>)[name];
    assert.equal(code?.toString(16).padStart(2, '0'), desc.slice(0, 2), name);
  }
  assert.equal(new TextDecoder().decode(BurnMagic.mainnet), e.expected.magic.mainnet);
  assert.equal(new TextDecoder().decode(BurnMagic.testnet), e.expected.magic.testnet);
  assert.equal(new TextDecoder().decode(BurnMagic.regtest), e.expected.magic['default/regtest']);
}

function runCommitValid(e: VectorEntry): void {
  const tx = burnTxFromHex(e.inputs.tx_hex, e.inputs.vtxindex);
  assert.ok(tx !== null, 'carries a burn op');
  const height: number = e.inputs.block_height;
  const params = testParams({ rewardCycleLength: 10, prepareLength: 1, sunsetStart: height, sunsetEnd: height + 1 });
  const r = parseLeaderBlockCommit(tx, { blockHeight: height, blockHash: hexToBytes(e.inputs.burn_header_hash) }, { params, epoch: StacksEpochId.Epoch2_05 });
  assert.ok(r.ok, r.ok ? '' : `${r.reason}: ${r.detail}`);
  const op = r.value;
  const x = e.expected;
  assert.equal(bytesToHex(concatBytes(ID, Uint8Array.of(Opcodes.LeaderBlockCommit), serializeLeaderBlockCommitData(op))), x.opstr_hex);
  assert.equal(bytesToHex(op.blockHeaderHash), x.block_header_hash);
  assert.equal(bytesToHex(op.newSeed), x.new_seed);
  assert.equal(op.parentBlockPtr, x.parent_block_ptr);
  assert.equal(op.parentVtxindex, x.parent_vtxindex);
  assert.equal(op.keyBlockPtr, x.key_block_ptr);
  assert.equal(op.keyVtxindex, x.key_vtxindex);
  assert.deepEqual([op.memo], x.memo);
  assert.equal(x.burn_parent_modulus, '(block_height - 1) % 5');
  assert.equal(op.burnParentModulus, (height - 1) % 5);
  assert.equal(op.commitOuts.length, 2);
  for (const out of op.commitOuts) assert.equal(poxAddressRepr(out), `1a-${'00'.repeat(20)}`, 'StacksAddress(26, zeros)');
  assert.equal(op.burnFee, BigInt(x.burn_fee));
  assert.equal(bytesToHex(op.input.txid), x.input.txid);
  assert.equal(op.input.vout, x.input.vout);
  assert.equal(op.apparentSender, x.apparent_sender);
  assert.equal(bytesToHex(op.txid), x.txid);
  assert.equal(op.sunsetBurn, BigInt(x.sunset_burn));
}

function runCommitInvalid(e: VectorEntry): void {
  assert.equal(e.expected.parses, false);
  const tx = burnTxFromHex(e.inputs.tx_hex, e.inputs.vtxindex);
  if (tx === null) return; // not even a burn transaction: rejected upstream
  // like the reference test: a header at height 0, plus a realistic height so the fixture's own defect is what rejects it
  for (const height of [0, 1903190883]) {
    const r = parseLeaderBlockCommit(tx, { blockHeight: height, blockHash: new Uint8Array(32) }, { params: testParams({ prepareLength: 1 }), epoch: StacksEpochId.Epoch2_05 });
    assert.equal(r.ok, false, `parses at height ${height}`);
  }
}

function runKeyValid(e: VectorEntry): void {
  const tx = burnTxFromHex(e.inputs.tx_hex, e.inputs.vtxindex);
  assert.ok(tx !== null);
  const r = parseLeaderKeyRegister(tx, { blockHeight: e.inputs.block_height, blockHash: new Uint8Array(32) });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  const op = r.value;
  assert.equal(bytesToHex(concatBytes(ID, Uint8Array.of(Opcodes.LeaderKeyRegister), serializeLeaderKeyRegisterData(op))), e.expected.opstr_hex);
  assert.equal(bytesToHex(op.consensusHash), e.expected.consensus_hash);
  assert.equal(bytesToHex(op.publicKey), e.expected.public_key);
  assert.equal(bytesToHex(op.memo), e.expected.memo_hex);
  // `txid_be` is the hex the reference test feeds to `Txid::from_bytes_be`, which reverses it into the Txid's bytes
  assert.equal(bytesToHex(op.txid.slice().reverse()), e.expected.txid_be);
  assert.equal(op.blockHeight, e.inputs.block_height);
}

function runKeyInvalid(e: VectorEntry): void {
  assert.equal(e.expected.parses, false);
  const tx = burnTxFromHex(e.inputs.tx_hex, 1);
  if (tx === null) return;
  const r = parseLeaderKeyRegister(tx, { blockHeight: 694, blockHash: new Uint8Array(32) });
  assert.equal(r.ok, false);
}

function stackTx(data: Uint8Array) {
  return burnTx({
    opcode: Opcodes.StackStx,
    data,
    outputs: [p2pkhOutput(ones(20), 10n), p2pkhOutput(new Uint8Array(20).fill(2), 10n), p2pkhOutput(new Uint8Array(20), 30n)],
  });
}

function runStackFull(e: VectorEntry): void {
  assert.equal(e.inputs.epoch, '2.05');
  const r = parseStackStx(stackTx(ones(80)), { blockHeight: e.inputs.block_height, blockHash: new Uint8Array(32) }, SENDER, StacksEpochId.Epoch2_05, e.inputs.pox_sunset_height);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(r.value.stackedUstx, U128_ONES);
  assert.equal(r.value.numCycles, e.expected.num_cycles);
  assert.equal(bytesToHex(r.value.signerKey!), e.expected.signer_key_hex);
  assert.equal(r.value.maxAmount, U128_ONES);
  assert.equal(r.value.authId, 0x01010101);
  const ra = r.value.rewardAddr;
  assert.ok(ra.kind === 'standard' && ra.version === 22 && ra.hashMode === 0 && bytesToHex(ra.hash160) === '01'.repeat(20), 'Standard(p2pkh 01*20, Some(P2PKH))');
  // the sunset check: at the sunset height a 2.05 StackStx is invalid
  const late = parseStackStx(stackTx(ones(80)), { blockHeight: e.inputs.pox_sunset_height, blockHash: new Uint8Array(32) }, SENDER, StacksEpochId.Epoch2_05, e.inputs.pox_sunset_height);
  assert.equal(late.ok, false);
}

function runStackNoKey(e: VectorEntry): void {
  const r = parseStackStx(stackTx(ones(17)), { blockHeight: 1, blockHash: new Uint8Array(32) }, SENDER, StacksEpochId.Epoch25, 0);
  assert.ok(r.ok);
  assert.equal(r.value.stackedUstx, U128_ONES);
  assert.equal(r.value.numCycles, e.expected.num_cycles);
  assert.equal(r.value.signerKey, e.expected.signer_key);
  assert.equal(r.value.maxAmount, null);
  assert.equal(r.value.authId, null);
}

function runStackScriptLen(e: VectorEntry): void {
  const i = e.inputs;
  const payload = buildStackStxPayload(
    { stackedUstx: BigInt(i.stacked_ustx), numCycles: i.num_cycles, signerKey: hexToBytes(i.signer_key_hex), maxAmount: BigInt(i.max_amount), authId: i.auth_id },
    new TextEncoder().encode(i.magic),
  );
  assert.equal(opReturnScript(payload).length, e.expected.script_len);
}

function runTransfer(e: VectorEntry): void {
  const tx = burnTx({ opcode: Opcodes.TransferStx, data: ones(77), outputs: [p2pkhOutput(ones(20), 10n)] });
  const r = parseTransferStx(tx, { blockHeight: 1, blockHash: new Uint8Array(32) }, SENDER);
  assert.ok(r.ok);
  assert.equal(r.value.transferedUstx, U128_ONES);
  assert.equal(bytesToHex(r.value.memo), e.expected.memo_hex);
  assert.equal(r.value.recipient.version, 22);
  assert.equal(bytesToHex(r.value.recipient.hash160), '01'.repeat(20));
}

function runDelegate(e: VectorEntry, data: Uint8Array): void {
  const outs = [2, 3, 4].map((b) => p2pkhOutput(new Uint8Array(20).fill(b), 10n));
  const r = parseDelegateStx(burnTx({ opcode: Opcodes.DelegateStx, data, outputs: outs }), { blockHeight: 1, blockHash: new Uint8Array(32) }, SENDER);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(r.value.delegatedUstx, U128_ONES);
  const [index, desc] = e.expected.reward_addr as [number, string];
  const hashByte = /p2pkh (\d\d)\*20/.exec(desc)![1]!;
  assert.equal(r.value.rewardAddr?.index, index);
  const a = r.value.rewardAddr!.address;
  assert.ok(a.kind === 'standard' && a.hashMode === 0 && bytesToHex(a.hash160) === hashByte.repeat(20));
  assert.equal(r.value.delegateTo.version, 22);
  assert.equal(bytesToHex(r.value.delegateTo.hash160), '02'.repeat(20));
  if (e.expected.until_burn_height === null) assert.equal(r.value.untilBurnHeight, null);
  else assert.equal(r.value.untilBurnHeight, BigInt(`0x${'01'.repeat(8)}`));
}

function runDelegateNone(e: VectorEntry): void {
  const d = ones(22);
  d.fill(0, 17, 20);
  d[21] = 0;
  runDelegate(e, d);
}

function runDelegateFull(e: VectorEntry): void {
  const d = ones(80);
  d.fill(0, 17, 20);
  d[20] = 0x02;
  runDelegate(e, d);
}

// a p2pkh scriptSig (the reference test's raw input) so the vote has a signer key
const VOTE_SCRIPT_SIG =
  '483045022100be57031bf2c095945ba2876e97b3f86ee051643a29b908f22ed45ccf58620103022061e056e5f48c5a51c66604a1ca28e4bfaabab1478424c9bbb396cc6afe5c222e0141040fadbbcea0ff3b05f03195b41cd991d7a0af8bd38559943aec99cbdaf0b22cc806b9a4f07579934774cc0c155e781d45c989f94336765e88a66d91cfb9f060b0';

function runVote(e: VectorEntry): void {
  const i = e.inputs;
  const payload = buildVoteForAggregateKeyPayload(
    { signerIndex: i.signer_index, aggregateKey: hexToBytes(i.aggregate_key_hex), round: i.round, rewardCycle: BigInt(i.reward_cycle) },
    ID,
  );
  const data = payload.subarray(3);
  assert.equal(bytesToHex(data), `000c${'01'.repeat(33)}00000018000000000000000a`, i.data_layout);
  const tx = burnTx({
    opcode: Opcodes.VoteForAggregateKey,
    data,
    inputs: [{ scriptSig: hexToBytes(VOTE_SCRIPT_SIG), witness: [], txid: new Uint8Array(32), vout: 1 }],
  });
  const r = parseVoteForAggregateKey(tx, { blockHeight: 1, blockHash: new Uint8Array(32) }, SENDER);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(r.value.signerIndex, e.expected.signer_index);
  assert.equal(bytesToHex(r.value.aggregateKey), e.expected.aggregate_key_hex);
  assert.equal(r.value.round, e.expected.round);
  assert.equal(r.value.rewardCycle, BigInt(e.expected.reward_cycle));
}

function runVoteKey(e: VectorEntry): void {
  const key = p2pkhScriptSigPublicKey(hexToBytes(e.inputs.scriptSig_hex));
  assert.ok(key !== null);
  assert.equal(key.length, 33);
  assert.equal(bytesToHex(decompressPublicKey(key)), e.expected.signer_pubkey_uncompressed_hex);
  assert.equal(bytesToHex(key), bytesToHex(compressPublicKey(hexToBytes(e.expected.signer_pubkey_uncompressed_hex))));
}

const loc = { txid: new Uint8Array(32).fill(0x0a), vtxindex: 10, blockHeight: 10, burnHeaderHash: new Uint8Array(32).fill(0x10) };
const STD_01: PoxAddress = { kind: 'standard', version: 22, hash160: ones(20), hashMode: null };

function runJsonTransfer(e: VectorEntry): void {
  const i = e.inputs;
  const op: TransferStxOp = {
    type: 'TransferStx',
    sender: stacksAddressFromString(i.sender),
    recipient: stacksAddressFromString(i.recipient),
    transferedUstx: BigInt(i.transfered_ustx),
    memo: hexToBytes(i.memo_hex),
    txid: hexToBytes(i.txid),
    vtxindex: i.vtxindex,
    blockHeight: i.block_height,
    burnHeaderHash: hexToBytes(i.burn_header_hash),
  };
  assert.deepEqual(JSON.parse(burnOpJsonString(op)), e.expected);
}

function runJsonStack(e: VectorEntry): void {
  assert.match(e.inputs.reward_addr, /StacksAddress\(22, 01\*20\)/);
  const op: StackStxOp = {
    type: 'StackStx',
    sender: SENDER,
    rewardAddr: STD_01,
    stackedUstx: BigInt(e.inputs.stacked_ustx),
    numCycles: e.inputs.num_cycles,
    signerKey: hexToBytes(e.inputs.signer_key_hex),
    maxAmount: BigInt(e.inputs.max_amount),
    authId: e.inputs.auth_id,
    ...loc,
  };
  const json = JSON.parse(burnOpJsonString(op)).stack_stx;
  for (const k of ['reward_addr', 'signer_key', 'max_amount', 'auth_id']) assert.deepEqual(json[k], e.expected[k], k);
  const bare = JSON.parse(burnOpJsonString({ ...op, signerKey: null, maxAmount: null, authId: null })).stack_stx;
  for (const [k, v] of Object.entries(e.expected.when_optional_fields_absent as Record<string, unknown>)) assert.deepEqual(bare[k], v, k);
}

function runJsonDelegate(e: VectorEntry): void {
  const [index, desc] = e.inputs.reward_addr as [number, string];
  assert.match(desc, /StacksAddress\(22, 01\*20\)/);
  const op: DelegateStxOp = {
    type: 'DelegateStx',
    sender: SENDER,
    delegateTo: SENDER,
    rewardAddr: { index, address: STD_01 },
    delegatedUstx: 10n,
    untilBurnHeight: e.inputs.until_burn_height,
    ...loc,
  };
  const json = JSON.parse(burnOpJsonString(op)).delegate_stx;
  assert.deepEqual(json.reward_addr, e.expected.reward_addr);
  assert.equal(json.until_burn_height, e.expected.until_burn_height);
}

const BY_NAME: Record<string, (e: VectorEntry) => void | Skip> = {
  opcodes_and_magic: runEnvelope,
  leader_block_commit_parse_valid: runCommitValid,
  leader_block_commit_parse_invalid_1: runCommitInvalid,
  leader_block_commit_parse_invalid_2: runCommitInvalid,
  leader_block_commit_parse_invalid_3: runCommitInvalid,
  leader_key_register_parse_with_memo: runKeyValid,
  leader_key_register_parse_no_memo: runKeyValid,
  leader_key_register_parse_invalid_2: runKeyInvalid,
  leader_key_register_parse_invalid_3: runKeyInvalid,
  leader_key_register_parse_invalid_4: runKeyInvalid,
  leader_key_register_parse_invalid_5: runKeyInvalid,
  stack_stx_parse_full: runStackFull,
  stack_stx_parse_no_signer_key: runStackNoKey,
  stack_stx_op_script_len: runStackScriptLen,
  transfer_stx_parse: runTransfer,
  delegate_stx_parse_height_none: runDelegateNone,
  delegate_stx_parse_full: runDelegateFull,
  vote_for_aggregate_key_parse: runVote,
  vote_for_aggregate_key_raw_input_signer_key: runVoteKey,
  burn_op_json_transfer_stx: runJsonTransfer,
  burn_op_json_stack_stx: runJsonStack,
  burn_op_json_delegate_stx: runJsonDelegate,
};

/** The burn-ops.json runner. */
export const runner: VectorFileRunner = {
  file: 'burn-ops.json',
  layer: 'sortition',
  run(entry: VectorEntry): void | Skip {
    const f = BY_NAME[entry.name as string];
    if (f === undefined) throw new Error(`no check for entry ${String(entry.name)}`);
    return f(entry);
  },
};
