import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '@stacks-ts/common';
import { Transaction } from '@scure/btc-signer';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProofOfWork, decodeBlock } from '../../src/bitcoin/block.ts';
import { buildOpReturnScript, parseBitcoinBlock } from '../../src/bitcoin/burn-tx.ts';
import { buildSignedTransaction, createKeyWallet, type KeyWallet } from '../../src/bitcoin/wallet.ts';
import { isBurnchainError } from '../../src/errors.ts';
import { decodeTransaction, encodeTransaction } from '../../src/bitcoin/tx.ts';
import { REGTEST_GENESIS_HASH } from '../../src/sim/genesis.ts';
import { COINBASE_MATURITY, openSimChain, regtestSubsidy, SimRejectReason, type SimBitcoinChain } from '../../src/sim/sim-chain.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const KEY_A = Uint8Array.from(Buffer.from('0101010101010101010101010101010101010101010101010101010101010101', 'hex'));
const KEY_B = Uint8Array.from(Buffer.from('0202020202020202020202020202020202020202020202020202020202020202', 'hex'));

const open: SimBitcoinChain[] = [];
const dirs: string[] = [];
function sim(opts: Parameters<typeof openSimChain>[0] = {}): SimBitcoinChain {
  const c = openSimChain({ clock: createManualClock(1_700_000_000_000), ...opts });
  open.push(c);
  return c;
}
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function rejectionReason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isBurnchainError(e, 'BURNCHAIN_TX_REJECTED')).toBe(true);
    return (e as { meta: { reason: string } }).meta.reason;
  }
  throw new Error('expected a rejection');
}

/** Funds `wallet` with a mature coinbase and returns a spend of it (not yet sent). */
function fundedSpend(chain: SimBitcoinChain, wallet: KeyWallet, outputs: Parameters<typeof buildSignedTransaction>[2], fee = 10_000n) {
  const utxo = chain.listUnspent(wallet.addressString).sort((a, b) => a.height - b.height)[0]!;
  return buildSignedTransaction(
    wallet,
    [{ txid: utxo.txid, vout: utxo.vout, value: utxo.value, prevTx: chain.getRawTransaction(utxo.txid)! }],
    outputs,
    { fee },
  );
}

describe('simulated chain: mining', () => {
  it('starts at the regtest genesis block and mines valid regtest blocks', () => {
    const chain = sim();
    expect(chain.tip()).toEqual({ height: 0, hash: Uint8Array.from(Buffer.from(REGTEST_GENESIS_HASH, 'hex')) });
    const a = createKeyWallet(KEY_A, 'regtest');
    const hashes = chain.mine(3, { to: a.addressString });
    expect(hashes).toHaveLength(3);
    expect(chain.tip().height).toBe(3);
    let parent = REGTEST_GENESIS_HASH;
    for (const [i, h] of hashes.entries()) {
      const block = decodeBlock(chain.getRawBlockSync(h));
      expect(hex(block.hash)).toBe(hex(h));
      expect(hex(block.header.prevBlockHash)).toBe(parent);
      expect(block.header.bits).toBe(0x207fffff);
      expect(checkProofOfWork(block.header)).toBe(true);
      expect(block.txs[0]!.outputs[0]!.value).toBe(regtestSubsidy(i + 1));
      // scure parses our coinbase too.
      expect(Transaction.fromRaw(chain.getRawTransaction(block.txs[0]!.txid)!, { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true }).id).toBe(hex(block.txs[0]!.txid));
      parent = hex(h);
    }
    expect(chain.listUnspent(a.addressString)).toHaveLength(3);
    expect(chain.listUnspent(a.addressString)[0]!.confirmations).toBe(3);
    expect(regtestSubsidy(150)).toBe(2_500_000_000n);
  });

  it('mines on an interval driven by the injected clock until stopped', () => {
    const clock = createManualClock(1_700_000_000_000);
    const chain = sim({ clock });
    chain.startMining(1000);
    clock.advance(3500);
    expect(chain.tip().height).toBe(3);
    chain.stopMining();
    clock.advance(5000);
    expect(chain.tip().height).toBe(3);
    // Block times follow the clock and strictly increase.
    const times = [1, 2, 3].map((h) => decodeBlock(chain.getRawBlockSync(chain.blockHashAt(h)!)).header.time);
    expect(times).toEqual([1_700_000_001, 1_700_000_002, 1_700_000_003]);
  });
});

describe('simulated chain: transactions', () => {
  it('accepts a p2pkh spend with an OP_RETURN and confirms it in the next block', () => {
    const chain = sim();
    const a = createKeyWallet(KEY_A, 'regtest');
    const b = createKeyWallet(KEY_B, 'regtest');
    chain.mine(COINBASE_MATURITY + 1, { to: a.addressString });
    const op = buildOpReturnScript('X2', '^', new Uint8Array(52).fill(7));
    const spend = fundedSpend(chain, a, [{ script: op, value: 0n }, { address: b.addressString, value: 100_000n }]);
    expect(hex(chain.sendRawTransaction(spend.raw))).toBe(hex(spend.txid));
    expect(chain.sendRawTransaction(spend.raw)).toEqual(spend.txid); // idempotent like bitcoind
    expect(chain.mempoolTxids().map(hex)).toEqual([hex(spend.txid)]);
    expect(chain.listUnspent(b.addressString)).toHaveLength(0);
    expect(chain.listUnspent(b.addressString, { minConf: 0 })).toHaveLength(1);
    const [h] = chain.mine(1);
    expect(chain.mempoolTxids()).toHaveLength(0);
    const parsed = parseBitcoinBlock(chain.getRawBlockSync(h!), chain.tip().height, 'regtest', 'X2');
    expect(parsed.txs).toHaveLength(1);
    expect(String.fromCharCode(parsed.txs[0]!.opcode)).toBe('^');
    expect(parsed.txs[0]!.outputs[0]!.units).toBe(100_000n);
    expect(chain.listUnspent(b.addressString)[0]!.value).toBe(100_000n);
    // The coinbase collected the fee.
    expect(decodeBlock(chain.getRawBlockSync(h!)).txs[0]!.outputs[0]!.value).toBe(regtestSubsidy(chain.tip().height) + spend.fee);
    expect(rejectionReason(() => chain.sendRawTransaction(spend.raw))).toBe(SimRejectReason.AlreadyInChain);
  });

  it('accepts a p2wpkh spend and commits to witnesses in the coinbase', () => {
    const chain = sim();
    const w = createKeyWallet(KEY_A, 'regtest', 'p2wpkh');
    expect(w.addressString.startsWith('bcrt1q')).toBe(true);
    chain.mine(COINBASE_MATURITY + 1, { to: w.addressString });
    const utxo = chain.listUnspent(w.addressString).sort((x, y) => x.height - y.height)[0]!;
    const spend = buildSignedTransaction(w, [{ txid: utxo.txid, vout: utxo.vout, value: utxo.value }], [{ address: w.addressString, value: 1_000_000n }]);
    chain.sendRawTransaction(spend.raw);
    const [h] = chain.mine(1);
    const block = decodeBlock(chain.getRawBlockSync(h!));
    expect(block.txs[1]!.hasWitness).toBe(true);
    expect(hex(block.txs[0]!.outputs[1]!.scriptPubKey).startsWith('6a24aa21a9ed')).toBe(true);
    expect(block.txs[0]!.inputs[0]!.witness[0]).toEqual(new Uint8Array(32));
  });

  it('rejects bad transactions with bitcoind reasons', () => {
    const chain = sim();
    const a = createKeyWallet(KEY_A, 'regtest');
    chain.mine(COINBASE_MATURITY + 1, { to: a.addressString });
    expect(rejectionReason(() => chain.sendRawTransaction('00'))).toBe(SimRejectReason.Decode);
    // Spending more than the input.
    const utxo = chain.listUnspent(a.addressString).sort((x, y) => x.height - y.height)[0]!;
    const honest = decodeTransaction(buildSignedTransaction(a, [{ txid: utxo.txid, vout: utxo.vout, value: utxo.value, prevTx: chain.getRawTransaction(utxo.txid)! }], [{ address: a.addressString, value: 1000n }]).raw);
    // Signatures are not checked, so raising an output past the input is caught by the amount rule.
    const tooMuch = { extract: () => encodeTransaction({ ...honest, outputs: [{ value: utxo.value + 1n, scriptPubKey: a.script }] }) };
    expect(rejectionReason(() => chain.sendRawTransaction(tooMuch.extract()))).toBe(SimRejectReason.InBelowOut);
    // Immature coinbase (the newest one).
    const young = chain.listUnspent(a.addressString).sort((x, y) => y.height - x.height)[0]!;
    const premature = buildSignedTransaction(a, [{ txid: young.txid, vout: 0, value: young.value, prevTx: chain.getRawTransaction(young.txid)! }], [{ address: a.addressString, value: 1000n }]);
    expect(rejectionReason(() => chain.sendRawTransaction(premature.raw))).toBe(SimRejectReason.PrematureCoinbaseSpend);
    // Double spend against the mempool.
    const first = fundedSpend(chain, a, [{ address: a.addressString, value: 1000n }]);
    const second = fundedSpend(chain, a, [{ address: a.addressString, value: 2000n }]);
    chain.sendRawTransaction(first.raw);
    expect(rejectionReason(() => chain.sendRawTransaction(second.raw))).toBe(SimRejectReason.Conflict);
    // Missing input.
    const ghost = encodeTransaction({ ...honest, inputs: [{ ...honest.inputs[0]!, prevTxid: new Uint8Array(32).fill(0xab) }] });
    expect(rejectionReason(() => chain.sendRawTransaction(ghost))).toBe(SimRejectReason.MissingOrSpent);
    // Duplicate inputs.
    const dup = encodeTransaction({ ...honest, inputs: [honest.inputs[0]!, honest.inputs[0]!] });
    expect(rejectionReason(() => chain.sendRawTransaction(dup))).toBe(SimRejectReason.DuplicateInputs);
    // A coinbase is never accepted.
    expect(rejectionReason(() => chain.sendRawTransaction(chain.getRawTransaction(young.txid)!))).toBe(SimRejectReason.Coinbase);
  });

  it('accepts chains of unconfirmed transactions and confirms them in order', () => {
    const chain = sim();
    const a = createKeyWallet(KEY_A, 'regtest');
    chain.mine(COINBASE_MATURITY + 1, { to: a.addressString });
    const parent = fundedSpend(chain, a, [{ address: a.addressString, value: 1_000_000n }]);
    chain.sendRawTransaction(parent.raw);
    const child = buildSignedTransaction(a, [{ txid: parent.txid, vout: 0, value: 1_000_000n, prevTx: parent.raw }], [{ address: a.addressString, value: 500_000n }]);
    chain.sendRawTransaction(child.raw);
    const [h] = chain.mine(1);
    expect(decodeBlock(chain.getRawBlockSync(h!)).txs.slice(1).map((t) => hex(t.txid))).toEqual([hex(parent.txid), hex(child.txid)]);
  });
});

describe('simulated chain: forks, reorgs, late blocks', () => {
  it('switches to a longer fork and returns orphaned transactions to the mempool', () => {
    const chain = sim();
    const a = createKeyWallet(KEY_A, 'regtest');
    chain.mine(COINBASE_MATURITY + 1, { to: a.addressString });
    const spend = fundedSpend(chain, a, [{ address: a.addressString, value: 1000n }]);
    chain.sendRawTransaction(spend.raw);
    const [confirmedIn] = chain.mine(1);
    const oldTip = chain.mine(1)[0]!;
    expect(chain.mempoolTxids()).toHaveLength(0);
    const forkBlocks = chain.reorg(2); // 3 new blocks on top of height 101
    expect(forkBlocks).toHaveLength(3);
    expect(chain.tip().height).toBe(104);
    expect(hex(chain.tip().hash)).toBe(hex(forkBlocks[2]!));
    expect(chain.blockStatus(oldTip)).toBe('fork');
    expect(chain.blockStatus(confirmedIn!)).toBe('fork');
    // The orphaned spend is back in the mempool (its input still exists on the new chain).
    expect(chain.mempoolTxids().map(hex)).toEqual([hex(spend.txid)]);
    // Old fork blocks stay readable.
    expect(decodeBlock(chain.getRawBlockSync(oldTip)).hash).toEqual(oldTip);
  });

  it('keeps the first-seen tip on equal height, and mineOn a fork can overtake it', () => {
    const chain = sim();
    chain.mine(2);
    const tip = chain.tip();
    const parent = chain.blockHashAt(1)!;
    const [rival] = chain.mineOn(parent, 1);
    expect(chain.tip()).toEqual(tip);
    expect(chain.blockStatus(rival!)).toBe('fork');
    const [over] = chain.mineOn(rival!, 1);
    expect(hex(chain.tip().hash)).toBe(hex(over!));
    expect(chain.blockHashAt(2)).toEqual(rival);
  });

  it('invalidate and reconsider move the tip like invalidateblock/reconsiderblock', () => {
    const chain = sim();
    const hashes = chain.mine(5);
    chain.invalidate(hashes[2]!);
    expect(chain.tip().height).toBe(2);
    expect(chain.blockStatus(hashes[3]!)).toBe('fork');
    expect(chain.blockStatus(hashes[2]!)).toBe('invalid');
    chain.mine(1);
    expect(chain.tip().height).toBe(3);
    chain.reconsider(hashes[2]!);
    expect(hex(chain.tip().hash)).toBe(hex(hashes[4]!));
    expect(() => chain.invalidate(REGTEST_GENESIS_HASH)).toThrow();
    expect(() => chain.invalidate('00'.repeat(32))).toThrowError(expect.objectContaining({ code: 'BURNCHAIN_NOT_FOUND' }));
  });

  it('withholds a late block until it is released', () => {
    const chain = sim();
    chain.mine(3);
    const base = chain.blockHashAt(1)!;
    const late = chain.mineOn(base, 3, { withhold: true });
    expect(chain.tip().height).toBe(3);
    expect(chain.blockStatus(late[0]!)).toBe('withheld');
    // The descendants of a withheld block are not eligible either; releasing the first one frees them.
    chain.release(late[0]!);
    expect(chain.tip().height).toBe(3);
    chain.release(late[1]!);
    chain.release(late[2]!);
    expect(chain.tip().height).toBe(4);
    expect(hex(chain.tip().hash)).toBe(hex(late[2]!));
  });

  it('validates explicit transactions against the fork they join', () => {
    const chain = sim();
    const a = createKeyWallet(KEY_A, 'regtest');
    chain.mine(COINBASE_MATURITY + 1, { to: a.addressString });
    const spend = fundedSpend(chain, a, [{ address: a.addressString, value: 1000n }]);
    const forkBase = chain.tip().hash;
    chain.sendRawTransaction(spend.raw);
    chain.mine(1);
    // On a fork from before the spend, the same tx is valid again; twice in one block is not.
    expect(chain.mineOn(forkBase, 1, { txs: [spend.raw] })).toHaveLength(1);
    expect(rejectionReason(() => chain.mineOn(forkBase, 1, { txs: [spend.raw, spend.raw] }))).toBe(SimRejectReason.Conflict);
  });
});

describe('simulated chain: persistence', () => {
  it('reopens a SQLite file with the same blocks, forks, flags and mempool', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-btc-'));
    dirs.push(dir);
    const path = join(dir, 'sim.sqlite');
    const a = createKeyWallet(KEY_A, 'regtest');
    const first = openSimChain({ path, clock: createManualClock(1_700_000_000_000) });
    first.mine(COINBASE_MATURITY + 2, { to: a.addressString });
    const fork = first.mineOn(first.blockHashAt(100)!, 1);
    const late = first.mineOn(first.tip().hash, 1, { withhold: true });
    const spend = fundedSpend(first, a, [{ address: a.addressString, value: 1000n }]);
    first.sendRawTransaction(spend.raw);
    const tip = first.tip();
    const utxos = first.listUnspent(a.addressString).length;
    first.close();
    expect(() => first.tip()).toThrowError(expect.objectContaining({ code: 'BURNCHAIN_CLOSED' }));

    const again = sim({ path });
    expect(again.tip()).toEqual(tip);
    expect(again.blockStatus(fork[0]!)).toBe('fork');
    expect(again.blockStatus(late[0]!)).toBe('withheld');
    expect(again.mempoolTxids().map(hex)).toEqual([hex(spend.txid)]);
    expect(again.listUnspent(a.addressString)).toHaveLength(utxos);
    // Mining continues from the same state, with new (unique) coinbases.
    again.release(late[0]!);
    expect(again.tip().height).toBe(tip.height + 1);
    const [next] = again.mine(1);
    expect(decodeBlock(again.getRawBlockSync(next!)).txs).toHaveLength(2);
  });
});
