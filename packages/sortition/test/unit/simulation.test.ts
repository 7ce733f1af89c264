/**
 * Statistical simulation of the sortition: 10,000 sortitions on one chain (sortition hash mixed
 * with each burn header hash and the previous winner's VRF seed, exactly as the DB does it).
 * Each miner must win in proportion to its burn, within 5 standard deviations of the binomial
 * (false-failure odds below 1e-6 per miner); and with the ATC-C null miner active at a fixed
 * ATC the null miner must win at the table's rate, within the same bound.
 */
import { describe, it, expect } from 'vitest';
import { StacksEpochId } from '@stacks-ts/common';
import { sha256 } from '@stacks-ts/codec';
import { atcFrac, nullMinerProbability, ATC_ONE } from '../../src/atc.ts';
import { makeSortitionRanges, type BurnSamplePoint } from '../../src/distribution.ts';
import { evaluateSortition, WinnerRejection } from '../../src/sortition.ts';
import { initialSnapshot, type BlockSnapshot } from '../../src/snapshot.ts';
import { makeCommit, txidFromU64 } from '../support/fixtures.ts';

const N = 10_000;
const SIGMAS = 5;

function simulate(burns: bigint[], epoch: StacksEpochId, blockBurnTotal: bigint, windowedMedian: bigint) {
  let parent: BlockSnapshot = initialSnapshot(0, new Uint8Array(32), 0);
  let lastSeed: Uint8Array = new Uint8Array(32);
  const wins = new Array<number>(burns.length).fill(0);
  let nullWins = 0;
  for (let i = 1; i <= N; i++) {
    const blockHash = sha256(Uint8Array.of(i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0x5a));
    const points: BurnSamplePoint[] = burns.map((b, m) => ({
      burns: b,
      medianBurn: b,
      frequency: 6,
      rangeStart: 0n,
      rangeEnd: 0n,
      candidate: makeCommit({ txid: txidFromU64(i * 16 + m), blockHeight: i, burnFee: b, newSeed: sha256(Uint8Array.of(m, i & 0xff, (i >> 8) & 0xff)) }),
    }));
    const out = evaluateSortition({
      parent,
      header: { blockHeight: i, blockHash, parentBlockHash: parent.burnHeaderHash, timestamp: i },
      epoch,
      sortitionId: blockHash,
      poxId: [],
      burnDist: makeSortitionRanges(points),
      acceptedTxids: points.map((p) => p.candidate.txid),
      blockBurnTotal,
      windowedMedianBurns: windowedMedian,
      windowLength: 6,
      lastVrfSeed: lastSeed,
      prevConsensusHashes: [],
      accumulatedCoinbaseUstx: 0n,
      minerPkHashOf: () => null,
    });
    if (out.winner !== null) {
      wins[out.winner.distIndex]!++;
      lastSeed = out.winner.commit.newSeed;
    } else {
      expect(out.rejected?.reason).toBe(WinnerRejection.NullMiner);
      nullWins++;
    }
    parent = out.snapshot;
  }
  return { wins, nullWins };
}

function withinBinomial(observed: number, n: number, p: number): { ok: boolean; bound: number; expected: number } {
  const expected = n * p;
  const bound = SIGMAS * Math.sqrt(n * p * (1 - p));
  return { ok: Math.abs(observed - expected) <= bound, bound, expected };
}

describe('sortition statistics (10,000 sortitions)', () => {
  it('each miner wins in proportion to its burn', () => {
    const burns = [1000n, 2000n, 3000n, 4000n, 10_000n];
    const total = Number(burns.reduce((a, b) => a + b, 0n));
    const { wins, nullWins } = simulate(burns, StacksEpochId.Epoch25, 20_000n, 20_000n);
    expect(nullWins).toBe(0);
    expect(wins.reduce((a, b) => a + b, 0)).toBe(N);
    burns.forEach((b, m) => {
      const r = withinBinomial(wins[m]!, N, Number(b) / total);
      expect(r.ok, `miner ${m}: ${wins[m]} wins, expected ${r.expected.toFixed(0)} +- ${r.bound.toFixed(0)}`).toBe(true);
    });
  });

  it('the ATC-C null miner wins at the rate of the advantage table', () => {
    // this block burns 2,000 against a windowed median of 5,000: atc = 0.4
    const atc = atcFrac(2000n, 5000n);
    const pNull = Number(nullMinerProbability(atc)) / Number(ATC_ONE);
    expect(pNull).toBeGreaterThan(0.6);
    expect(pNull).toBeLessThan(1);
    const burns = [500n, 1500n];
    const { wins, nullWins } = simulate(burns, StacksEpochId.Epoch30, 2000n, 5000n);
    const r = withinBinomial(nullWins, N, pNull);
    expect(r.ok, `null miner won ${nullWins}, expected ${r.expected.toFixed(0)} +- ${r.bound.toFixed(0)}`).toBe(true);
    // The null miner is sampled with the same index as the real distribution (as in the reference),
    // so when it loses the index lies in [p_null, 1): here entirely inside miner 1's range [0.25, 1).
    expect(wins[0]).toBe(0);
    expect(wins[1]).toBe(N - nullWins);
  });

  it('no null miner when the block burns at least the windowed median', () => {
    const { nullWins } = simulate([1000n, 1000n], StacksEpochId.Epoch30, 2000n, 2000n);
    expect(nullWins).toBe(0);
  });
});
