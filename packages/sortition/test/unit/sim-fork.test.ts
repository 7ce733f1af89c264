// Forks on the embedded simulated Bitcoin chain: commits built by our code are mined, the burnchain
// indexer hands the blocks over, the chain reorgs, and the SortitionDB follows the new canonical
// fork while keeping the old fork's snapshots (now non-canonical).
import { describe, it, expect } from 'vitest';
import { StacksEpochId, equalBytes } from '@stacks-ts/common';
import { openSimChain, openBurnchainIndexer, type BitcoinBlock } from '@stacks-ts/burnchain';
import { openSortitionDB } from '../../src/db/sortition-db.ts';
import { singleEpoch, testParams } from '../support/fixtures.ts';
import { BtcMiner, type ChainAdapter } from '../support/btc-miner.ts';

describe('sortition DB over the simulated chain', () => {
  it('follows a reorg to the new canonical fork and keeps the old snapshots as non-canonical', async () => {
    const sim = openSimChain({ network: 'regtest' });
    const chain: ChainAdapter = {
      getTip: () => sim.getTip(),
      getBlockHash: (h) => sim.getBlockHash(h),
      getRawBlock: (h) => sim.getRawBlock(h),
      getRawHeader: (h) => sim.getRawHeader(h),
      send: async (raw) => void sim.sendRawTransaction(raw),
      mine: async (n, address) => sim.mine(n, { to: address }),
    };
    const miners = [new BtcMiner('carol'), new BtcMiner('dave')];
    const f0 = await chain.mine(1, miners[0]!.wallet.addressString);
    const f1 = await chain.mine(1, miners[1]!.wallet.addressString);
    await chain.mine(100, miners[0]!.wallet.addressString);
    await miners[0]!.fundFromCoinbase(chain, f0[0]!);
    await miners[1]!.fundFromCoinbase(chain, f1[0]!);
    const firstHeight = (await chain.getTip()).height;
    for (const m of miners) await m.registerKey(chain);
    await chain.mine(1, miners[0]!.wallet.addressString);
    const handed: BitcoinBlock[] = [];
    const reorgs: number[] = [];
    const ix = openBurnchainIndexer({
      source: sim,
      network: 'regtest',
      magic: 'id',
      firstBlockHeight: firstHeight,
      onBlock: (b) => void handed.push(b),
      onReorg: (e) => void reorgs.push(e.forkPoint),
    });
    await ix.sync();
    const keyBlock = handed[handed.length - 1]!;
    keyBlock.txs.forEach((t, i) => (miners[i]!.key = { height: keyBlock.blockHeight, vtxindex: t.vtxindex }));
    for (let i = 0; i < 4; i++) {
      const height = keyBlock.blockHeight + 1 + i;
      await miners[0]!.commit(chain, height, 10_000n);
      await miners[1]!.commit(chain, height, 10_000n);
      await chain.mine(1, miners[0]!.wallet.addressString);
    }
    await ix.sync();

    const genesis = handed[0]!;
    const db = openSortitionDB({
      params: testParams({ firstBlockHeight: firstHeight, firstBlockHash: genesis.blockHash, firstBlockTimestamp: genesis.timestamp, rewardCycleLength: 1000, prepareLength: 10 }),
      epochs: singleEpoch(StacksEpochId.Epoch25),
    });
    try {
      for (const b of handed.slice(1)) db.processBlock(b);
      const oldTip = db.getCanonicalTip();
      expect(oldTip.blockHeight).toBe(keyBlock.blockHeight + 4);
      expect(oldTip.numSortitions).toBe(4);
      const oldFork = [1, 2, 3].map((d) => db.getAncestorSnapshot(oldTip.sortitionId, oldTip.blockHeight - d + 1)!);

      // reorg: the last 2 blocks are replaced by 3 empty ones
      sim.reorg(2, 3, { to: miners[0]!.wallet.addressString });
      const before = handed.length;
      const r = await ix.sync();
      expect(r.forkPoint).toBe(oldTip.blockHeight - 2);
      expect(reorgs).toEqual([oldTip.blockHeight - 2]);
      for (const b of handed.slice(before)) db.processBlock(b);

      const newTip = db.getCanonicalTip();
      expect(newTip.blockHeight).toBe(oldTip.blockHeight + 1);
      expect(equalBytes(newTip.burnHeaderHash, handed[handed.length - 1]!.blockHash)).toBe(true);
      // the new fork: 2 sortitions before the fork point, none after
      expect(newTip.numSortitions).toBe(2);
      expect(newTip.totalBurn).toBe(2n * 20_000n);
      // the old fork's last two snapshots are still stored, but not canonical
      expect(db.isCanonical(oldFork[0]!.sortitionId)).toBe(false);
      expect(db.isCanonical(oldFork[1]!.sortitionId)).toBe(false);
      expect(db.getSnapshot(oldFork[0]!.sortitionId)!.sortition).toBe(true);
      // the common ancestor is canonical on both
      expect(db.isCanonical(oldFork[2]!.sortitionId)).toBe(true);
      expect(db.getForkTips()).toHaveLength(2);
    } finally {
      db.close();
      ix.close();
      sim.close();
    }
  }, 60_000);
});
