import { describe, it, expect } from 'vitest';
import { bytesToHex, hexToBytes, StacksEpochId } from '@stacks-ts/common';
import { vrfPublicKeyFromSecret } from '@stacks-ts/codec';
import type { BitcoinTransaction, BitcoinTxOutput } from '@stacks-ts/burnchain';
import { BurnMagic, Opcodes } from '../../src/constants.ts';
import { opReturnScript } from '../../src/operations/envelope.ts';
import {
  buildLeaderBlockCommitOutputs,
  buildLeaderBlockCommitPayload,
  burnParentModulusFor,
  expectedChainedUtxo,
  parseLeaderBlockCommit,
} from '../../src/operations/leader-block-commit.ts';
import { buildLeaderKeyRegisterOutputs, buildLeaderKeyRegisterPayload, nakamotoSigningKeyHash, parseLeaderKeyRegister } from '../../src/operations/leader-key-register.ts';
import {
  buildDelegateStxPayload,
  buildPreStxPayload,
  buildStackStxPayload,
  buildTransferStxPayload,
  buildVoteForAggregateKeyPayload,
  checkDelegateStx,
  checkStackStx,
  checkTransferStx,
  checkVoteForAggregateKey,
  parseDelegateStx,
  parsePreStx,
  parseStackStx,
  parseTransferStx,
  parseVoteForAggregateKey,
  senderTxidOf,
  stackStxCyclesInRange,
} from '../../src/operations/stx-ops.ts';
import { parseBlockOps } from '../../src/operations/classify.ts';
import { OpRejection } from '../../src/operations/types.ts';
import { poxAddressFromBitcoin, poxAddressScriptPubKey, poxAddressToBitcoinString, standardBurnAddress } from '../../src/pox-address.ts';
import { burnTx, p2pkhOutput } from '../support/btc.ts';
import { testParams } from '../support/fixtures.ts';

const MAGIC = BurnMagic.regtest;
const HDR = { blockHeight: 1001, blockHash: new Uint8Array(32).fill(7) };
const SENDER = { version: 26, hash160: new Uint8Array(20).fill(0x99) };
const VRF_PK = vrfPublicKeyFromSecret(new Uint8Array(32).fill(3));
const PUBKEY = hexToBytes('02d8015134d9db8178ac93acbc43170a2f20febba5087a5b0437058765ad5133d0');
const P2PKH_SIG = hexToBytes(
  '483045022100be57031bf2c095945ba2876e97b3f86ee051643a29b908f22ed45ccf58620103022061e056e5f48c5a51c66604a1ca28e4bfaabab1478424c9bbb396cc6afe5c222e0141040fadbbcea0ff3b05f03195b41cd991d7a0af8bd38559943aec99cbdaf0b22cc806b9a4f07579934774cc0c155e781d45c989f94336765e88a66d91cfb9f060b0',
);

/** Turns built outputs into the transaction the burnchain layer would hand over. */
function txFromPayload(payload: Uint8Array, outputs: BitcoinTxOutput[], over: Partial<BitcoinTransaction> = {}): BitcoinTransaction {
  expect(bytesToHex(payload.subarray(0, 2))).toBe(bytesToHex(MAGIC));
  return burnTx({ opcode: payload[2]!, data: payload.slice(3), outputs, ...over });
}

describe('envelope', () => {
  it('pushes directly below 76 bytes and with OP_PUSHDATA1 up to 80', () => {
    expect(bytesToHex(opReturnScript(new Uint8Array(75)).subarray(0, 2))).toBe('6a4b');
    expect(bytesToHex(opReturnScript(new Uint8Array(80)).subarray(0, 3))).toBe('6a4c50');
    expect(() => opReturnScript(new Uint8Array(81))).toThrow(/exceeds 80/);
  });
});

describe('LeaderKeyRegister', () => {
  const fields = { consensusHash: new Uint8Array(20).fill(0x22), publicKey: VRF_PK, memo: new Uint8Array(20).fill(0xab) };
  it('round-trips through its payload and exposes the Nakamoto signing key hash', () => {
    const payload = buildLeaderKeyRegisterPayload(fields, MAGIC);
    expect(payload.length).toBe(3 + 52 + 20);
    const r = parseLeaderKeyRegister(txFromPayload(payload, [p2pkhOutput(new Uint8Array(20), 1n)]), HDR);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(bytesToHex(r.value.publicKey)).toBe(bytesToHex(VRF_PK));
    expect(bytesToHex(nakamotoSigningKeyHash(r.value)!)).toBe('ab'.repeat(20));
    expect(nakamotoSigningKeyHash({ memo: new Uint8Array(5) })).toBeNull();
  });
  it('truncates the memo to 25 bytes and builds OP_RETURN + change outputs', () => {
    const long = { ...fields, memo: new Uint8Array(40).fill(1) };
    expect(buildLeaderKeyRegisterPayload(long, MAGIC).length).toBe(3 + 52 + 25);
    const outs = buildLeaderKeyRegisterOutputs(fields, MAGIC, { scriptPubKey: Uint8Array.of(0x51), value: 5n });
    expect(outs).toHaveLength(2);
    expect(outs[0]!.value).toBe(0n);
    expect(outs[0]!.scriptPubKey[0]).toBe(0x6a);
  });
  it('rejects each malformed case with the reference reason', () => {
    const good = txFromPayload(buildLeaderKeyRegisterPayload(fields, MAGIC), [p2pkhOutput(new Uint8Array(20), 1n)]);
    expect(parseLeaderKeyRegister({ ...good, inputs: [] }, HDR)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(parseLeaderKeyRegister({ ...good, outputs: [] }, HDR)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(parseLeaderKeyRegister({ ...good, opcode: 0x5f }, HDR)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(parseLeaderKeyRegister({ ...good, data: good.data.slice(0, 51) }, HDR)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    const badKey = good.data.slice();
    badKey[51] = 0x7b;
    badKey.set(hexToBytes('a366b51292bef4edd64063d9145c617fec373bceb0758e98cd72becd84d54c7b'), 20);
    expect(parseLeaderKeyRegister({ ...good, data: badKey }, HDR)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
  });
});

describe('LeaderBlockCommit', () => {
  const params = testParams({ firstBlockHeight: 1000 });
  const fields = {
    blockHeaderHash: new Uint8Array(32).fill(0x44),
    newSeed: new Uint8Array(32).fill(0x55),
    parentBlockPtr: 999,
    parentVtxindex: 3,
    keyBlockPtr: 998,
    keyVtxindex: 2,
    memo: 0x0b,
    burnParentModulus: burnParentModulusFor(HDR.blockHeight),
  };
  const burn = standardBurnAddress(false);
  const change = p2pkhOutput(new Uint8Array(20).fill(0x0c), 1000n, 'testnet');
  const burnOut = (units: bigint) => p2pkhOutput(new Uint8Array(20), units, 'testnet');

  it('round-trips a reward-phase commit with two PoX outputs', () => {
    const outs = buildLeaderBlockCommitOutputs({ ...fields, commitOuts: [burn, burn], burnFee: 2000n, sunsetBurn: 0n }, MAGIC, { scriptPubKey: change.scriptPubKey, value: 1000n });
    expect(outs.map((o) => o.value)).toEqual([0n, 1000n, 1000n, 1000n]);
    expect(bytesToHex(outs[1]!.scriptPubKey)).toBe(bytesToHex(poxAddressScriptPubKey(burn)));
    const payload = buildLeaderBlockCommitPayload(fields, MAGIC);
    const tx = txFromPayload(payload, [burnOut(1000n), burnOut(1000n), change], { inputs: [{ scriptSig: new Uint8Array(0), witness: [], txid: new Uint8Array(32).fill(9), vout: 3 }] });
    const r = parseLeaderBlockCommit(tx, HDR, { params, epoch: StacksEpochId.Epoch30 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const op = r.value;
    expect(op.burnFee).toBe(2000n);
    expect(op.memo).toBe(0x0b);
    expect(op.burnParentModulus).toBe(0);
    expect(op.parentBlockPtr).toBe(999);
    expect(op.keyVtxindex).toBe(2);
    expect(op.input.vout).toBe(3);
    expect(op.apparentSender).toBe(poxAddressToBitcoinString(poxAddressFromBitcoin(change.address)!));
    expect(expectedChainedUtxo(false)).toBe(3);
    expect(expectedChainedUtxo(true)).toBe(2);
  });

  it('parses a prepare-phase commit with a single burn output', () => {
    const prepare = { blockHeight: 1010, blockHash: HDR.blockHash };
    const tx = txFromPayload(buildLeaderBlockCommitPayload({ ...fields, burnParentModulus: burnParentModulusFor(1010) }, MAGIC), [burnOut(3000n), change]);
    const r = parseLeaderBlockCommit(tx, prepare, { params, epoch: StacksEpochId.Epoch30 });
    expect(r).toMatchObject({ ok: true, value: { burnFee: 3000n } });
    const bad = txFromPayload(buildLeaderBlockCommitPayload(fields, MAGIC), [change, change]);
    expect(parseLeaderBlockCommit(bad, prepare, { params, epoch: StacksEpochId.Epoch30 })).toMatchObject({ ok: false, reason: OpRejection.BlockCommitBadOutputs });
  });

  it('rejects each malformed commit with the reference reason', () => {
    const payload = buildLeaderBlockCommitPayload(fields, MAGIC);
    const good = txFromPayload(payload, [burnOut(1000n), burnOut(1000n), change]);
    const ctx = { params, epoch: StacksEpochId.Epoch30 };
    const withData = (patch: (d: Uint8Array) => void) => {
      const d = good.data.slice();
      patch(d);
      return { ...good, data: d };
    };
    expect(parseLeaderBlockCommit({ ...good, inputs: [] }, HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(parseLeaderBlockCommit({ ...good, outputs: [] }, HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(parseLeaderBlockCommit({ ...good, opcode: Opcodes.LeaderKeyRegister }, HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(parseLeaderBlockCommit({ ...good, data: good.data.slice(0, 76) }, HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    // genesis parent with a vtxindex
    expect(parseLeaderBlockCommit(withData((d) => d.fill(0, 64, 68)), HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    // parent at or above the block
    expect(parseLeaderBlockCommit(withData((d) => d.set([0, 0, 0x03, 0xe9], 64)), HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    // key pointer zero / too high
    expect(parseLeaderBlockCommit(withData((d) => d.fill(0, 70, 74)), HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    expect(parseLeaderBlockCommit(withData((d) => d.set([0, 0, 0x03, 0xe9], 70)), HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    // unequal PoX outputs
    expect(parseLeaderBlockCommit({ ...good, outputs: [burnOut(1000n), burnOut(999n), change] }, HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    // zero burn
    expect(parseLeaderBlockCommit({ ...good, outputs: [burnOut(0n), burnOut(0n), change] }, HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    // one PoX output only
    expect(parseLeaderBlockCommit({ ...good, outputs: [burnOut(1000n)] }, HDR, ctx)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    // undecodable output
    expect(parseLeaderBlockCommit({ ...good, outputs: [burnOut(1000n), { ...burnOut(1000n), address: null }] }, HDR, ctx)).toMatchObject({
      ok: false,
      reason: OpRejection.InvalidInput,
    });
  });

  it('refuses to build outputs that do not split evenly', () => {
    expect(() => buildLeaderBlockCommitOutputs({ ...fields, commitOuts: [burn, burn], burnFee: 3n, sunsetBurn: 0n }, MAGIC, { scriptPubKey: change.scriptPubKey, value: 1n })).toThrow();
  });
});

describe('STX operations', () => {
  const out0 = p2pkhOutput(new Uint8Array(20).fill(0x21), 10n);
  it('PreStx: output 0 is the sender; STX ops must spend its output 1', () => {
    const tx = txFromPayload(buildPreStxPayload(MAGIC), [out0]);
    const r = parsePreStx(tx, HDR, StacksEpochId.Epoch25, 0);
    expect(r).toMatchObject({ ok: true, value: { output: { version: 22 } } });
    expect(parsePreStx({ ...tx, outputs: [] }, HDR, StacksEpochId.Epoch25, 0)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(parsePreStx(tx, HDR, StacksEpochId.Epoch2_05, 1000)).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(senderTxidOf(tx).ok).toBe(true);
    expect(senderTxidOf({ ...tx, inputs: [{ ...tx.inputs[0]!, vout: 0 }] })).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    expect(senderTxidOf({ ...tx, inputs: [] })).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
  });

  it('StackStx round-trips with and without the optional fields, and checks', () => {
    for (const f of [
      { stackedUstx: 5n, numCycles: 6, signerKey: PUBKEY, maxAmount: 9n, authId: 7 },
      { stackedUstx: 5n, numCycles: 6, signerKey: PUBKEY, maxAmount: null, authId: null },
      { stackedUstx: 5n, numCycles: 6, signerKey: null, maxAmount: null, authId: null },
    ]) {
      const r = parseStackStx(txFromPayload(buildStackStxPayload(f, MAGIC), [out0]), HDR, SENDER, StacksEpochId.Epoch25, 0);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value).toMatchObject({ stackedUstx: 5n, numCycles: 6, maxAmount: f.maxAmount, authId: f.authId });
      expect(checkStackStx(r.value).ok).toBe(true);
      expect(stackStxCyclesInRange(r.value)).toBe(true);
      expect(checkStackStx({ ...r.value, stackedUstx: 0n })).toMatchObject({ ok: false, reason: OpRejection.StackStxMustBePositive });
      expect(checkStackStx({ ...r.value, signerKey: new Uint8Array(33).fill(1) })).toMatchObject({ ok: false, reason: OpRejection.StackStxInvalidKey });
    }
    expect(stackStxCyclesInRange({ numCycles: 13 })).toBe(false);
    const short = txFromPayload(buildStackStxPayload({ stackedUstx: 5n, numCycles: 1, signerKey: null, maxAmount: null, authId: null }, MAGIC), [out0]);
    expect(parseStackStx({ ...short, data: short.data.slice(0, 16) }, HDR, SENDER, StacksEpochId.Epoch25, 0)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
  });

  it('TransferStx round-trips and checks positive amount and no self-send', () => {
    const tx = txFromPayload(buildTransferStxPayload({ transferedUstx: 42n, memo: Uint8Array.of(1, 2, 3) }, MAGIC), [out0]);
    const r = parseTransferStx(tx, HDR, SENDER);
    expect(r).toMatchObject({ ok: true, value: { transferedUstx: 42n } });
    if (!r.ok) return;
    expect(bytesToHex(r.value.memo)).toBe('010203');
    expect(checkTransferStx(r.value).ok).toBe(true);
    expect(checkTransferStx({ ...r.value, transferedUstx: 0n })).toMatchObject({ ok: false, reason: OpRejection.TransferStxMustBePositive });
    expect(checkTransferStx({ ...r.value, sender: r.value.recipient })).toMatchObject({ ok: false, reason: OpRejection.TransferStxSelfSend });
    expect(parseTransferStx({ ...tx, data: new Uint8Array(78) }, HDR, SENDER)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    expect(() => buildTransferStxPayload({ transferedUstx: 1n, memo: new Uint8Array(62) }, MAGIC)).toThrow();
  });

  it('DelegateStx round-trips and rejects bad flags', () => {
    const outs = [out0, p2pkhOutput(new Uint8Array(20).fill(0x31), 1n)];
    const tx = txFromPayload(buildDelegateStxPayload({ delegatedUstx: 8n, rewardAddrIndex: 1, untilBurnHeight: 5000n }, MAGIC), outs);
    const r = parseDelegateStx(tx, HDR, SENDER);
    expect(r).toMatchObject({ ok: true, value: { delegatedUstx: 8n, untilBurnHeight: 5000n, rewardAddr: { index: 1 } } });
    if (!r.ok) return;
    expect(checkDelegateStx(r.value).ok).toBe(true);
    expect(checkDelegateStx({ ...r.value, delegatedUstx: 0n })).toMatchObject({ ok: false, reason: OpRejection.DelegateStxMustBePositive });
    expect(checkDelegateStx({ ...r.value, untilBurnHeight: 1n << 63n })).toMatchObject({ ok: false, reason: OpRejection.InvalidInput });
    const none = parseDelegateStx(txFromPayload(buildDelegateStxPayload({ delegatedUstx: 8n, rewardAddrIndex: null, untilBurnHeight: null }, MAGIC), outs), HDR, SENDER);
    expect(none).toMatchObject({ ok: true, value: { rewardAddr: null, untilBurnHeight: null } });
    const badFlag = tx.data.slice();
    badFlag[16] = 2;
    expect(parseDelegateStx({ ...tx, data: badFlag }, HDR, SENDER)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    expect(parseDelegateStx({ ...tx, data: tx.data.slice(0, 25) }, HDR, SENDER)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    // an out-of-range index means no reward address
    const far = parseDelegateStx(txFromPayload(buildDelegateStxPayload({ delegatedUstx: 8n, rewardAddrIndex: 9, untilBurnHeight: null }, MAGIC), outs), HDR, SENDER);
    expect(far).toMatchObject({ ok: true, value: { rewardAddr: null } });
  });

  it('VoteForAggregateKey round-trips and checks its keys', () => {
    const payload = buildVoteForAggregateKeyPayload({ signerIndex: 3, aggregateKey: PUBKEY, round: 2, rewardCycle: 9n }, MAGIC);
    const tx = txFromPayload(payload, [], { inputs: [{ scriptSig: P2PKH_SIG, witness: [], txid: new Uint8Array(32), vout: 1 }] });
    const r = parseVoteForAggregateKey(tx, HDR, SENDER);
    expect(r).toMatchObject({ ok: true, value: { signerIndex: 3, round: 2, rewardCycle: 9n } });
    if (!r.ok) return;
    expect(r.value.signerKey).toHaveLength(33);
    expect(checkVoteForAggregateKey(r.value).ok).toBe(true);
    expect(checkVoteForAggregateKey({ ...r.value, aggregateKey: new Uint8Array(33).fill(1) })).toMatchObject({ ok: false, reason: OpRejection.VoteForAggregateKeyInvalidKey });
    expect(parseVoteForAggregateKey({ ...tx, data: tx.data.slice(0, 46) }, HDR, SENDER)).toMatchObject({ ok: false, reason: OpRejection.ParseError });
    expect(parseVoteForAggregateKey({ ...tx, inputs: [{ ...tx.inputs[0]!, scriptSig: Uint8Array.of(0x00) }] }, HDR, SENDER)).toMatchObject({
      ok: false,
      reason: OpRejection.InvalidInput,
    });
  });
});

describe('parseBlockOps', () => {
  it('finds the sender of an STX op in an earlier PreStx of the same block, and reports failures', () => {
    const pre = txFromPayload(buildPreStxPayload(MAGIC), [p2pkhOutput(new Uint8Array(20).fill(0x21), 10n)], { txid: new Uint8Array(32).fill(0x70), vtxindex: 1 });
    const transfer = txFromPayload(buildTransferStxPayload({ transferedUstx: 1n, memo: new Uint8Array(0) }, MAGIC), [p2pkhOutput(new Uint8Array(20).fill(0x22), 1n)], {
      vtxindex: 2,
      inputs: [{ scriptSig: new Uint8Array(0), witness: [], txid: new Uint8Array(32).fill(0x70), vout: 1 }],
    });
    const orphan = { ...transfer, vtxindex: 3, inputs: [{ scriptSig: new Uint8Array(0), witness: [], txid: new Uint8Array(32).fill(0x71), vout: 1 }] };
    const unknown = burnTx({ opcode: 0x41, data: new Uint8Array(0), vtxindex: 4 });
    const { ops, rejected } = parseBlockOps({ blockHeight: 5, blockHash: new Uint8Array(32), parentBlockHash: new Uint8Array(32), timestamp: 0, txs: [pre, transfer, orphan, unknown] }, testParams(), StacksEpochId.Epoch30);
    expect(ops.map((o) => o.type)).toEqual(['PreStx', 'TransferStx']);
    expect(ops[1]).toMatchObject({ sender: { version: 22 } });
    expect(rejected.map((r) => [r.vtxindex, r.reason])).toEqual([
      [3, OpRejection.InvalidInput],
      [4, OpRejection.InvalidInput],
    ]);
  });
});
