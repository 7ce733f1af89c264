// Sortition throughput: burn blocks with 100 block commits each (100 miners, chained UTXOs, full
// 6-block window) through SortitionDB.processBlock (parse, checks, window, distribution, sortition,
// one MARF commit and one SQLite transaction), in memory and on disk (WAL, synchronous=FULL).
// There is no JavaScript implementation of the Stacks sortition to compare with, so the whole
// pipeline is reported in absolute figures; the distribution step alone is compared with a naive
// linker (a linear scan of each window block instead of the reference's txid maps).
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { bytesToHex, StacksEpochId } from '@stacks-ts/common';
import type { BitcoinBlock } from '@stacks-ts/burnchain';
import { openSortitionDB, type SortitionDB } from '../../src/db/sortition-db.ts';
import { makeMinMedianDistribution, makeSortitionRanges } from '../../src/distribution.ts';
import { expectedChainedUtxo } from '../../src/operations/leader-block-commit.ts';
import type { LeaderBlockCommitOp } from '../../src/operations/types.ts';
import { singleEpoch, testParams, makeCommit, txidFromU64 } from '../support/fixtures.ts';
import { commitTx, h32, keyRegisterTx, makeBlock, makeMiner } from '../support/chain.ts';

const MINERS = 100;
const BLOCKS = 60;
const tmpRoot = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'sortition-bench-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const PARAMS = testParams({ firstBlockHeight: 1000, firstBlockHash: h32('bench-genesis'), rewardCycleLength: 100_000, prepareLength: 10 });

/** The key block and BLOCKS blocks of 100 chained commits each. */
function buildChain(): BitcoinBlock[] {
  const miners = Array.from({ length: MINERS }, (_, i) => makeMiner(`m${i}`));
  const keys = makeBlock({ blockHash: PARAMS.firstBlockHash, blockHeight: PARAMS.firstBlockHeight }, miners.map((m, i) => keyRegisterTx(m, i + 1)));
  miners.forEach((m, i) => (m.key = { height: keys.blockHeight, vtxindex: i + 1 }));
  const blocks = [keys];
  let tip = keys;
  for (let b = 0; b < BLOCKS; b++) {
    const height = tip.blockHeight + 1;
    const txs = miners.map((m, i) => commitTx(m, height, i + 1, BigInt(1000 + ((i * 37 + b * 11) % 500)) * 2n));
    miners.forEach((m, i) => (m.lastCommitTxid = txs[i]!.txid));
    tip = makeBlock(tip, txs);
    blocks.push(tip);
  }
  return blocks;
}
const chain = buildChain();

function runner(path?: string): { db: SortitionDB; next: () => void } {
  let db = openSortitionDB({ params: PARAMS, epochs: singleEpoch(StacksEpochId.Epoch30), ...(path === undefined ? {} : { path }) });
  let i = 0;
  return {
    get db() {
      return db;
    },
    next() {
      if (i === chain.length) {
        // start over on a fresh DB (the cost of opening is outside the measured blocks only on average)
        db.close();
        if (path !== undefined) fs.rmSync(path, { recursive: true, force: true });
        db = openSortitionDB({ params: PARAMS, epochs: singleEpoch(StacksEpochId.Epoch30), ...(path === undefined ? {} : { path }) });
        i = 0;
      }
      db.processBlock(chain[i++]!);
    },
  };
}

describe(`SortitionDB.processBlock, ${MINERS} commits per block`, () => {
  const mem = runner();
  bench('in memory (sortitions/s)', () => mem.next(), { time: 3000, warmupIterations: 5 });
  const disk = runner(nodePath.join(tmpRoot, 'db'));
  bench('on disk, WAL + synchronous=FULL (sortitions/s)', () => disk.next(), { time: 3000, warmupIterations: 5 });
});

// --- the distribution step alone ---
function windowOfCommits(): LeaderBlockCommitOp[][] {
  const window: LeaderBlockCommitOp[][] = [];
  for (let pos = 0; pos < 6; pos++) {
    window.push(
      Array.from({ length: MINERS }, (_, m) =>
        makeCommit({
          txid: txidFromU64(pos * 1000 + m + 1),
          blockHeight: 10 + pos,
          burnFee: BigInt(1000 + m),
          input: { txid: pos === 0 ? new Uint8Array(32).fill(1) : txidFromU64((pos - 1) * 1000 + m + 1), vout: 3 },
        }),
      ),
    );
  }
  return window;
}
const WINDOW = windowOfCommits();
const MISSED = [[], [], [], [], []];
const SINGLE = [false, false, false, false, false, false];

/** The obvious way: for each candidate, scan each earlier block's commits for the one it spends. */
function naiveDistribution(window: LeaderBlockCommitOp[][]): bigint[] {
  const n = window.length;
  return makeSortitionRanges(
    window[n - 1]!.map((c) => {
      const burns: bigint[] = [c.burnFee];
      let end = c;
      for (let pos = n - 2; pos >= 0; pos--) {
        const found = end.input.vout === expectedChainedUtxo(false) ? window[pos]!.find((p) => bytesToHex(p.txid) === bytesToHex(end.input.txid)) : undefined;
        if (found !== undefined) {
          burns.push(found.burnFee);
          end = found;
        } else burns.push(1n);
      }
      const sorted = [...burns].sort((a, b) => (a < b ? -1 : 1));
      const median = (sorted[n / 2]! + sorted[n / 2 - 1]!) / 2n;
      return { burns: median < c.burnFee ? median : c.burnFee, medianBurn: median, frequency: 0, rangeStart: 0n, rangeEnd: 0n, candidate: c };
    }),
  ).map((p) => p.rangeEnd);
}

describe(`burn distribution, ${MINERS} candidates x 6-block window`, () => {
  bench('makeMinMedianDistribution (txid maps)', () => void makeMinMedianDistribution(WINDOW, MISSED, SINGLE), { time: 1500 });
  bench('naive linker (linear scans)', () => void naiveDistribution(WINDOW), { time: 1500 });
});

// both linkers must agree before their speeds mean anything
if (naiveDistribution(WINDOW).join() !== makeMinMedianDistribution(WINDOW, MISSED, SINGLE).map((p) => p.rangeEnd).join()) {
  throw new Error('the naive linker disagrees with makeMinMedianDistribution');
}
