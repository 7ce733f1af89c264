/**
 * Runner for test-vectors/sortition.json: burn distribution ranges, the min-median commit window,
 * the ATC-C table and arithmetic, miner activity, consensus-hash ancestry, VRF (via codec), and the
 * `test_process_block_ops` integration scenario run through the SortitionDB.
 */
import assert from 'node:assert/strict';
import { bytesToHex, hexToBytes, StacksEpochId } from '@stacks-ts/common';
import { decodeVrfProof, isValidVrfPublicKey, vrfProve } from '@stacks-ts/codec';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VECTORS_DIR, type VectorEntry, type VectorFileRunner } from '../../../../test-vectors/runner/harness.ts';
import { ATC_LOOKUP } from '../../src/atc-table.ts';
import { ATC_ONE, atcFrac, atcIpart, atcMul, minerCommitCarryover, nullMinerLogistic } from '../../src/atc.ts';
import { makeMinMedianDistribution, makeSortitionRanges, type BurnSamplePoint } from '../../src/distribution.ts';
import { prevConsensusHashHeights } from '../../src/hashes.ts';
import type { LeaderBlockCommitOp, MissedBlockCommit } from '../../src/operations/types.ts';
import { isMinerActive } from '../../src/sortition.ts';
import { U256_MAX, u256ToHexBe, u256ToLimbs } from '../../src/uint256.ts';
import { openSortitionDB } from '../../src/db/sortition-db.ts';
import { makeCommit, makeKey, singleEpoch, testParams, txidFromU64 } from '../support/fixtures.ts';

function runRanges(e: VectorEntry): void {
  const burns: number[] = e.inputs.burns;
  const points: BurnSamplePoint[] = burns.map((b, i) => ({
    burns: BigInt(b),
    medianBurn: BigInt(b),
    frequency: 1,
    rangeStart: 0n,
    rangeEnd: 0n,
    candidate: makeCommit({ txid: txidFromU64(i + 1), blockHeight: 1, burnFee: BigInt(b) }),
  }));
  const ranges = makeSortitionRanges(points);
  if (burns.length === 1) {
    assert.equal(ranges[0]!.rangeStart, 0n);
    assert.equal(ranges[0]!.rangeEnd, U256_MAX);
    return;
  }
  const limbs: string[][] = e.expected.boundaries_limbs_le;
  const be: string[] = e.expected.boundaries_be_hex;
  assert.equal(ranges[0]!.rangeStart, 0n, 'first start');
  for (let i = 0; i < limbs.length; i++) {
    const end = ranges[i]!.rangeEnd;
    assert.deepEqual(u256ToLimbs(end).map((l) => `0x${l.toString(16).padStart(16, '0')}`), limbs[i], `boundary ${i} limbs`);
    assert.equal(u256ToHexBe(end), be[i], `boundary ${i} be hex`);
    assert.equal(ranges[i + 1]!.rangeStart, end, `range ${i + 1} starts where ${i} ends`);
  }
  assert.equal(ranges[ranges.length - 1]!.rangeEnd, U256_MAX, 'last end');
}

interface CommitSpec {
  burn_fee: number;
  vrf_ident: number;
  block_id: number;
  txid_id: number;
  input_txid_id: number | null;
  block_height: number;
}

function runMinMedian(e: VectorEntry): void {
  const window: CommitSpec[][] = e.inputs.window;
  const modified = typeof e.inputs.modification === 'string';
  if (modified) assert.match(e.inputs.modification, /positions 4 and 5 has input vout changed from 3 to 2/);
  const commits: LeaderBlockCommitOp[][] = window.map((block, pos) =>
    block.map((c) =>
      makeCommit({
        txid: txidFromU64(c.txid_id),
        blockHeight: c.block_height,
        burnFee: BigInt(c.burn_fee),
        blockHeaderHash: txidFromU64(c.block_id),
        keyVtxindex: c.vrf_ident,
        input: {
          txid: c.input_txid_id === null ? new Uint8Array(32).fill(1) : txidFromU64(c.input_txid_id),
          vout: modified && pos >= 4 ? 2 : 3,
        },
      }),
    ),
  );
  const missed: MissedBlockCommit[][] = (e.inputs.missed_commits as { txid_id: number; input_txid_id: number }[][]).map((block) =>
    block.map((m) => ({ txid: txidFromU64(m.txid_id), input: { txid: txidFromU64(m.input_txid_id), vout: 3 }, intendedSortitionId: new Uint8Array(32) })),
  );
  assert.equal(e.inputs.mining_commitment_window, 6);
  const dist = makeMinMedianDistribution(commits, missed, e.inputs.expects_single_commit);
  const sorted = [...dist].sort((a, b) => (bytesToHex(a.candidate.txid) < bytesToHex(b.candidate.txid) ? -1 : 1));
  assert.deepEqual(
    sorted.map((p) => Number(p.burns)),
    e.expected.burns_sorted_by_txid,
    'burns',
  );
  assert.deepEqual(
    sorted.map((p) => Number(BigInt(`0x${bytesToHex(p.candidate.txid.subarray(0, 8))}`))),
    e.expected.candidate_txid_ids,
    'candidates',
  );
}

function runAtcTable(e: VectorEntry): void {
  assert.equal((e.expected.fraction_u64_decimal as unknown[]).length, 1024);
  // JSON.parse rounds these u64s to doubles: read the digits from the file text instead
  const text = readFileSync(join(VECTORS_DIR, 'sortition.json'), 'utf8');
  const m = /"fraction_u64_decimal"\s*:\s*\[([\d,\s]+)\]/.exec(text);
  if (m === null) throw new Error('table not found in sortition.json');
  const exact = m[1]!.split(',').map((x) => BigInt(x.trim()));
  assert.equal(exact.length, 1024);
  assert.equal(ATC_LOOKUP.length, 1024);
  for (let i = 0; i < 1024; i++) assert.equal(ATC_LOOKUP[i], exact[i], `entry ${i}`);
}

function parseAtc(s: string): bigint {
  if (s === '0') return 0n;
  if (s === '1') return ATC_ONE;
  const m = /^frac\((\d+),(\d+)\)$/.exec(s);
  if (m === null) throw new Error(`unknown ATC expression ${s}`);
  return atcFrac(BigInt(m[1]!), BigInt(m[2]!));
}

function runCarryover(e: VectorEntry): void {
  for (const c of e.cases as { inputs: { total_burns: number | null; median: number | null }; expected: { atc: string; null_active: boolean } }[]) {
    const r = minerCommitCarryover(
      c.inputs.total_burns === null ? null : BigInt(c.inputs.total_burns),
      c.inputs.median === null ? null : BigInt(c.inputs.median),
    );
    assert.equal(r.atc, parseAtc(c.expected.atc), JSON.stringify(c.inputs));
    assert.equal(r.nullMinerActive, c.expected.null_active, JSON.stringify(c.inputs));
  }
}

function runMinerActive(e: VectorEntry): void {
  for (const c of e.cases as { inputs: { epoch: string; window_len: number; frequency: number }; expected: boolean }[]) {
    assert.equal(c.inputs.epoch, '3.0');
    assert.equal(isMinerActive(StacksEpochId.Epoch30, c.inputs.window_len, c.inputs.frequency), c.expected, JSON.stringify(c.inputs));
  }
  // and no frequency requirement before 3.0
  assert.equal(isMinerActive(StacksEpochId.Epoch25, 6, 0), true);
}

function runAtcFacts(e: VectorEntry): void {
  const U64_MAX = (1n << 64n) - 1n;
  const check: Record<string, () => void> = {
    'frac(1,2).inner': () => assert.equal(atcFrac(1n, 2n), U64_MAX / 2n + 1n),
    'frac(1,4).inner': () => assert.equal(atcFrac(1n, 4n), U64_MAX / 4n + 1n),
    'frac(1,32).inner': () => assert.equal(atcFrac(1n, 32n), U64_MAX / 32n + 1n),
    'frac(2,4)': () => assert.equal(atcFrac(2n, 4n), atcFrac(1n, 2n)),
    'frac(5,6)*frac(7,8)': () => assert.equal(atcMul(atcFrac(5n, 6n), atcFrac(7n, 8n)), atcFrac(35n, 48n)),
    'frac(1,2)*frac(1024,1)': () => assert.equal(atcMul(atcFrac(1n, 2n), atcFrac(1024n, 1n)), atcFrac(512n, 1n)),
    'frac(3,2).ipart': () => assert.equal(atcIpart(atcFrac(3n, 2n)), 1n),
    'null_miner_logistic(frac(i,1024)) for i in 0..1024': () => {
      for (let i = 0; i < 1024; i++) assert.equal(nullMinerLogistic(atcFrac(BigInt(i), 1024n)), ATC_LOOKUP[i], `i=${i}`);
    },
    'null_miner_logistic(one) and null_miner_logistic(frac(100,1))': () => {
      assert.equal(nullMinerLogistic(ATC_ONE), ATC_LOOKUP[1023]);
      assert.equal(nullMinerLogistic(atcFrac(100n, 1n)), ATC_LOOKUP[1023]);
    },
  };
  for (const c of e.cases as { expr: string }[]) {
    const f = check[c.expr];
    if (f === undefined) throw new Error(`no check for ${c.expr}`);
    f();
  }
}

function runPrevHashes(e: VectorEntry): void {
  for (const c of e.cases as { block_height: number; first_block_height: number; expected_ancestor_heights: number[] }[]) {
    assert.deepEqual(prevConsensusHashHeights(c.block_height, c.first_block_height), c.expected_ancestor_heights, `height ${c.block_height}`);
  }
}

function runVrfProve(e: VectorEntry): void {
  for (const c of e.cases as { inputs: { privkey_hex: string; alpha_hex: string }; expected: { proof_hex: string } }[]) {
    assert.equal(bytesToHex(vrfProve(hexToBytes(c.inputs.privkey_hex), hexToBytes(c.inputs.alpha_hex))), c.expected.proof_hex);
  }
}

function runVrfDecode(e: VectorEntry): void {
  for (const c of e.cases as { inputs: { proof_hex: string }; expected: { decodes: boolean } }[]) {
    let decodes = true;
    try {
      decodeVrfProof(hexToBytes(c.inputs.proof_hex));
    } catch {
      decodes = false;
    }
    assert.equal(decodes, c.expected.decodes, c.inputs.proof_hex);
  }
}

function runVrfKeys(e: VectorEntry): void {
  for (const c of e.cases as { inputs: { pubkey_hex: string }; expected: { valid: boolean } }[]) {
    assert.equal(isValidVrfPublicKey(hexToBytes(c.inputs.pubkey_hex)), c.expected.valid);
  }
}

/** `test_process_block_ops`: three keys, then three alternative blocks 124 on the same parent. */
function runProcessBlockOps(e: VectorEntry): void {
  const hashes = e.inputs.burn_header_hashes as Record<string, string>;
  const params = testParams({ firstBlockHeight: 120, firstBlockHash: hexToBytes(hashes['120']!), firstBlockTimestamp: 120 });
  const db = openSortitionDB({ params, epochs: singleEpoch(StacksEpochId.Epoch21) });
  try {
    // keys 3, 2, 1 at 121, 122, 123 (VRF keys of the reference test)
    const keys = [
      { h: 121, vtx: 10, pk: 'de8af7037e522e65d2fe2d63fb1b764bfea829df78b84444338379df13144a02', txid: 'eb54704f71d4a2d1128d60ffccced547054b52250ada6f3e7356165714f44d4c' },
      { h: 122, vtx: 457, pk: 'bb519494643f79f1dea0350e6fb9a1da88dfdb6137117fc2523824a8aa44fe1c', txid: '9410df84e2b440055c33acb075a0687752df63fe8fe84aeec61abe469f0448c7' },
      { h: 123, vtx: 456, pk: 'a366b51292bef4edd64063d9145c617fec373bceb0758e98cd72becd84d54c7a', txid: '1bfa831b5fc56c858198acb8e77e5863c1e9d8ac26d49ddb914e24d8d4083562' },
    ];
    let parentHash = hexToBytes(hashes['120']!);
    for (const k of keys) {
      const blockHash = hexToBytes(hashes[String(k.h)]!);
      const header = { blockHeight: k.h, blockHash, parentBlockHash: parentHash, timestamp: k.h };
      const r = db.processBlockOps(header, [makeKey({ publicKey: hexToBytes(k.pk), blockHeight: k.h, vtxindex: k.vtx, txid: hexToBytes(k.txid), burnHeaderHash: blockHash })]);
      assert.equal(r.snapshot.sortition, false, `no sortition at ${k.h}`);
      assert.equal(r.acceptedOps.length, 1, `key accepted at ${k.h}`);
      parentHash = blockHash;
    }
    const specs = e.inputs.commits as Record<string, { txid: string; block_header_hash: string; new_seed: string; burn_fee: number; vtxindex: number; key_block_ptr: number; key_vtxindex: number }>;
    const expectedWinners = new Map((e.expected.winners as { s: number; winner: string }[]).map((w) => [w.s, w.winner]));
    const s123 = db.getCanonicalTip();
    assert.equal(s123.blockHeight, 123);
    for (const sc of e.inputs.scenarios as { s: number; ops_at_124: string[] }[]) {
      const hash = hexToBytes('0000000000000000000000000000000000000000000000000000000000000004');
      hash[0] = sc.s + 1;
      const ops = sc.ops_at_124.map((name) => {
        const c = specs[name]!;
        return makeCommit({
          txid: hexToBytes(c.txid),
          blockHeight: 124,
          burnFee: BigInt(c.burn_fee),
          blockHeaderHash: hexToBytes(c.block_header_hash),
          newSeed: hexToBytes(c.new_seed),
          vtxindex: c.vtxindex,
          keyBlockPtr: c.key_block_ptr,
          keyVtxindex: c.key_vtxindex,
          memo: 0x80 >> 3,
          burnParentModulus: 123 % 5,
          input: { txid: new Uint8Array(32), vout: 0 },
          burnHeaderHash: hash,
        });
      });
      const r = db.processBlockOps({ blockHeight: 124, blockHash: hash, parentBlockHash: s123.burnHeaderHash, timestamp: 124 }, ops);
      const sn = r.snapshot;
      const want = specs[expectedWinners.get(sc.s)!]!;
      assert.equal(sn.sortition, true, `scenario ${sc.s}: sortition`);
      assert.equal(bytesToHex(sn.winningBlockTxid), want.txid, `scenario ${sc.s}: winner`);
      const total = ops.reduce((s, o) => s + o.burnFee, 0n);
      assert.equal(sn.totalBurn, total, `scenario ${sc.s}: total burn`);
      assert.equal(sn.accumulatedCoinbaseUstx, BigInt(e.expected.accumulated_coinbase_ustx_at_124), `scenario ${sc.s}: coinbase`);
      assert.equal(sn.numSortitions, e.expected.num_sortitions_at_124, `scenario ${sc.s}: num sortitions`);
      assert.equal(r.acceptedOps.length, ops.length, `scenario ${sc.s}: every commit accepted`);
    }
  } finally {
    db.close();
  }
}

const BY_NAME: Record<string, (e: VectorEntry) => void> = {
  burn_distribution_single_commit: runRanges,
  burn_distribution_two_equal_commits: runRanges,
  burn_distribution_three_commits: runRanges,
  min_median_case1: runMinMedian,
  min_median_case2: runMinMedian,
  min_median_sunset_wrong_vout: runMinMedian,
  min_median_sunset_vout2_after_index4: runMinMedian,
  min_median_missed_commits: runMinMedian,
  atc_lookup_table: runAtcTable,
  atc_get_miner_commit_carryover: runCarryover,
  check_miner_is_active: runMinerActive,
  atc_rational_unit_facts: runAtcFacts,
  consensus_hash_prev_hashes_selection: runPrevHashes,
  vrf_ecvrf_ed25519_sha512_tai_prove: runVrfProve,
  vrf_proof_decode: runVrfDecode,
  vrf_public_key_validity: runVrfKeys,
  process_block_ops_sortition_scenarios: runProcessBlockOps,
};

/** The sortition.json runner. */
export const runner: VectorFileRunner = {
  file: 'sortition.json',
  layer: 'sortition',
  run(entry: VectorEntry): void {
    const f = BY_NAME[entry.name as string];
    if (f === undefined) throw new Error(`no check for entry ${String(entry.name)}`);
    f(entry);
  },
};
