// SQLite plumbing shared by the simulated chain and the indexer: kysely only compiles SQL (no
// driver behind it); each statement is compiled once and run synchronously by better-sqlite3.
import BetterSqlite3 from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';
import { BurnchainError, BurnchainErrorCode } from './errors.ts';

/** A kysely instance that compiles SQLite SQL and can run nothing. */
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

/** Prepares a compiled query; parameters are passed positionally when it runs. */
export function prepare(db: BetterSqlite3.Database, q: CompiledQuery): BetterSqlite3.Statement {
  return db.prepare(q.sql);
}

/**
 * Opens (creating if needed) a WAL-mode SQLite file (or `:memory:`), applies `ddl` on first open
 * and checks `PRAGMA user_version` against `version` afterwards.
 */
export function openDatabase(path: string, ddl: readonly CompiledQuery[], version: number, what: string): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path);
  } catch (cause) {
    throw new BurnchainError(BurnchainErrorCode.Corruption, `cannot open the ${what} database`, { path }, { cause });
  }
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current === 0) {
      db.transaction(() => {
        for (const q of ddl) db.prepare(q.sql).run();
        db.pragma(`user_version = ${version}`);
      })();
    } else if (current !== version) {
      throw new BurnchainError(BurnchainErrorCode.Corruption, `unknown ${what} schema version`, { path, version: current, expected: version });
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
