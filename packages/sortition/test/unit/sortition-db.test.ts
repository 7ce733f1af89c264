import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex, equalBytes, StacksEpochId } from '@stacks-ts/common';
import type { BitcoinBlock } from '@stacks-ts/burnchain';
import { openSortitionDB, SortitionMarfKeys, type SortitionDB } from '../../src/db/sortition-db.ts';
import { OpRejection } from '../../src/operations/types.ts';
import { consensusHash, mixBurnHeader, opsHash, prevConsensusHashHeights } from '../../src/hashes.ts';
import { isSortitionError } from '../../src/errors.ts';
import { singleEpoch, testParams } from '../support/fixtures.ts';
import { commitTx, h32, keyRegisterTx, makeBlock, makeMiner, type TestMiner } from '../support/chain.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// long reward cycles so the window is never cut by a prepare phase in these tests
const PARAMS = testParams({ firstBlockHeight: 100, firstBlockHash: h32('genesis'), rewardCycleLength: 1000, prepareLength: 10 });

function open(epoch: StacksEpochId = StacksEpochId.Epoch25, path?: string): SortitionDB {
  return openSortitionDB({ params: PARAMS, epochs: singleEpoch(epoch), ...(path === undefined ? {} : { path }) });
}

/** Registers keys for `miners` in the first block after genesis, then returns the tip block. */
function registerKeys(db: SortitionDB, miners: TestMiner[]): BitcoinBlock {
  const genesis = db.getFirstSnapshot();
  const b = makeBlock({ blockHash: genesis.burnHeaderHash, blockHeight: genesis.blockHeight }, miners.map((m, i) => keyRegisterTx(m, i + 1)));
  const r = db.processBlock(b);
  expect(r.acceptedOps).toHaveLength(miners.length);
  miners.forEach((m, i) => (m.key = { height: b.blockHeight, vtxindex: i + 1 }));
  return b;
}

describe('SortitionDB basics', () => {
  it('starts with the genesis snapshot as the canonical tip', () => {
    const db = open();
    const g = db.getCanonicalTip();
    expect(g.blockHeight).toBe(100);
    expect(bytesToHex(g.burnHeaderHash)).toBe(bytesToHex(PARAMS.firstBlockHash));
    expect(g.sortition).toBe(true);
    expect(db.getForkMetadata(g.sortitionId, SortitionMarfKeys.lastSortition)).toBe('100');
    db.close();
    expect(() => db.getCanonicalTip()).toThrow(/closed/);
  });

  it('evaluates sortitions: hashes, consensus hash, winner, chained burns, total burn', () => {
    const db = open();
    const [a, b] = [makeMiner('a'), makeMiner('b')];
    let tip = registerKeys(db, [a, b]);
    const s1 = db.getCanonicalTip();
    expect(s1.sortition).toBe(false);
    expect(bytesToHex(s1.sortitionHash)).toBe(bytesToHex(mixBurnHeader(new Uint8Array(32), tip.blockHash)));
    // consensus hash recomputed independently from the stored ancestors
    const prev = prevConsensusHashHeights(100, 100).map((h) => db.getAncestorSnapshot(s1.sortitionId, h)!.consensusHash);
    const txids = db.getAcceptedOps(s1.sortitionId).map((o) => o.txid);
    expect(bytesToHex(s1.consensusHash)).toBe(bytesToHex(consensusHash(tip.blockHash, opsHash(txids), 0n, prev, [])));

    let total = 0n;
    for (let i = 0; i < 8; i++) {
      const height = tip.blockHeight + 1;
      const txs = [commitTx(a, height, 1, 2000n), commitTx(b, height, 2, 6000n)];
      tip = makeBlock(tip, txs);
      const r = db.processBlock(tip);
      a.lastCommitTxid = txs[0]!.txid;
      b.lastCommitTxid = txs[1]!.txid;
      total += 8000n;
      expect(r.snapshot.sortition).toBe(true);
      expect(r.snapshot.totalBurn).toBe(total);
      expect(r.burnDistribution).toHaveLength(2);
      expect(r.consumedLeaderKeys.map((k) => bytesToHex(k.publicKey))).toEqual([bytesToHex(a.vrfPublicKey), bytesToHex(b.vrfPublicKey)]);
      // after a full window of chained commits the effective burns are the commits' own
      if (i >= 6) expect(r.burnDistribution.map((p) => p.burns)).toEqual([2000n, 6000n]);
      if (i >= 6) expect(r.burnDistribution.map((p) => p.frequency)).toEqual([6, 6]);
      const winner = r.outcome!.winner!.commit;
      expect(bytesToHex(r.snapshot.winningBlockTxid)).toBe(bytesToHex(winner.txid));
      expect(db.getForkMetadata(r.snapshot.sortitionId, SortitionMarfKeys.lastSortition)).toBe(String(height));
      // the next sortition samples with this winner's seed
      expect(bytesToHex(db.getLastVrfSeed(r.snapshot.sortitionId))).toBe(bytesToHex(winner.newSeed));
      expect(r.snapshot.minerPkHash).not.toBeNull();
    }
    expect(db.getCanonicalTip().numSortitions).toBe(8);
    db.close();
  });

  it('rejects a re-registered VRF key, commits without a key, and a parentless block', () => {
    const db = open();
    const a = makeMiner('a');
    let tip = registerKeys(db, [a]);
    tip = makeBlock(tip, [keyRegisterTx(a, 1, 'again')]);
    const r = db.processBlock(tip);
    expect(r.acceptedOps).toHaveLength(0);
    expect(r.rejected.map((x) => x.reason)).toEqual([OpRejection.LeaderKeyAlreadyRegistered]);
    const ghost = makeMiner('ghost');
    ghost.key = { height: 101, vtxindex: 9 };
    tip = makeBlock(tip, [commitTx(ghost, tip.blockHeight + 1, 1, 1000n)]);
    const r2 = db.processBlock(tip);
    expect(r2.rejected.map((x) => x.reason)).toEqual([OpRejection.BlockCommitNoLeaderKey]);
    expect(r2.snapshot.sortition).toBe(false);
    const orphan = makeBlock({ blockHash: h32('nowhere'), blockHeight: 150 }, []);
    expect(() => db.processBlock(orphan)).toThrow(/unknown parent/);
    try {
      db.processBlock(orphan);
    } catch (err) {
      expect(isSortitionError(err)).toBe(true);
    }
    db.close();
  });

  it('records a commit that misses its block as a missed commit', () => {
    const db = open();
    const a = makeMiner('a');
    let tip = registerKeys(db, [a]);
    const height = tip.blockHeight + 1;
    const late = commitTx(a, height - 1, 1, 1000n); // modulus for the previous height
    tip = makeBlock(tip, [late]);
    const r = db.processBlock(tip);
    expect(r.missedCommits).toHaveLength(1);
    expect(r.snapshot.sortition).toBe(false);
    expect(db.getMissedCommitsByIntended(r.missedCommits[0]!.intendedSortitionId)).toHaveLength(1);
    db.close();
  });

  it('returns the stored snapshot when a block is processed twice', () => {
    const db = open();
    const tip = registerKeys(db, [makeMiner('a')]);
    const again = db.processBlock(tip);
    expect(again.isNew).toBe(false);
    expect(again.acceptedOps).toHaveLength(1);
    db.close();
  });

  it('persists across reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sortdb-'));
    dirs.push(dir);
    const a = makeMiner('a');
    let db = open(StacksEpochId.Epoch25, dir);
    let tip = registerKeys(db, [a]);
    tip = makeBlock(tip, [commitTx(a, tip.blockHeight + 1, 1, 5000n)]);
    const first = db.processBlock(tip).snapshot;
    db.close();
    db = open(StacksEpochId.Epoch25, dir);
    const back = db.getCanonicalTip();
    expect(bytesToHex(back.sortitionId)).toBe(bytesToHex(first.sortitionId));
    expect(bytesToHex(back.indexRoot)).toBe(bytesToHex(first.indexRoot));
    expect(back.totalBurn).toBe(5000n);
    expect(db.getBlockCommitsBySortition(back.sortitionId)).toHaveLength(1);
    db.close();
  });

  it('carries the coinbase of empty sortitions forward', () => {
    const db = open();
    const a = makeMiner('a');
    let tip = registerKeys(db, [a]);
    tip = makeBlock(tip, [commitTx(a, tip.blockHeight + 1, 1, 5000n)]);
    const first = db.processBlock(tip).snapshot;
    // blocks 100 and 101 had no winner: (2 x 1000 STX) / bonus window 10
    expect(first.accumulatedCoinbaseUstx).toBe(200_000_000n);
    tip = makeBlock(tip, []);
    const empty = db.processBlock(tip).snapshot;
    expect(empty.sortition).toBe(false);
    // its (would-be) winner is owed one bonus share
    expect(empty.accumulatedCoinbaseUstx).toBe(200_000_000n);
    tip = makeBlock(tip, [commitTx(a, tip.blockHeight + 1, 1, 5000n, { chain: false })]);
    const next = db.processBlock(tip).snapshot;
    expect(next.sortition).toBe(true);
    // the empty block's 1000 STX, plus the initial bonus it still owed (per block, while some remains)
    expect(next.accumulatedCoinbaseUstx).toBe(empty.accumulatedCoinbaseUstx + 1_000_000_000n + 200_000_000n);
    db.close();
  });
});

describe('forks', () => {
  it('follows the longer fork and keeps the old fork as non-canonical', () => {
    const db = open();
    const [a, b] = [makeMiner('a'), makeMiner('b')];
    const base = registerKeys(db, [a, b]);
    // fork A: 3 blocks where only a commits
    let tipA = base;
    const forkA: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) {
      tipA = makeBlock(tipA, [commitTx(a, tipA.blockHeight + 1, 1, 1000n, { chain: false, salt: 'A' })], 'A');
      forkA.push(db.processBlock(tipA).snapshot.sortitionId);
    }
    expect(equalBytes(db.getCanonicalTip().sortitionId, forkA[2]!)).toBe(true);
    // fork B from the same base: 4 blocks where only b commits
    let tipB = base;
    const forkB: Uint8Array[] = [];
    for (let i = 0; i < 4; i++) {
      tipB = makeBlock(tipB, [commitTx(b, tipB.blockHeight + 1, 1, 1000n, { chain: false, salt: 'B' })], 'B');
      const sn = db.processBlock(tipB).snapshot;
      forkB.push(sn.sortitionId);
      expect(sn.sortition).toBe(true);
    }
    const canonical = db.getCanonicalTip();
    expect(equalBytes(canonical.sortitionId, forkB[3]!)).toBe(true);
    for (const id of forkA) {
      expect(db.getSnapshot(id)).not.toBeNull();
      expect(db.isCanonical(id)).toBe(false);
    }
    for (const id of forkB) expect(db.isCanonical(id)).toBe(true);
    expect(db.isCanonical(db.getFirstSnapshot().sortitionId)).toBe(true);
    expect(db.getForkTips().map((s) => bytesToHex(s.sortitionId))).toEqual([bytesToHex(forkB[3]!), bytesToHex(forkA[2]!)]);
    // ancestor queries stay within a fork
    const h = base.blockHeight + 2;
    expect(equalBytes(db.getAncestorSnapshot(forkA[2]!, h)!.sortitionId, forkA[1]!)).toBe(true);
    expect(equalBytes(db.getAncestorSnapshot(forkB[3]!, h)!.sortitionId, forkB[1]!)).toBe(true);
    expect(db.getAncestorSnapshot(forkB[3]!, h + 10)).toBeNull();
    // each fork's winners are its own miner's commits
    expect(db.getSnapshot(forkA[0]!)!.totalBurn).toBe(1000n);
    expect(db.getSnapshot(forkB[3]!)!.totalBurn).toBe(4000n);
    // the commit at the same (height, vtxindex) differs per fork
    const parentOnA = db.getBlockCommitsBySortition(forkA[0]!)[0]!;
    expect(bytesToHex(db.getBlockCommitAt(forkA[2]!, parentOnA.blockHeight, parentOnA.vtxindex)!.txid)).toBe(bytesToHex(parentOnA.txid));
    expect(bytesToHex(db.getBlockCommitAt(forkB[3]!, parentOnA.blockHeight, parentOnA.vtxindex)!.txid)).not.toBe(bytesToHex(parentOnA.txid));
    // the VRF key is usable on both forks (registered in their common ancestor)
    expect(db.getLeaderKeyAt(forkA[2]!, a.key!.height, a.key!.vtxindex)).not.toBeNull();
    expect(db.getLeaderKeyAt(forkB[3]!, a.key!.height, a.key!.vtxindex)).not.toBeNull();
    db.close();
  });

  it('tracks VRF keys per fork', () => {
    const db = open();
    const a = makeMiner('a');
    const g = db.getFirstSnapshot();
    const genesis = { blockHash: g.burnHeaderHash, blockHeight: g.blockHeight };
    const k1 = makeBlock(genesis, [keyRegisterTx(a, 1)], 'x');
    const k2 = makeBlock(genesis, [keyRegisterTx(a, 1)], 'y');
    expect(db.processBlock(k1).acceptedOps).toHaveLength(1);
    // the same key on a sibling fork is new there
    expect(db.processBlock(k2).acceptedOps).toHaveLength(1);
    const again = makeBlock(k1, [keyRegisterTx(a, 2, 'z')]);
    expect(db.processBlock(again).rejected[0]!.reason).toBe(OpRejection.LeaderKeyAlreadyRegistered);
    db.close();
  });
});

describe('epoch 3.0 rules through the DB', () => {
  it('rejects a winner that has not mined often enough (miner activity)', () => {
    const db = open(StacksEpochId.Epoch30);
    const a = makeMiner('a');
    let tip = registerKeys(db, [a]);
    // grow the chain so the window is full (6 blocks), then a first-time committer: frequency 1 < 3
    for (let i = 0; i < 6; i++) {
      tip = makeBlock(tip, []);
      db.processBlock(tip);
    }
    tip = makeBlock(tip, [commitTx(a, tip.blockHeight + 1, 1, 1000n)]);
    const r = db.processBlock(tip);
    expect(r.snapshot.sortition).toBe(false);
    expect(r.outcome!.rejected?.reason).toBe('Miner did not mine often enough to win');
    db.close();
  });
});

describe('crash recovery', () => {
  it('re-processes a block whose MARF commit landed but whose SQLite rows did not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sortdb-crash-'));
    dirs.push(dir);
    const a = makeMiner('a');
    let db = open(StacksEpochId.Epoch25, dir);
    let tip = registerKeys(db, [a]);
    tip = makeBlock(tip, [commitTx(a, tip.blockHeight + 1, 1, 5000n)]);
    const done = db.processBlock(tip).snapshot;
    db.close();
    // simulate the crash window: the MARF block exists, the SQLite transaction never committed
    const { default: Database } = await import('better-sqlite3');
    const conn = new Database(join(dir, 'sortition.sqlite'));
    conn.prepare('DELETE FROM snapshots WHERE sortition_id = ?').run(done.sortitionId);
    conn.prepare('DELETE FROM burn_ops WHERE sortition_id = ?').run(done.sortitionId);
    conn.prepare('DELETE FROM reward_sets WHERE sortition_id = ?').run(done.sortitionId);
    conn.close();
    db = open(StacksEpochId.Epoch25, dir);
    expect(db.getSnapshot(done.sortitionId)).toBeNull();
    const again = db.processBlock(tip);
    expect(again.isNew).toBe(true);
    expect(bytesToHex(again.snapshot.indexRoot)).toBe(bytesToHex(done.indexRoot));
    expect(bytesToHex(again.snapshot.consensusHash)).toBe(bytesToHex(done.consensusHash));
    expect(again.snapshot.sortition).toBe(true);
    expect(db.getForkMetadata(done.sortitionId, SortitionMarfKeys.lastSortition)).toBe(String(tip.blockHeight));
    db.close();
  });
});
