import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteAdapter, SqliteDialect } from 'kysely';
import type { DialectAdapter, Driver, SqliteDialectConfig } from 'kysely';
import type { StoreTables } from '../store-tables.ts';
import { WalCheckpoints } from './sqlite-checkpointer.ts';
import { ImmediateSqliteDriver } from './sqlite-driver.ts';
import { NodeSqliteDatabase } from './sqlite-database.ts';
import { preparedRowInsert } from './sqlite-result-rows.ts';
import { sqliteDialect } from './store-dialect.ts';
import type { StoreDialect } from './store-dialect.ts';

/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

export function openSqlite(file: string): { db: Kysely<StoreTables>; dialect: StoreDialect } {
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // WAL lets readers (the console, the API) run while the engine writes; NORMAL sync is
  // durable across process crashes and loses at most the last commits on power loss, which
  // is the usual trade for a WAL database written a thousand times a second.
  db.exec(`
    pragma journal_mode = wal;
    pragma synchronous = normal;
    pragma busy_timeout = ${BUSY_TIMEOUT_MS};
    pragma foreign_keys = on;
  `);
  // SQLite's lower() folds ASCII only; PostgreSQL's folds all of Unicode. Replacing it keeps
  // the incident title search ("q") case-insensitive the same way on both dialects.
  db.function('lower', { deterministic: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
  const checkpoints = new WalCheckpoints(db, file);
  const config: SqliteDialectConfig = { database: new NodeSqliteDatabase(db) };
  const driver = new ImmediateSqliteDriver(config, checkpoints);
  return {
    db: new Kysely<StoreTables>({ dialect: new ImmediateSqliteDialect(config, driver) }),
    dialect: sqliteDialect({
      insertResults: preparedRowInsert(db),
      beforeAppend: (rows) => checkpoints.beforeAppend(rows),
      wrote: (rows) => checkpoints.wrote(rows),
      betweenCompactionUnits: () => checkpoints.betweenCompactionUnits(),
      batch: (fn) => driver.batch(fn),
      afterCommit: (fn) => driver.batches.afterCommit(fn),
    }),
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #driver: ImmediateSqliteDriver;

  constructor(config: SqliteDialectConfig, driver: ImmediateSqliteDriver) {
    super(config);
    this.#driver = driver;
  }

  override createDriver(): Driver {
    return this.#driver;
  }

  // The driver takes turns on the connection itself (it must let a batch's own queries through);
  // told "one connection only", Kysely would put a lock of its own in front of it.
  override createAdapter(): DialectAdapter {
    return new OwnLockSqliteAdapter();
  }
}

class OwnLockSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}
