// Against the REAL regtest node (bcoin with the Core-compat shim of ../shared/tools/btc-regtest):
// two miners register VRF keys and send chained block commits built by our code; the burnchain
// indexer reads the blocks back and the SortitionDB sorts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, StacksEpochId, equalBytes } from '@stacks-ts/common';
import { createBitcoindClient, openBurnchainIndexer, type BitcoinBlock, type BitcoindClient } from '@stacks-ts/burnchain';
import { startBtcRegtest, type BtcRegtest } from '../../../burnchain/test/support/btc-regtest.ts';
import { openSortitionDB } from '../../src/db/sortition-db.ts';
import { testParams, singleEpoch } from '../support/fixtures.ts';
import { BtcMiner, type ChainAdapter } from '../support/btc-miner.ts';

let node: BtcRegtest;
let client: BitcoindClient;

beforeAll(async () => {
  node = await startBtcRegtest();
  client = createBitcoindClient({ url: node.rpcUrl, walletUrl: node.walletUrl, username: node.user, password: node.pass, timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  await node?.stop();
});

describe('sortition over the regtest node', () => {
  it('mines key registers and commits, indexes them and picks winners', async () => {
    const chain: ChainAdapter = {
      getTip: () => client.getTip(),
      getBlockHash: (h) => client.getBlockHash(h),
      getRawBlock: (h) => client.getRawBlock(h),
      getRawHeader: (h) => client.getRawHeader(h),
      send: async (raw) => void (await client.sendRawTransaction(raw)),
      mine: async (n, address) => (await client.generateToAddress(n, address)).map((h) => Uint8Array.from(Buffer.from(h, 'hex'))),
    };
    const miners = [new BtcMiner('alice'), new BtcMiner('bob')];
    const first = await chain.mine(1, miners[0]!.wallet.addressString);
    const second = await chain.mine(1, miners[1]!.wallet.addressString);
    await chain.mine(100, miners[0]!.wallet.addressString); // coinbase maturity
    await miners[0]!.fundFromCoinbase(chain, first[0]!);
    await miners[1]!.fundFromCoinbase(chain, second[0]!);
    const firstHeight = (await client.getTip()).height; // 102: the sortition DB's genesis

    // keys in block 103
    const keyTxids = [await miners[0]!.registerKey(chain), await miners[1]!.registerKey(chain)];
    await chain.mine(1, miners[0]!.wallet.addressString);
    // commits in blocks 104..111; bob burns 3x alice
    const commitBlocks = 8;
    const keyHeight = firstHeight + 1;
    const handed: BitcoinBlock[] = [];
    const ix = openBurnchainIndexer({ source: client, network: 'regtest', magic: 'id', firstBlockHeight: firstHeight, onBlock: (b) => void handed.push(b) });
    try {
      await ix.sync();
      const keyBlock = handed.find((b) => b.blockHeight === keyHeight)!;
      expect(keyBlock.txs.map((t) => bytesToHex(t.txid)).sort()).toEqual(keyTxids.map(bytesToHex).sort());
      for (const t of keyBlock.txs) {
        const m = miners.find((mm) => equalBytes(t.txid, keyTxids[miners.indexOf(mm)]!))!;
        m.key = { height: keyHeight, vtxindex: t.vtxindex };
      }
      for (let i = 0; i < commitBlocks; i++) {
        const height = keyHeight + 1 + i;
        await miners[0]!.commit(chain, height, 10_000n);
        await miners[1]!.commit(chain, height, 30_000n);
        await chain.mine(1, miners[0]!.wallet.addressString);
      }
      await ix.sync();
    } finally {
      ix.close();
    }
    const genesis = handed.find((b) => b.blockHeight === firstHeight)!;
    const db = openSortitionDB({
      params: testParams({ firstBlockHeight: firstHeight, firstBlockHash: genesis.blockHash, firstBlockTimestamp: genesis.timestamp, rewardCycleLength: 1000, prepareLength: 10 }),
      epochs: singleEpoch(StacksEpochId.Epoch30),
    });
    try {
      const winners: string[] = [];
      for (const b of handed.filter((x) => x.blockHeight > firstHeight)) {
        const r = db.processBlock(b);
        expect(r.rejected).toEqual([]);
        if (b.blockHeight > keyHeight) {
          expect(r.burnDistribution).toHaveLength(2);
          const w = r.outcome!.winner;
          const name = w === null ? `none (${r.outcome!.rejected?.reason ?? 'no commits'})` : miners.find((m) => m.key!.vtxindex === w.commit.keyVtxindex)!.name;
          winners.push(`${b.blockHeight}: ${name}`);
        }
      }
      // epoch 3.0 miner activity: a winner needs 3 chained commits in the window, so the first two sortitions are empty
      expect(winners.slice(0, 2).every((w) => w.includes('none (Miner did not mine often enough to win)'))).toBe(true);
      const decided = winners.slice(2);
      expect(decided.every((w) => /alice|bob/.test(w))).toBe(true);
      const tip = db.getCanonicalTip();
      expect(tip.blockHeight).toBe(keyHeight + commitBlocks);
      expect(tip.numSortitions).toBe(commitBlocks - 2);
      // the last distribution has full chains: the effective burns are the commits' own
      const last = db.processBlock(handed[handed.length - 1]!);
      expect(last.isNew).toBe(false);
      expect(db.getBlockCommitsBySortition(tip.sortitionId).map((c) => c.burnFee).sort()).toEqual([10_000n, 30_000n]);
      console.log(`regtest sortition winners:\n  ${winners.join('\n  ')}`);
    } finally {
      db.close();
    }
  }, 120_000);
});
