/**
 * SQLite schema of the sortition DB (reference: stackslib/src/chainstate/burn/db/sortdb.rs
 * `SORTITION_DB_INITIAL_SCHEMA`), defined with kysely. Kysely only compiles SQL; statements are
 * prepared once on the better-sqlite3 connection and run synchronously.
 */
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';

/** One snapshot per burn block per PoX fork. u64/u128 amounts are decimal TEXT. */
export interface SnapshotsTable {
  sortition_id: Uint8Array;
  parent_sortition_id: Uint8Array;
  block_height: number;
  burn_header_hash: Uint8Array;
  parent_burn_header_hash: Uint8Array;
  burn_header_timestamp: number;
  consensus_hash: Uint8Array;
  ops_hash: Uint8Array;
  total_burn: string;
  sortition: number;
  sortition_hash: Uint8Array;
  winning_block_txid: Uint8Array;
  winning_stacks_block_hash: Uint8Array;
  index_root: Uint8Array;
  num_sortitions: number;
  stacks_block_accepted: number;
  stacks_block_height: number;
  arrival_index: number;
  canonical_stacks_tip_height: number;
  canonical_stacks_tip_hash: Uint8Array;
  canonical_stacks_tip_consensus_hash: Uint8Array;
  pox_valid: number;
  accumulated_coinbase_ustx: string;
  miner_pk_hash: Uint8Array | null;
}

/** Accepted burn operations of a snapshot (every kind), as encoded JSON. */
export interface BurnOpsTable {
  sortition_id: Uint8Array;
  txid: Uint8Array;
  vtxindex: number;
  block_height: number;
  op_type: string;
  op_json: string;
}

/** Commits that missed their block, keyed by the sortition they were meant for. */
export interface MissedCommitsTable {
  intended_sortition_id: Uint8Array;
  txid: Uint8Array;
  input_txid: Uint8Array;
  input_vout: number;
  /** The sortition of the block the missed commit landed in. */
  sortition_id: Uint8Array;
}

/** Every PreStx seen (any fork), for STX ops that spend one later. */
export interface PreStxTable {
  txid: Uint8Array;
  op_json: string;
}

/** The reward set each snapshot was processed with (null = all burn). */
export interface RewardSetsTable {
  sortition_id: Uint8Array;
  info_json: string;
}

/** Tables of the sortition DB. */
export interface SortitionSchema {
  snapshots: SnapshotsTable;
  burn_ops: BurnOpsTable;
  missed_commits: MissedCommitsTable;
  pre_stx_ops: PreStxTable;
  reward_sets: RewardSetsTable;
}

/** `PRAGMA user_version` this code writes and reads. */
export const SORTITION_SCHEMA_VERSION = 1;

/** A kysely instance that compiles SQLite SQL and runs nothing. */
export function queryBuilder(): Kysely<SortitionSchema> {
  return new Kysely<SortitionSchema>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

/** The DDL (idempotent). */
export function sortitionDdl(): CompiledQuery[] {
  const db = queryBuilder();
  return [
    db.schema
      .createTable('snapshots')
      .ifNotExists()
      .addColumn('sortition_id', 'blob', (c) => c.primaryKey())
      .addColumn('parent_sortition_id', 'blob', (c) => c.notNull())
      .addColumn('block_height', 'integer', (c) => c.notNull())
      .addColumn('burn_header_hash', 'blob', (c) => c.notNull())
      .addColumn('parent_burn_header_hash', 'blob', (c) => c.notNull())
      .addColumn('burn_header_timestamp', 'integer', (c) => c.notNull())
      .addColumn('consensus_hash', 'blob', (c) => c.notNull())
      .addColumn('ops_hash', 'blob', (c) => c.notNull())
      .addColumn('total_burn', 'text', (c) => c.notNull())
      .addColumn('sortition', 'integer', (c) => c.notNull())
      .addColumn('sortition_hash', 'blob', (c) => c.notNull())
      .addColumn('winning_block_txid', 'blob', (c) => c.notNull())
      .addColumn('winning_stacks_block_hash', 'blob', (c) => c.notNull())
      .addColumn('index_root', 'blob', (c) => c.notNull())
      .addColumn('num_sortitions', 'integer', (c) => c.notNull())
      .addColumn('stacks_block_accepted', 'integer', (c) => c.notNull())
      .addColumn('stacks_block_height', 'integer', (c) => c.notNull())
      .addColumn('arrival_index', 'integer', (c) => c.notNull())
      .addColumn('canonical_stacks_tip_height', 'integer', (c) => c.notNull())
      .addColumn('canonical_stacks_tip_hash', 'blob', (c) => c.notNull())
      .addColumn('canonical_stacks_tip_consensus_hash', 'blob', (c) => c.notNull())
      .addColumn('pox_valid', 'integer', (c) => c.notNull())
      .addColumn('accumulated_coinbase_ustx', 'text', (c) => c.notNull())
      .addColumn('miner_pk_hash', 'blob')
      .compile(),
    db.schema.createIndex('snapshots_by_height').ifNotExists().on('snapshots').columns(['block_height', 'burn_header_hash']).compile(),
    db.schema.createIndex('snapshots_by_burn_hash').ifNotExists().on('snapshots').column('burn_header_hash').compile(),
    db.schema.createIndex('snapshots_by_consensus_hash').ifNotExists().on('snapshots').column('consensus_hash').compile(),
    db.schema
      .createTable('burn_ops')
      .ifNotExists()
      .addColumn('sortition_id', 'blob', (c) => c.notNull())
      .addColumn('txid', 'blob', (c) => c.notNull())
      .addColumn('vtxindex', 'integer', (c) => c.notNull())
      .addColumn('block_height', 'integer', (c) => c.notNull())
      .addColumn('op_type', 'text', (c) => c.notNull())
      .addColumn('op_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('burn_ops_pk', ['sortition_id', 'txid'])
      .compile(),
    db.schema.createIndex('burn_ops_by_position').ifNotExists().on('burn_ops').columns(['sortition_id', 'vtxindex']).compile(),
    db.schema
      .createTable('missed_commits')
      .ifNotExists()
      .addColumn('intended_sortition_id', 'blob', (c) => c.notNull())
      .addColumn('txid', 'blob', (c) => c.notNull())
      .addColumn('input_txid', 'blob', (c) => c.notNull())
      .addColumn('input_vout', 'integer', (c) => c.notNull())
      .addColumn('sortition_id', 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('missed_commits_pk', ['intended_sortition_id', 'txid'])
      .compile(),
    db.schema
      .createTable('pre_stx_ops')
      .ifNotExists()
      .addColumn('txid', 'blob', (c) => c.primaryKey())
      .addColumn('op_json', 'text', (c) => c.notNull())
      .compile(),
    db.schema
      .createTable('reward_sets')
      .ifNotExists()
      .addColumn('sortition_id', 'blob', (c) => c.primaryKey())
      .addColumn('info_json', 'text', (c) => c.notNull())
      .compile(),
  ];
}
