/**
 * SQLite schemas of the MARF's on-disk stores, defined with kysely. Kysely only builds and
 * compiles SQL here: every statement is compiled once when a store opens and then run
 * synchronously through a prepared better-sqlite3 statement (kysely itself executes nothing, so
 * nothing is async).
 */
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type Generated,
} from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * One committed trie in the trie index (`index.sqlite`): the reference's `marf_data` table, with
 * the trie's bytes kept in the append-only trie file rather than in the row.
 */
export interface MarfDataTable {
  /** Local id of the trie (back-pointers name tries by it); SQLite row id, from 1. */
  local_id: Generated<number>;
  /** The 32-byte block id. */
  block_hash: Uint8Array;
  /** The parent's 32-byte block id (32 x 0xff for the first block). */
  parent_hash: Uint8Array;
  /** Trie height. */
  height: number;
  /** Root hash with the ancestor skip-list mixed in. */
  root_hash: Uint8Array;
  /** Byte offset of the trie blob in the trie file. */
  blob_offset: number;
  /** Byte length of the trie blob. */
  blob_length: number;
  /** SHA-512/256 of the blob, checked on its first read after open. */
  blob_sha512_256: Uint8Array;
}

/** Tables of the trie index database. */
export interface TrieIndexSchema {
  marf_data: MarfDataTable;
}

/**
 * `MarfedKV`'s side store (`sidestore.sqlite`): the reference's Clarity `data_table`, mapping the
 * hex of a 40-byte MARF value (the padded SHA-512/256 of the value's bytes) to those bytes.
 */
export interface DataTable {
  key: string;
  value: Uint8Array;
}

/**
 * The side store's `metadata_table`, as the reference's Clarity store has it: rows that are not in
 * the MARF (contract analysis, source, sizes), keyed by the block that wrote them and a string key.
 */
export interface MetadataTable {
  blockhash: string;
  key: string;
  value: string;
}

/** Tables of the side store database. */
export interface SideStoreSchema {
  data_table: DataTable;
  metadata_table: MetadataTable;
}

/** `PRAGMA user_version` of the trie index this code writes and reads. */
export const TRIE_INDEX_SCHEMA_VERSION = 1;
/** `PRAGMA user_version` of the side store this code writes and reads. */
export const SIDE_STORE_SCHEMA_VERSION = 2;

/** A kysely instance that compiles SQLite SQL and can run nothing (no driver behind it). */
export function createQueryBuilder<DB>(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

/** DDL of the trie index (idempotent). */
export function trieIndexDdl(): CompiledQuery[] {
  const db = createQueryBuilder<TrieIndexSchema>();
  return [
    db.schema
      .createTable('marf_data')
      .ifNotExists()
      .addColumn('local_id', 'integer', (c) => c.primaryKey())
      .addColumn('block_hash', 'blob', (c) => c.notNull().unique())
      .addColumn('parent_hash', 'blob', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('root_hash', 'blob', (c) => c.notNull())
      .addColumn('blob_offset', 'integer', (c) => c.notNull())
      .addColumn('blob_length', 'integer', (c) => c.notNull())
      .addColumn('blob_sha512_256', 'blob', (c) => c.notNull())
      .compile(),
  ];
}

/** DDL of the side store (idempotent). */
export function sideStoreDdl(): CompiledQuery[] {
  const db = createQueryBuilder<SideStoreSchema>();
  return [
    db.schema
      .createTable('data_table')
      .ifNotExists()
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'blob', (c) => c.notNull())
      .compile(),
    // Added in side store version 2; `ifNotExists` makes the same list the migration from version 1.
    db.schema
      .createTable('metadata_table')
      .ifNotExists()
      .addColumn('blockhash', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('metadata_table_pk', ['blockhash', 'key'])
      .compile(),
  ];
}

/**
 * Prepares a compiled kysely query on a better-sqlite3 connection. The query's parameters are
 * positional `?`s in the order they were given to the builder; the caller passes its own values
 * in that order when running the statement, so placeholder values given at compile time are
 * never used.
 */
export function prepareCompiled(conn: BetterSqlite3.Database, query: CompiledQuery): BetterSqlite3.Statement {
  return conn.prepare(query.sql);
}
