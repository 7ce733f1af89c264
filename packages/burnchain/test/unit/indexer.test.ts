import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '@stacks-ts/common';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOpReturnScript } from '../../src/bitcoin/burn-tx.ts';
import { buildSignedTransaction, createKeyWallet } from '../../src/bitcoin/wallet.ts';
import { openBurnchainIndexer, type BurnchainIndexer, type BurnchainIndexerOptions } from '../../src/indexer.ts';
import { COINBASE_MATURITY, openSimChain, type SimBitcoinChain } from '../../src/sim/sim-chain.ts';
import type { BitcoinBlock } from '../../src/types.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function sim(): SimBitcoinChain {
  const c = openSimChain({ clock: createManualClock(1_700_000_000_000) });
  cleanups.push(() => c.close());
  return c;
}

/** An indexer that records every hand-off as `height:hash`. */
function indexer(source: SimBitcoinChain, extra: Partial<BurnchainIndexerOptions> = {}) {
  const handed: string[] = [];
  const reorgs: number[] = [];
  const blocks: BitcoinBlock[] = [];
  const ix = openBurnchainIndexer({
    source,
    network: 'regtest',
    magic: 'X2',
    onBlock: (b) => {
      handed.push(`${b.blockHeight}:${hex(b.blockHash)}`);
      blocks.push(b);
    },
    onReorg: (e) => void reorgs.push(e.forkPoint),
    ...extra,
  });
  cleanups.push(() => ix.close());
  return { ix, handed, reorgs, blocks };
}

const key = (chain: SimBitcoinChain, h: number): string => `${h}:${hex(chain.blockHashAt(h)!)}`;

describe('indexer over the simulated chain', () => {
  it('syncs in height order from the first block and hands each block once', async () => {
    const chain = sim();
    chain.mine(5);
    const { ix, handed } = indexer(chain);
    const r1 = await ix.sync();
    expect(r1.forkPoint).toBeNull();
    expect(r1.added.map((h) => h.blockHeight)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(handed).toEqual([0, 1, 2, 3, 4, 5].map((h) => key(chain, h)));
    // Nothing new: nothing handed.
    const r2 = await ix.sync();
    expect(r2.added).toHaveLength(0);
    expect(handed).toHaveLength(6);
    chain.mine(2);
    const r3 = await ix.sync();
    expect(r3.added.map((h) => h.blockHeight)).toEqual([6, 7]);
    expect(ix.tip()!.blockHeight).toBe(7);
    expect(ix.headerAt(7)!.blockHash).toEqual(chain.blockHashAt(7));
    expect(ix.headerAt(7)!.parentBlockHash).toEqual(chain.blockHashAt(6));
  });

  it('honours firstBlockHeight, firstBlockHash and maxBlocks', async () => {
    const chain = sim();
    chain.mine(6);
    const { ix, handed } = indexer(chain, { firstBlockHeight: 3, firstBlockHash: hex(chain.blockHashAt(3)!) });
    const r = await ix.sync({ maxBlocks: 2 });
    expect(r.added.map((h) => h.blockHeight)).toEqual([3, 4]);
    await ix.sync();
    expect(handed).toEqual([3, 4, 5, 6].map((h) => key(chain, h)));
    const bad = indexer(chain, { firstBlockHeight: 3, firstBlockHash: '00'.repeat(32) });
    await expect(bad.ix.sync()).rejects.toMatchObject({ code: 'BURNCHAIN_INVALID_ARGUMENT' });
  });

  it('detects a reorg, reports the fork point, and hands the new fork once', async () => {
    const chain = sim();
    chain.mine(10);
    const { ix, handed, reorgs } = indexer(chain);
    await ix.sync();
    const oldTip = ix.tip()!;
    const oldAt8 = chain.blockHashAt(8)!;
    chain.reorg(3, 4); // fork from height 7: new 8..11
    const r = await ix.sync();
    expect(r.forkPoint).toBe(7);
    expect(reorgs).toEqual([7]);
    expect(r.dropped.map((h) => h.blockHeight)).toEqual([8, 9, 10]);
    expect(r.dropped[2]!.blockHash).toEqual(oldTip.blockHash);
    expect(r.added.map((h) => h.blockHeight)).toEqual([8, 9, 10, 11]);
    expect(handed.slice(11)).toEqual([8, 9, 10, 11].map((h) => key(chain, h)));
    // The losing fork's headers stay, marked non-canonical.
    expect(ix.headerByHash(oldAt8)).toMatchObject({ blockHeight: 8, canonical: false });
    expect(ix.headerByHash(chain.blockHashAt(8)!)).toMatchObject({ canonical: true });
    // Exactly once per fork: each hash appears once per time it joined the canonical chain.
    expect(new Set(handed).size).toBe(handed.length);
  });

  it('hands a block again only when it re-joins the canonical chain', async () => {
    const chain = sim();
    const a = chain.mine(4);
    const { ix, handed } = indexer(chain);
    await ix.sync();
    // Fork B overtakes at height 3..5, then A comes back longer.
    chain.mineOn(a[1]!, 3);
    const rB = await ix.sync();
    expect(rB.forkPoint).toBe(2);
    chain.mineOn(a[3]!, 2);
    const rA = await ix.sync();
    expect(rA.forkPoint).toBe(2);
    expect(rA.added.map((h) => h.blockHeight)).toEqual([3, 4, 5, 6]);
    const countA3 = handed.filter((k) => k === `3:${hex(a[2]!)}`).length;
    expect(countA3).toBe(2); // once on the first join, once on re-joining
    // Blocks 0..2 never left the chain: handed once.
    for (const h of [0, 1, 2]) expect(handed.filter((k) => k === key(chain, h))).toHaveLength(1);
  });

  it('follows a reorg to a shorter chain (invalidateblock)', async () => {
    const chain = sim();
    const hashes = chain.mine(6);
    const { ix } = indexer(chain);
    await ix.sync();
    chain.invalidate(hashes[3]!); // tip becomes height 3
    const r = await ix.sync();
    expect(r.forkPoint).toBe(3);
    expect(r.dropped.map((h) => h.blockHeight)).toEqual([4, 5, 6]);
    expect(r.added).toHaveLength(0);
    expect(ix.tip()!.blockHeight).toBe(3);
  });

  it('picks up a late block once it is released', async () => {
    const chain = sim();
    chain.mine(3);
    const { ix } = indexer(chain);
    await ix.sync();
    const late = chain.mineOn(chain.blockHashAt(2)!, 2, { withhold: true });
    expect((await ix.sync()).added).toHaveLength(0);
    chain.release(late[0]!);
    chain.release(late[1]!);
    const r = await ix.sync();
    expect(r.forkPoint).toBe(2);
    expect(r.added.map((h) => hex(h.blockHash))).toEqual(late.map(hex));
  });

  it('restarts when the source reorgs during a sync', async () => {
    const chain = sim();
    chain.mine(5);
    let fired = false;
    const { ix, handed, reorgs } = indexer(chain, {
      onBlock: (b) => {
        handed.push(`${b.blockHeight}:${hex(b.blockHash)}`);
        if (b.blockHeight === 3 && !fired) {
          fired = true;
          chain.mineOn(chain.blockHashAt(2)!, 4); // replaces 3 (just handed) and 4..5 (not yet indexed) with 3..6
        }
      },
    });
    const r = await ix.sync();
    expect(reorgs).toEqual([2]);
    expect(r.forkPoint).toBe(2);
    expect(ix.tip()!.blockHash).toEqual(chain.tip().hash);
    // Block 3 of the old fork was handed, then dropped: `added` lists only what is canonical now.
    expect(r.added.map((h) => h.blockHeight)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.dropped.map((h) => h.blockHeight)).toEqual([3]);
    for (let h = 0; h <= 6; h++) expect(ix.headerAt(h)!.blockHash).toEqual(chain.blockHashAt(h));
  });

  it('retries a block whose handler threw, and resumes after a restart (SQLite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'burn-ix-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'headers.sqlite');
    const chain = sim();
    chain.mine(4);
    const seen: number[] = [];
    let failAt: number | null = 3;
    const ix1 = openBurnchainIndexer({
      source: chain,
      network: 'regtest',
      magic: 'X2',
      path,
      onBlock: (b) => {
        if (b.blockHeight === failAt) throw new Error('downstream failed');
        seen.push(b.blockHeight);
      },
    });
    await expect(ix1.sync()).rejects.toThrow('downstream failed');
    expect(ix1.tip()!.blockHeight).toBe(2);
    ix1.close();
    expect(() => ix1.tip()).toThrowError(expect.objectContaining({ code: 'BURNCHAIN_CLOSED' }));
    failAt = null;
    chain.mine(1);
    const ix2 = openBurnchainIndexer({ source: chain, network: 'regtest', magic: 'X2', path, onBlock: (b) => void seen.push(b.blockHeight) });
    cleanups.push(() => ix2.close());
    expect(ix2.tip()!.blockHeight).toBe(2);
    const r = await ix2.sync();
    expect(r.added.map((h) => h.blockHeight)).toEqual([3, 4, 5]);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    // A reorg across the restart boundary is still found from the stored headers.
    ix2.close();
    chain.reorg(3);
    const ix3 = openBurnchainIndexer({ source: chain, network: 'regtest', magic: 'X2', path });
    cleanups.push(() => ix3.close());
    const r3 = await ix3.sync();
    expect(r3.forkPoint).toBe(2);
    expect(ix3.tip()!.blockHash).toEqual(chain.tip().hash);
  });

  it('hands over the parsed burn-op transactions', async () => {
    const chain = sim();
    const w = createKeyWallet(Uint8Array.from(Buffer.from('11'.repeat(32), 'hex')), 'regtest');
    chain.mine(COINBASE_MATURITY + 1, { to: w.addressString });
    const utxo = chain.listUnspent(w.addressString).sort((x, y) => x.height - y.height)[0]!;
    const tx = buildSignedTransaction(
      w,
      [{ txid: utxo.txid, vout: utxo.vout, value: utxo.value, prevTx: chain.getRawTransaction(utxo.txid)! }],
      [{ script: buildOpReturnScript('X2', 'p', new Uint8Array(0)), value: 0n }, { address: w.addressString, value: 5500n }],
    );
    chain.sendRawTransaction(tx.raw);
    chain.mine(1);
    const { ix, blocks } = indexer(chain, { firstBlockHeight: 100 });
    await ix.sync();
    const last = blocks[blocks.length - 1]!;
    expect(last.blockHeight).toBe(102);
    expect(last.txs).toHaveLength(1);
    expect(last.txs[0]!.txid).toEqual(tx.txid);
    expect(last.txs[0]!.vtxindex).toBe(1);
    expect(String.fromCharCode(last.txs[0]!.opcode)).toBe('p');
    expect(last.txs[0]!.inputs[0]!.txid).toEqual(utxo.txid);
    expect(blocks.slice(0, -1).every((b) => b.txs.length === 0)).toBe(true);
  });

  it('rejects a block whose proof of work does not meet its bits', async () => {
    const chain = sim();
    chain.mine(1);
    // A source that serves block 1 with its nonce changed (hash then mismatches or PoW fails).
    const source = {
      getTip: () => chain.getTip(),
      getBlockHash: (h: number) => chain.getBlockHash(h),
      getRawHeader: (h: Uint8Array) => chain.getRawHeader(h),
      async getRawBlock(h: Uint8Array) {
        const raw = (await chain.getRawBlock(h)).slice();
        if (raw[76] !== undefined && h.length === 32 && hex(h) === hex(chain.blockHashAt(1)!)) raw[79] = raw[79]! ^ 0xff;
        return raw;
      },
    };
    const ix = openBurnchainIndexer({ source, network: 'regtest', magic: 'X2' });
    cleanups.push(() => ix.close());
    await expect(ix.sync()).rejects.toMatchObject({ code: 'BURNCHAIN_CORRUPTION' });
    expect(ix.tip()!.blockHeight).toBe(0);
  });
});

describe('indexer parse rules by height', () => {
  it('applies pre-2.1 output rules below a height and 2.1 rules above', async () => {
    const chain = sim();
    const w = createKeyWallet(Uint8Array.from(Buffer.from('12'.repeat(32), 'hex')), 'regtest', 'p2wpkh');
    chain.mine(COINBASE_MATURITY + 2, { to: w.addressString });
    const coins = chain.listUnspent(w.addressString).sort((x, y) => x.height - y.height);
    const opTx = (i: number) =>
      buildSignedTransaction(w, [{ txid: coins[i]!.txid, vout: coins[i]!.vout, value: coins[i]!.value }], [
        { script: buildOpReturnScript('X2', 'p', new Uint8Array(0)), value: 0n },
        { address: w.addressString, value: 5500n }, // a segwit output: only acceptable from 2.1
      ]);
    chain.mine(1, { txs: [opTx(0).raw] }); // height 103
    chain.mine(1, { txs: [opTx(1).raw] }); // height 104
    const { ix, blocks } = indexer(chain, { firstBlockHeight: 103, parse: (h) => ({ allowSegwitOutputs: h >= 104 }) });
    await ix.sync();
    expect(blocks.map((b) => [b.blockHeight, b.txs.length])).toEqual([[103, 0], [104, 1]]);
  });
});
