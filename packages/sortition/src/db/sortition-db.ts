/**
 * The sortition DB (reference: stackslib/src/chainstate/burn/db/sortdb.rs and processing.rs): one
 * `BlockSnapshot` per burn block per fork in SQLite, the accepted operations, missed commits and
 * reward sets, and per-fork metadata in a MARF keyed by sortition id (VRF keys in use, Stacks block
 * hashes already won, the last sortition, the initial mining bonus). Ancestor queries within a fork
 * go through the MARF's height index.
 *
 * Crash safety: a block is written as one MARF commit followed by one SQLite transaction. The MARF
 * block's contents are a pure function of the burn block and its fork, so when a crash lands
 * between the two, re-processing the block finds the MARF block already present, checks that its
 * root hash is the one it would write, and only writes the SQLite rows. A block counts as
 * processed once its snapshot row exists.
 */
import { mkdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { bytesToHex, bytesToUtf8, equalBytes, utf8ToBytes, StacksEpochId, type StacksEpoch } from '@stacks-ts/common';
import { openMarfedKV, MARF_SENTINEL_BLOCK_ID, type MarfedKV } from '@stacks-ts/marf';
import type { BitcoinBlock } from '@stacks-ts/burnchain';
import { coinbaseReward } from '../coinbase.ts';
import { MINING_COMMITMENT_WINDOW, Opcodes, epochAtLeast } from '../constants.ts';
import { makeMinMedianDistribution, windowedMedianBurns, blockCommitBurns, type BurnSamplePoint } from '../distribution.ts';
import { SortitionError, SortitionErrorCode } from '../errors.ts';
import { EMPTY_CONSENSUS_HASH, INITIAL_VRF_SEED, prevConsensusHashHeights, sortitionId as makeSortitionId, type PoxId } from '../hashes.ts';
import { parseBlockOps, type RejectedTx } from '../operations/classify.ts';
import { checkLeaderBlockCommit, type CommitCheckEnv, type RewardSetInfo } from '../operations/leader-block-commit.ts';
import { nakamotoSigningKeyHash } from '../operations/leader-key-register.ts';
import { checkDelegateStx, checkStackStx, checkTransferStx, checkVoteForAggregateKey } from '../operations/stx-ops.ts';
import { OpRejection, type BurnOp, type LeaderBlockCommitOp, type LeaderKeyRegisterOp, type MissedBlockCommit, type PreStxOp } from '../operations/types.ts';
import { type BurnchainParams, isAfterPoxSunsetEnd, isInPreparePhase, hasPoxSunset } from '../pox.ts';
import { evaluateSortition, type SortitionOutcome } from '../sortition.ts';
import { initialSnapshot, isInitialSnapshot, type BlockSnapshot } from '../snapshot.ts';
import { decodeJson, encodeJson } from './json.ts';
import { SORTITION_SCHEMA_VERSION, queryBuilder, sortitionDdl, type SnapshotsTable } from './schema.ts';

/** File name of the SQLite database inside the DB directory. */
export const SORTITION_DB_FILE_NAME = 'sortition.sqlite';
/** Folder of the sortition MARF inside the DB directory. */
export const SORTITION_MARF_DIR_NAME = 'marf';

/** MARF keys of the per-fork metadata (the reference's `db_keys`). */
export const SortitionMarfKeys = {
  lastSortition: 'sortition_db::last_sortition',
  initialMiningPerBlock: 'sortition_db::initial_mining::per_block',
  initialMiningRemaining: 'sortition_db::initial_mining::remaining',
  vrfKey: (publicKey: Uint8Array): string => `sortition_db::vrf::${bytesToHex(publicKey)}`,
  stacksBlockPresent: (blockHash: Uint8Array): string => `sortition_db::sortition_block_hash::${bytesToHex(blockHash)}`,
} as const;

/** Options of `openSortitionDB`. */
export interface SortitionDBOptions {
  /** Directory of a durable DB (created if missing); in memory without it. */
  readonly path?: string;
  readonly params: BurnchainParams;
  /** The epoch schedule (burn heights). */
  readonly epochs: readonly StacksEpoch[];
  /**
   * Whether the Stacks block at a parent commit's height descends from a reward cycle's anchor
   * block. The Stacks chain state knows; without it the answer is `false`, which accepts
   * burn-only commits and rejects PoX-paying ones whenever a reward set is given.
   */
  readonly descendedFrom?: (parentHeight: number, anchorBlock: Uint8Array) => boolean;
}

/** What `processBlock` did with one burn block. */
export interface ProcessedBlock {
  readonly snapshot: BlockSnapshot;
  /** False when the block had been processed before (the stored snapshot is returned). */
  readonly isNew: boolean;
  readonly epoch: StacksEpochId;
  /** Accepted operations in vtxindex order (PreStx ops are recorded separately, as in the reference). */
  readonly acceptedOps: readonly BurnOp[];
  readonly missedCommits: readonly MissedBlockCommit[];
  /**
   * The leader keys the accepted commits use (`consumed_leader_keys`). The reference records them
   * but no longer refuses a key used before; neither does this DB.
   */
  readonly consumedLeaderKeys: readonly LeaderKeyRegisterOp[];
  /** Transactions that failed to parse, and operations that failed their checks. */
  readonly rejected: readonly RejectedTx[];
  readonly burnDistribution: readonly BurnSamplePoint[];
  /** The sortition's winner and rejected winner (null for a re-processed block). */
  readonly outcome: SortitionOutcome | null;
}

/** Options of one `processBlock` call. */
export interface ProcessBlockOptions {
  /** The PoX recipients for this block (the pox layer fills them); absent = all burn. */
  readonly rewardSet?: RewardSetInfo | null;
  /** The PoX id of this block's fork; absent = the stub `[]` (sortition id = burn header hash). */
  readonly poxId?: PoxId;
  /** The parent snapshot's sortition id, when several PoX forks hold the parent burn block. */
  readonly parentSortitionId?: Uint8Array;
}

type SnapshotRow = SnapshotsTable;

function rowOf(sn: BlockSnapshot): SnapshotRow {
  return {
    sortition_id: sn.sortitionId,
    parent_sortition_id: sn.parentSortitionId,
    block_height: sn.blockHeight,
    burn_header_hash: sn.burnHeaderHash,
    parent_burn_header_hash: sn.parentBurnHeaderHash,
    burn_header_timestamp: sn.burnHeaderTimestamp,
    consensus_hash: sn.consensusHash,
    ops_hash: sn.opsHash,
    total_burn: sn.totalBurn.toString(),
    sortition: sn.sortition ? 1 : 0,
    sortition_hash: sn.sortitionHash,
    winning_block_txid: sn.winningBlockTxid,
    winning_stacks_block_hash: sn.winningStacksBlockHash,
    index_root: sn.indexRoot,
    num_sortitions: sn.numSortitions,
    stacks_block_accepted: sn.stacksBlockAccepted ? 1 : 0,
    stacks_block_height: sn.stacksBlockHeight,
    arrival_index: sn.arrivalIndex,
    canonical_stacks_tip_height: sn.canonicalStacksTipHeight,
    canonical_stacks_tip_hash: sn.canonicalStacksTipHash,
    canonical_stacks_tip_consensus_hash: sn.canonicalStacksTipConsensusHash,
    pox_valid: sn.poxValid ? 1 : 0,
    accumulated_coinbase_ustx: sn.accumulatedCoinbaseUstx.toString(),
    miner_pk_hash: sn.minerPkHash,
  };
}

const u8 = (b: Uint8Array | Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();

function snapshotOf(r: SnapshotRow): BlockSnapshot {
  return {
    sortitionId: u8(r.sortition_id),
    parentSortitionId: u8(r.parent_sortition_id),
    blockHeight: r.block_height,
    burnHeaderHash: u8(r.burn_header_hash),
    parentBurnHeaderHash: u8(r.parent_burn_header_hash),
    burnHeaderTimestamp: r.burn_header_timestamp,
    consensusHash: u8(r.consensus_hash),
    opsHash: u8(r.ops_hash),
    totalBurn: BigInt(r.total_burn),
    sortition: r.sortition === 1,
    sortitionHash: u8(r.sortition_hash),
    winningBlockTxid: u8(r.winning_block_txid),
    winningStacksBlockHash: u8(r.winning_stacks_block_hash),
    indexRoot: u8(r.index_root),
    numSortitions: r.num_sortitions,
    stacksBlockAccepted: r.stacks_block_accepted === 1,
    stacksBlockHeight: r.stacks_block_height,
    arrivalIndex: r.arrival_index,
    canonicalStacksTipHeight: r.canonical_stacks_tip_height,
    canonicalStacksTipHash: u8(r.canonical_stacks_tip_hash),
    canonicalStacksTipConsensusHash: u8(r.canonical_stacks_tip_consensus_hash),
    poxValid: r.pox_valid === 1,
    accumulatedCoinbaseUstx: BigInt(r.accumulated_coinbase_ustx),
    minerPkHash: r.miner_pk_hash === null ? null : u8(r.miner_pk_hash),
  };
}

function prepareStatements(conn: BetterSqlite3.Database) {
  const q = queryBuilder();
  const B = new Uint8Array(0);
  const template = rowOf(initialSnapshot(0, new Uint8Array(32), 0));
  const p = (c: { sql: string }) => conn.prepare(c.sql);
  return {
    insertSnapshot: p(q.insertInto('snapshots').values(template).compile()),
    snapshotById: p(q.selectFrom('snapshots').selectAll().where('sortition_id', '=', B).compile()),
    snapshotsByBurnHash: p(q.selectFrom('snapshots').selectAll().where('burn_header_hash', '=', B).orderBy('block_height', 'desc').compile()),
    snapshotsByConsensusHash: p(q.selectFrom('snapshots').selectAll().where('consensus_hash', '=', B).compile()),
    canonicalTip: p(
      q.selectFrom('snapshots').selectAll().where('pox_valid', '=', 1).orderBy('block_height', 'desc').orderBy('burn_header_hash', 'asc').limit(1).compile(),
    ),
    forkTips: p(
      q
        .selectFrom('snapshots as s')
        .selectAll('s')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('snapshots as c').select('c.sortition_id').whereRef('c.parent_sortition_id', '=', 's.sortition_id').whereRef('c.sortition_id', '!=', 's.sortition_id'))),
        )
        .orderBy('s.block_height', 'desc')
        .orderBy('s.burn_header_hash', 'asc')
        .compile(),
    ),
    countSnapshots: p(q.selectFrom('snapshots').select((eb) => eb.fn.countAll<number>().as('n')).compile()),
    insertOp: p(q.insertInto('burn_ops').values({ sortition_id: B, txid: B, vtxindex: 0, block_height: 0, op_type: '', op_json: '' }).compile()),
    opsBySortition: p(q.selectFrom('burn_ops').select(['op_json']).where('sortition_id', '=', B).orderBy('vtxindex', 'asc').compile()),
    opsBySortitionAndType: p(
      q.selectFrom('burn_ops').select(['op_json']).where('sortition_id', '=', B).where('op_type', '=', '').orderBy('vtxindex', 'asc').compile(),
    ),
    opAt: p(q.selectFrom('burn_ops').select(['op_json']).where('sortition_id', '=', B).where('vtxindex', '=', 0).where('op_type', '=', '').compile()),
    opByTxid: p(q.selectFrom('burn_ops').select(['op_json']).where('sortition_id', '=', B).where('txid', '=', B).compile()),
    insertMissed: p(
      q.insertInto('missed_commits').values({ intended_sortition_id: B, txid: B, input_txid: B, input_vout: 0, sortition_id: B }).orIgnore().compile(),
    ),
    missedByIntended: p(q.selectFrom('missed_commits').selectAll().where('intended_sortition_id', '=', B).compile()),
    insertPreStx: p(q.insertInto('pre_stx_ops').values({ txid: B, op_json: '' }).orIgnore().compile()),
    preStxByTxid: p(q.selectFrom('pre_stx_ops').select(['op_json']).where('txid', '=', B).compile()),
    insertRewardSet: p(q.insertInto('reward_sets').values({ sortition_id: B, info_json: '' }).orReplace().compile()),
    rewardSetById: p(q.selectFrom('reward_sets').select(['info_json']).where('sortition_id', '=', B).compile()),
  };
}

/** Opens (or creates) a sortition DB; its first snapshot is the genesis snapshot of `params.firstBlockHash`. */
export function openSortitionDB(opts: SortitionDBOptions): SortitionDB {
  let conn: BetterSqlite3.Database;
  let kv: MarfedKV;
  if (opts.path === undefined) {
    conn = new Database(':memory:');
    kv = openMarfedKV();
  } else {
    const dir = nodePath.resolve(opts.path);
    mkdirSync(dir, { recursive: true });
    conn = new Database(nodePath.join(dir, SORTITION_DB_FILE_NAME));
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = FULL');
    try {
      kv = openMarfedKV({ path: nodePath.join(dir, SORTITION_MARF_DIR_NAME) });
    } catch (err) {
      conn.close();
      throw err;
    }
  }
  const version = conn.pragma('user_version', { simple: true }) as number;
  if (version === 0) {
    conn.transaction(() => {
      for (const q of sortitionDdl()) conn.prepare(q.sql).run();
      conn.pragma(`user_version = ${SORTITION_SCHEMA_VERSION}`);
    })();
  } else if (version !== SORTITION_SCHEMA_VERSION) {
    conn.close();
    kv.close();
    throw new SortitionError(SortitionErrorCode.Corruption, 'unknown sortition DB schema version', { version });
  }
  return new SortitionDB(conn, kv, opts);
}

const opType = (op: BurnOp): string => op.type;

/** Snapshots whose decoded commits stay cached (a window is 6). */
const COMMITS_CACHE_ENTRIES = 64;

const OPCODE_OF: Readonly<Record<BurnOp['type'], number>> = {
  LeaderKeyRegister: Opcodes.LeaderKeyRegister,
  LeaderBlockCommit: Opcodes.LeaderBlockCommit,
  PreStx: Opcodes.PreStx,
  StackStx: Opcodes.StackStx,
  TransferStx: Opcodes.TransferStx,
  DelegateStx: Opcodes.DelegateStx,
  VoteForAggregateKey: Opcodes.VoteForAggregateKey,
};

/** The header fields of a burn block that the sortition uses. */
export interface BurnBlockHeader {
  readonly blockHeight: number;
  readonly blockHash: Uint8Array;
  readonly parentBlockHash: Uint8Array;
  readonly timestamp: number;
}

/** The sortition DB; see the module TSDoc. Use `openSortitionDB`. */
export class SortitionDB {
  readonly params: BurnchainParams;
  readonly #conn: BetterSqlite3.Database;
  readonly #kv: MarfedKV;
  readonly #epochs: readonly StacksEpoch[];
  readonly #descendedFrom: (parentHeight: number, anchorBlock: Uint8Array) => boolean;
  readonly #st: ReturnType<typeof prepareStatements>;
  #closed = false;
  /** Decoded accepted commits by sortition id (immutable once written), most recent last. */
  readonly #commitsCache = new Map<string, LeaderBlockCommitOp[]>();

  /** Use `openSortitionDB`. */
  constructor(conn: BetterSqlite3.Database, kv: MarfedKV, opts: SortitionDBOptions) {
    this.#conn = conn;
    this.#kv = kv;
    this.params = opts.params;
    this.#epochs = opts.epochs;
    this.#descendedFrom = opts.descendedFrom ?? (() => false);
    this.#st = prepareStatements(conn);
    if ((this.#st.countSnapshots.get() as { n: number }).n === 0) this.#writeGenesis();
  }

  #writeGenesis(): void {
    const p = this.params;
    const sn = initialSnapshot(p.firstBlockHeight, p.firstBlockHash, p.firstBlockTimestamp);
    const root = this.#commitMarf(MARF_SENTINEL_BLOCK_ID, sn.sortitionId, new Map([[SortitionMarfKeys.lastSortition, String(sn.blockHeight)]]));
    this.#conn.transaction(() => {
      this.#st.insertSnapshot.run(...Object.values(rowOf({ ...sn, indexRoot: root })));
    })();
  }

  /** Writes one MARF block, or verifies the one a crashed run left (see the module TSDoc). */
  #commitMarf(parent: Uint8Array, id: Uint8Array, puts: ReadonlyMap<string, string>): Uint8Array {
    // Left by a run that crashed before its SQLite transaction: same block, same fork, same writes.
    if (this.#kv.marf.hasBlock(id)) return this.#kv.marf.getRootHash(id);
    const tx = this.#kv.begin(parent, id);
    try {
      for (const [k, v] of puts) tx.put(k, utf8ToBytes(v));
      return tx.commit();
    } catch (err) {
      tx.abort();
      throw err;
    }
  }

  /** The epoch of a burn height. Throws `SORTITION_NO_EPOCH` when none covers it. */
  epochAt(height: number): StacksEpochId {
    const h = BigInt(height);
    for (const e of this.#epochs) if (e.startHeight <= h && h < e.endHeight) return e.epochId;
    throw new SortitionError(SortitionErrorCode.NoEpoch, `no epoch covers burn height ${height}`, { height });
  }

  /** The snapshot with this sortition id, or null. */
  getSnapshot(sortitionId: Uint8Array): BlockSnapshot | null {
    this.#open();
    const r = this.#st.snapshotById.get(sortitionId) as SnapshotRow | undefined;
    return r === undefined ? null : snapshotOf(r);
  }

  /** Every snapshot of a burn block (one per PoX fork), newest first. */
  getSnapshotsByBurnHash(burnHeaderHash: Uint8Array): BlockSnapshot[] {
    this.#open();
    return (this.#st.snapshotsByBurnHash.all(burnHeaderHash) as SnapshotRow[]).map(snapshotOf);
  }

  /** The snapshot with this consensus hash, or null. */
  getSnapshotByConsensusHash(consensusHash: Uint8Array): BlockSnapshot | null {
    this.#open();
    const r = this.#st.snapshotsByConsensusHash.get(consensusHash) as SnapshotRow | undefined;
    return r === undefined ? null : snapshotOf(r);
  }

  /** The first snapshot (genesis). */
  getFirstSnapshot(): BlockSnapshot {
    return this.getSnapshot(makeSortitionId(this.params.firstBlockHash, []))!;
  }

  /** The canonical burn chain tip: the highest PoX-valid snapshot, ties broken by the smaller burn header hash. */
  getCanonicalTip(): BlockSnapshot {
    this.#open();
    return snapshotOf(this.#st.canonicalTip.get(1, 1) as SnapshotRow);
  }

  /** The tip of every fork (snapshots no other snapshot builds on), highest first. */
  getForkTips(): BlockSnapshot[] {
    this.#open();
    return (this.#st.forkTips.all() as SnapshotRow[]).map(snapshotOf);
  }

  /** The sortition id at burn `height` on the fork ending at `tipSortitionId`, or null. */
  getAncestorSortitionId(tipSortitionId: Uint8Array, height: number): Uint8Array | null {
    this.#open();
    const rel = height - this.params.firstBlockHeight;
    if (rel < 0) return null;
    if (!this.#kv.marf.hasBlock(tipSortitionId)) return null;
    if (rel > this.#kv.marf.getBlockHeight(tipSortitionId)) return null;
    return this.#kv.marf.getBlockAtHeight(tipSortitionId, rel);
  }

  /** The snapshot at burn `height` on the fork ending at `tipSortitionId`, or null. */
  getAncestorSnapshot(tipSortitionId: Uint8Array, height: number): BlockSnapshot | null {
    const id = this.getAncestorSortitionId(tipSortitionId, height);
    return id === null ? null : this.getSnapshot(id);
  }

  /** True when the snapshot lies on the canonical fork. */
  isCanonical(sortitionId: Uint8Array): boolean {
    const sn = this.getSnapshot(sortitionId);
    if (sn === null) return false;
    const anc = this.getAncestorSortitionId(this.getCanonicalTip().sortitionId, sn.blockHeight);
    return anc !== null && equalBytes(anc, sortitionId);
  }

  /** A per-fork MARF metadata value at `tipSortitionId` (see `SortitionMarfKeys`), or null. */
  getForkMetadata(tipSortitionId: Uint8Array, key: string): string | null {
    this.#open();
    const v = this.#kv.get(tipSortitionId, key);
    return v === null ? null : bytesToUtf8(v);
  }

  /** The accepted operations stored with a snapshot, in vtxindex order. */
  getAcceptedOps(sortitionId: Uint8Array): BurnOp[] {
    this.#open();
    return (this.#st.opsBySortition.all(sortitionId) as { op_json: string }[]).map((r) => decodeJson<BurnOp>(r.op_json));
  }

  /** The accepted commits of a snapshot (`get_block_commits_by_block`), in vtxindex order. */
  getBlockCommitsBySortition(sortitionId: Uint8Array): LeaderBlockCommitOp[] {
    this.#open();
    const key = bytesToHex(sortitionId);
    const hit = this.#commitsCache.get(key);
    if (hit !== undefined) return [...hit];
    const commits = (this.#st.opsBySortitionAndType.all(sortitionId, 'LeaderBlockCommit') as { op_json: string }[]).map((r) =>
      decodeJson<LeaderBlockCommitOp>(r.op_json),
    );
    // only cache snapshots that exist (their rows are final)
    if (this.getSnapshot(sortitionId) !== null) {
      this.#commitsCache.set(key, commits);
      if (this.#commitsCache.size > COMMITS_CACHE_ENTRIES) this.#commitsCache.delete(this.#commitsCache.keys().next().value!);
    }
    return [...commits];
  }

  /** An accepted commit by txid in a given snapshot, or null. */
  getBlockCommit(txid: Uint8Array, sortitionId: Uint8Array): LeaderBlockCommitOp | null {
    this.#open();
    const r = this.#st.opByTxid.get(sortitionId, txid) as { op_json: string } | undefined;
    if (r === undefined) return null;
    const op = decodeJson<BurnOp>(r.op_json);
    return op.type === 'LeaderBlockCommit' ? op : null;
  }

  /** The leader key at (height, vtxindex) on the fork ending at `tipSortitionId`, or null. */
  getLeaderKeyAt(tipSortitionId: Uint8Array, height: number, vtxindex: number): LeaderKeyRegisterOp | null {
    return this.#opAt<LeaderKeyRegisterOp>(tipSortitionId, height, vtxindex, 'LeaderKeyRegister');
  }

  /** The accepted commit at (height, vtxindex) on the fork ending at `tipSortitionId`, or null. */
  getBlockCommitAt(tipSortitionId: Uint8Array, height: number, vtxindex: number): LeaderBlockCommitOp | null {
    return this.#opAt<LeaderBlockCommitOp>(tipSortitionId, height, vtxindex, 'LeaderBlockCommit');
  }

  #opAt<T extends BurnOp>(tip: Uint8Array, height: number, vtxindex: number, type: T['type']): T | null {
    const id = this.getAncestorSortitionId(tip, height);
    if (id === null) return null;
    const r = this.#st.opAt.get(id, vtxindex, type) as { op_json: string } | undefined;
    return r === undefined ? null : decodeJson<T>(r.op_json);
  }

  /** Missed commits that were meant for this sortition. */
  getMissedCommitsByIntended(sortitionId: Uint8Array): MissedBlockCommit[] {
    this.#open();
    return (this.#st.missedByIntended.all(sortitionId) as { txid: Buffer; input_txid: Buffer; input_vout: number; intended_sortition_id: Buffer }[]).map((r) => ({
      txid: u8(r.txid),
      input: { txid: u8(r.input_txid), vout: r.input_vout },
      intendedSortitionId: u8(r.intended_sortition_id),
    }));
  }

  /** A PreStx by txid (any fork), or null. */
  getPreStx(txid: Uint8Array): PreStxOp | null {
    this.#open();
    const r = this.#st.preStxByTxid.get(txid) as { op_json: string } | undefined;
    return r === undefined ? null : decodeJson<PreStxOp>(r.op_json);
  }

  /** The reward set a snapshot was processed with, or null (all burn). */
  getRewardSet(sortitionId: Uint8Array): RewardSetInfo | null {
    this.#open();
    const r = this.#st.rewardSetById.get(sortitionId) as { info_json: string } | undefined;
    return r === undefined ? null : decodeJson<RewardSetInfo | null>(r.info_json);
  }

  /** The most recent snapshot at or below `height` on the fork of `tipSortitionId` that chose a winner (the genesis snapshot counts). */
  getLastSnapshotWithSortition(tipSortitionId: Uint8Array): BlockSnapshot {
    const h = this.getForkMetadata(tipSortitionId, SortitionMarfKeys.lastSortition);
    if (h === null) throw new SortitionError(SortitionErrorCode.Corruption, 'no last sortition recorded on this fork');
    const sn = this.getAncestorSnapshot(tipSortitionId, Number(h));
    if (sn === null) throw new SortitionError(SortitionErrorCode.Corruption, 'the last sortition snapshot is missing');
    return sn;
  }

  /** The VRF seed the next sortition on this fork samples with (`get_last_vrf_seed`). */
  getLastVrfSeed(tipSortitionId: Uint8Array): Uint8Array {
    const last = this.getLastSnapshotWithSortition(tipSortitionId);
    if (isInitialSnapshot(last)) return INITIAL_VRF_SEED;
    const commit = this.getBlockCommit(last.winningBlockTxid, last.sortitionId);
    if (commit === null) throw new SortitionError(SortitionErrorCode.Corruption, 'no winning block commit for a sortition');
    return commit.newSeed;
  }

  /** Finds the parent snapshot of a block. */
  #parentOf(block: BurnBlockHeader, parentSortitionId: Uint8Array | undefined): BlockSnapshot {
    if (parentSortitionId !== undefined) {
      const sn = this.getSnapshot(parentSortitionId);
      if (sn === null || !equalBytes(sn.burnHeaderHash, block.parentBlockHash)) {
        throw new SortitionError(SortitionErrorCode.UnknownParent, 'the given parent sortition does not hold the parent block');
      }
      return sn;
    }
    const candidates = this.getSnapshotsByBurnHash(block.parentBlockHash);
    const sn = candidates.find((c) => c.poxValid) ?? candidates[0];
    if (sn === undefined) {
      throw new SortitionError(SortitionErrorCode.UnknownParent, `unknown parent burn block ${bytesToHex(block.parentBlockHash)}`, {
        height: block.blockHeight,
      });
    }
    return sn;
  }

  /**
   * Evaluates the sortition of a burn block on its parent's fork and stores its snapshot, accepted
   * operations and fork metadata atomically. Blocks must arrive parent first; a block processed
   * before is returned as stored.
   */
  processBlock(block: BitcoinBlock, opts: ProcessBlockOptions = {}): ProcessedBlock {
    this.#open();
    const epoch = this.epochAt(block.blockHeight);
    const parsed = parseBlockOps(block, this.params, epoch, (txid) => this.getPreStx(txid));
    const header = { blockHeight: block.blockHeight, blockHash: block.blockHash, parentBlockHash: block.parentBlockHash, timestamp: block.timestamp };
    return this.processBlockOps(header, parsed.ops, opts, parsed.rejected);
  }

  /**
   * `processBlock` for operations that are already parsed (`process_block_ops`): checks them
   * against the fork, evaluates the sortition and stores it. `parseRejected` is passed through
   * into the result.
   */
  processBlockOps(
    header: BurnBlockHeader,
    parsedOps: readonly BurnOp[],
    opts: ProcessBlockOptions = {},
    parseRejected: readonly RejectedTx[] = [],
  ): ProcessedBlock {
    this.#open();
    const block = header;
    const parent = this.#parentOf(block, opts.parentSortitionId);
    if (parent.blockHeight + 1 !== block.blockHeight) {
      throw new SortitionError(SortitionErrorCode.InvalidArgument, `block height ${block.blockHeight} does not follow parent height ${parent.blockHeight}`);
    }
    const poxId = opts.poxId ?? [];
    const rewardSet = opts.rewardSet ?? null;
    const id = makeSortitionId(block.blockHash, poxId);
    const epoch = this.epochAt(block.blockHeight);
    const existing = this.getSnapshot(id);
    if (existing !== null) {
      return { snapshot: existing, isNew: false, epoch, acceptedOps: this.getAcceptedOps(id), missedCommits: [], consumedLeaderKeys: [], rejected: [], burnDistribution: [], outcome: null };
    }
    const p = this.params;
    const tip = parent.sortitionId;
    const height = block.blockHeight;

    const rejected: RejectedTx[] = [...parseRejected];
    const rejectOp = (op: BurnOp, reason: OpRejection, detail?: string): void => {
      rejected.push({ txid: op.txid, vtxindex: op.vtxindex, opcode: OPCODE_OF[op.type], reason, ...(detail === undefined ? {} : { detail }) });
    };
    const ops = [...parsedOps].sort((a, b) => a.vtxindex - b.vtxindex);

    // 2. check against the fork (`check_transaction`), then drop duplicate VRF keys
    // fork lookups repeat for every commit of a block: memoize them for this block
    const ancestors = new Map<number, Uint8Array | null>();
    const ancestorId = (h: number): Uint8Array | null => {
      let id2 = ancestors.get(h);
      if (id2 === undefined) {
        id2 = this.getAncestorSortitionId(tip, h);
        ancestors.set(h, id2);
      }
      return id2;
    };
    const keys = new Map<string, LeaderKeyRegisterOp | null>();
    const keyAt = (h: number, v: number): LeaderKeyRegisterOp | null => {
      const k = `${h}:${v}`;
      let key = keys.get(k);
      if (key === undefined) {
        const sid = ancestorId(h);
        const r = sid === null ? undefined : (this.#st.opAt.get(sid, v, 'LeaderKeyRegister') as { op_json: string } | undefined);
        key = r === undefined ? null : decodeJson<LeaderKeyRegisterOp>(r.op_json);
        keys.set(k, key);
      }
      return key;
    };
    const env: CommitCheckEnv = {
      params: p,
      epoch,
      getLeaderKeyAt: keyAt,
      hasBlockCommitAt: (h, v) => {
        const sid = ancestorId(h);
        return sid !== null && this.#st.opAt.get(sid, v, 'LeaderBlockCommit') !== undefined;
      },
      expectsStacksBlockInFork: (bhh) => this.getForkMetadata(tip, SortitionMarfKeys.stacksBlockPresent(bhh)) !== null,
      hasSnapshotAtHeight: (h) => ancestorId(h) !== null,
      sortitionIdAtHeight: ancestorId,
      rewardSetAt: (sid) => this.getRewardSet(sid),
      descendedFrom: this.#descendedFrom,
    };
    const checked: BurnOp[] = [];
    const preStxOps: PreStxOp[] = [];
    const missed: MissedBlockCommit[] = [];
    const keysSeen = new Set<string>();
    for (const op of ops) {
      switch (op.type) {
        case 'LeaderKeyRegister': {
          if (this.getForkMetadata(tip, SortitionMarfKeys.vrfKey(op.publicKey)) !== null) {
            rejectOp(op, OpRejection.LeaderKeyAlreadyRegistered);
            break;
          }
          const hex = bytesToHex(op.publicKey);
          if (keysSeen.has(hex)) {
            rejectOp(op, OpRejection.LeaderKeyAlreadyRegistered, 'duplicate VRF key in this block');
            break;
          }
          keysSeen.add(hex);
          checked.push(op);
          break;
        }
        case 'LeaderBlockCommit': {
          const r = checkLeaderBlockCommit(op, env, rewardSet);
          if (r.kind === 'accepted') checked.push(r.op);
          else if (r.kind === 'missed') missed.push(r.missed);
          else rejectOp(op, r.reason, r.detail);
          break;
        }
        case 'PreStx':
          preStxOps.push(op);
          break;
        case 'StackStx': {
          const r = checkStackStx(op);
          if (r.ok) checked.push(op);
          else rejectOp(op, r.reason, r.detail);
          break;
        }
        case 'TransferStx': {
          const r = checkTransferStx(op);
          if (r.ok) checked.push(op);
          else rejectOp(op, r.reason, r.detail);
          break;
        }
        case 'DelegateStx': {
          const r = checkDelegateStx(op);
          if (r.ok) checked.push(op);
          else rejectOp(op, r.reason, r.detail);
          break;
        }
        case 'VoteForAggregateKey': {
          const r = checkVoteForAggregateKey(op);
          if (r.ok) checked.push(op);
          else rejectOp(op, r.reason, r.detail);
          break;
        }
      }
    }

    // 3. the commit window and burn distribution (`BurnchainStateTransition::from_block_ops`)
    const currentCommits = checked.filter((o): o is LeaderBlockCommitOp => o.type === 'LeaderBlockCommit');
    const windowCommits: LeaderBlockCommitOp[][] = [currentCommits];
    const windowMissed: MissedBlockCommit[][] = [];
    const windowStartEpoch = this.epochAt(Math.max(0, parent.blockHeight - MINING_COMMITMENT_WINDOW));
    const windowed =
      !isInPreparePhase(p, height) &&
      !isAfterPoxSunsetEnd(p, height, epoch) &&
      (!epochAtLeast(epoch, StacksEpochId.Epoch30) || windowStartEpoch === epoch);
    if (windowed) {
      const missedByIntended = new Map<string, MissedBlockCommit[]>();
      for (const m of missed) {
        const k = bytesToHex(m.intendedSortitionId);
        missedByIntended.set(k, [...(missedByIntended.get(k) ?? []), m]);
      }
      for (let back = 0; back < MINING_COMMITMENT_WINDOW - 1; back++) {
        if (parent.blockHeight < back) break;
        const sid = ancestorId(parent.blockHeight - back);
        if (sid === null) break;
        windowCommits.push(this.getBlockCommitsBySortition(sid));
        windowMissed.push([...this.getMissedCommitsByIntended(sid), ...(missedByIntended.get(bytesToHex(sid)) ?? [])]);
      }
    }
    windowCommits.reverse();
    windowMissed.reverse();
    const windowStart = height + 1 - windowCommits.length;
    const expectsSingle = windowCommits.map((_, i) => {
      const h = windowStart + i;
      return (hasPoxSunset(epoch) && isAfterPoxSunsetEnd(p, h, epoch)) || isInPreparePhase(p, h) || h >= p.firstPoxWaterfallBlock;
    });
    const burnDist = makeMinMedianDistribution(windowCommits, windowMissed, expectsSingle);
    const accepted = [...checked.filter((o) => o.type !== 'LeaderBlockCommit'), ...burnDist.map((pt) => pt.candidate)].sort((a, b) => a.vtxindex - b.vtxindex);

    // 4. coinbase carried into this block
    const bonusRemaining = BigInt(this.getForkMetadata(tip, SortitionMarfKeys.initialMiningRemaining) ?? '0');
    const bonusPerBlock = BigInt(this.getForkMetadata(tip, SortitionMarfKeys.initialMiningPerBlock) ?? '0');
    const bonus = bonusRemaining > 0n ? (bonusRemaining < bonusPerBlock ? bonusRemaining : bonusPerBlock) : 0n;
    let accumulated: bigint;
    if (parent.totalBurn === 0n) accumulated = 0n;
    else if (parent.sortition) accumulated = bonus;
    else accumulated = parent.accumulatedCoinbaseUstx + coinbaseReward(epoch, p.mainnet, p.firstBlockHeight, parent.blockHeight) + bonus;

    // 5. the sortition
    const outcome = evaluateSortition({
      parent,
      header: { blockHeight: height, blockHash: block.blockHash, parentBlockHash: block.parentBlockHash, timestamp: block.timestamp },
      epoch,
      sortitionId: id,
      poxId,
      burnDist,
      acceptedTxids: accepted.map((o) => o.txid),
      blockBurnTotal: blockCommitBurns(burnDist.map((pt) => pt.candidate)),
      windowedMedianBurns: windowedMedianBurns(windowCommits),
      windowLength: windowCommits.length,
      lastVrfSeed: this.getLastVrfSeed(tip),
      prevConsensusHashes: prevConsensusHashHeights(parent.blockHeight, p.firstBlockHeight).map(
        (h) => {
          const sid = ancestorId(h);
          return (sid === null ? null : this.getSnapshot(sid))?.consensusHash ?? EMPTY_CONSENSUS_HASH;
        },
      ),
      accumulatedCoinbaseUstx: accumulated,
      minerPkHashOf: (w) => {
        const key = keyAt(w.keyBlockPtr, w.keyVtxindex);
        return key === null ? null : nakamotoSigningKeyHash(key);
      },
    });
    let snapshot = outcome.snapshot;

    // 6. fork metadata (MARF) and the initial mining bonus
    const puts = new Map<string, string>();
    for (const op of accepted) if (op.type === 'LeaderKeyRegister') puts.set(SortitionMarfKeys.vrfKey(op.publicKey), '1');
    if (snapshot.sortition) {
      puts.set(SortitionMarfKeys.lastSortition, String(height));
      puts.set(SortitionMarfKeys.stacksBlockPresent(snapshot.winningStacksBlockHash), bytesToHex(id));
    }
    if (snapshot.sortition && parent.totalBurn === 0n) {
      let total = 0n;
      for (let h = p.firstBlockHeight; h < height; h++) total += coinbaseReward(epoch, p.mainnet, p.firstBlockHeight, h);
      const perBlock = total / BigInt(p.initialMiningBonusWindow);
      snapshot = { ...snapshot, accumulatedCoinbaseUstx: perBlock };
      puts.set(SortitionMarfKeys.initialMiningPerBlock, perBlock.toString());
      puts.set(SortitionMarfKeys.initialMiningRemaining, (total > perBlock ? total - perBlock : 0n).toString());
    } else if (parent.totalBurn > 0n && bonusRemaining > 0n) {
      puts.set(SortitionMarfKeys.initialMiningRemaining, (bonusRemaining > bonusPerBlock ? bonusRemaining - bonusPerBlock : 0n).toString());
    }
    const indexRoot = this.#commitMarf(tip, id, puts);
    snapshot = { ...snapshot, indexRoot };

    // 7. the SQLite rows, in one transaction
    this.#conn.transaction(() => {
      this.#st.insertSnapshot.run(...Object.values(rowOf(snapshot)));
      for (const op of accepted) this.#st.insertOp.run(id, op.txid, op.vtxindex, op.blockHeight, opType(op), encodeJson(op));
      for (const m of missed) this.#st.insertMissed.run(m.intendedSortitionId, m.txid, m.input.txid, m.input.vout, id);
      for (const pre of preStxOps) this.#st.insertPreStx.run(pre.txid, encodeJson(pre));
      this.#st.insertRewardSet.run(id, encodeJson(rewardSet));
    })();
    const consumedLeaderKeys = burnDist.map((pt) => keyAt(pt.candidate.keyBlockPtr, pt.candidate.keyVtxindex)).filter((k): k is LeaderKeyRegisterOp => k !== null);
    return { snapshot, isNew: true, epoch, acceptedOps: accepted, missedCommits: missed, consumedLeaderKeys, rejected, burnDistribution: burnDist, outcome: { ...outcome, snapshot } };
  }

  /** Closes the SQLite connection and the MARF. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } finally {
      this.#kv.close();
    }
  }

  #open(): void {
    if (this.#closed) throw new SortitionError(SortitionErrorCode.Closed, 'the sortition DB is closed');
  }
}
