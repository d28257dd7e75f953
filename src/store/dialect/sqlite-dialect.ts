import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely';
import type { StoreTables } from '../store-tables.ts';
import { WalCheckpoints } from './sqlite-checkpointer.ts';
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
  return {
    db: new Kysely<StoreTables>({ dialect: new ImmediateSqliteDialect({ database: new NodeSqliteDatabase(db) }, checkpoints) }),
    dialect: sqliteDialect({
      insertResults: preparedRowInsert(db),
      beforeAppend: (rows) => checkpoints.beforeAppend(rows),
      wrote: (rows) => checkpoints.wrote(rows),
      betweenCompactionUnits: () => checkpoints.betweenCompactionUnits(),
    }),
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #checkpoints: WalCheckpoints;

  constructor(config: SqliteDialectConfig, checkpoints: WalCheckpoints) {
    super(config);
    this.#config = config;
    this.#checkpoints = checkpoints;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#checkpoints);
  }
}

/**
 * Every transaction here writes. A plain (deferred) BEGIN takes the write lock only at the
 * first write, and if another process wrote in between, SQLite fails at once with
 * SQLITE_BUSY instead of waiting busy_timeout. BEGIN IMMEDIATE takes the lock up front, so a
 * second process just waits its turn. (Isolation levels do not apply: SQLite transactions are
 * serializable.)
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #checkpoints: WalCheckpoints;

  constructor(config: SqliteDialectConfig, checkpoints: WalCheckpoints) {
    super(config);
    this.#checkpoints = checkpoints;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  // The last connection to close checkpoints everything and removes the WAL file. Stopping the
  // worker here, and waiting for it, means that has happened once Store.close() resolves.
  override async destroy(): Promise<void> {
    await this.#checkpoints.stop();
    await super.destroy();
  }
}
