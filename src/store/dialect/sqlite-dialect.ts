import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely';
import type { StoreTables } from '../store-tables.ts';
import { startCheckpointer } from './sqlite-checkpointer.ts';
import type { Checkpointer } from './sqlite-checkpointer.ts';
import { NodeSqliteDatabase } from './sqlite-database.ts';
import { preparedRowInsert } from './sqlite-result-rows.ts';
import { sqliteDialect } from './store-dialect.ts';
import type { StoreDialect } from './store-dialect.ts';

/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

export interface SqliteOptions {
  /** How often the worker thread checkpoints the WAL on its own. */
  checkpointEveryMs?: number;
}

/**
 * How stale the last complete checkpoint may be before a burst of writes waits for one (see
 * Checkpointer.catchUp). Each append waits for one: the engine appends about once a second, so
 * the worker has usually copied the last batch already and the round trip is a fraction of a
 * millisecond, and the WAL never holds more than about one batch (~2,000 pages at 50,000
 * checks). Compaction writes flat out, so its units wait only every 50 ms, which holds the WAL
 * to a few thousand pages.
 */
const APPEND_CATCH_UP_MS = 0;
const COMPACTION_CATCH_UP_MS = 50;

/** SQLite's own default: the main connection checkpoints once the WAL holds this many pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/**
 * While the worker checkpoints, the main connection only steps in past this many pages
 * (~40 MB): that happens only if the worker cannot keep up or a long reader pins the WAL.
 */
const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

export function openSqlite(file: string, options: SqliteOptions = {}): { db: Kysely<StoreTables>; dialect: StoreDialect } {
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
    pragma wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES};
  `);
  // SQLite's lower() folds ASCII only; PostgreSQL's folds all of Unicode. Replacing it keeps
  // the incident title search ("q") case-insensitive the same way on both dialects.
  db.function('lower', { deterministic: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
  const checkpointer = startCheckpointer(file, {
    everyMs: options.checkpointEveryMs ?? 1_000,
    onLost: () => {
      if (db.isOpen) db.exec(`pragma wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    },
  });
  return {
    db: new Kysely<StoreTables>({ dialect: new ImmediateSqliteDialect({ database: new NodeSqliteDatabase(db) }, checkpointer) }),
    dialect: sqliteDialect({
      insertResults: preparedRowInsert(db),
      beforeAppend: () => checkpointer.catchUp(APPEND_CATCH_UP_MS),
      betweenCompactionUnits: () => checkpointer.catchUp(COMPACTION_CATCH_UP_MS),
    }),
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #checkpointer: Checkpointer;

  constructor(config: SqliteDialectConfig, checkpointer: Checkpointer) {
    super(config);
    this.#config = config;
    this.#checkpointer = checkpointer;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#checkpointer);
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
  readonly #checkpointer: Checkpointer;

  constructor(config: SqliteDialectConfig, checkpointer: Checkpointer) {
    super(config);
    this.#checkpointer = checkpointer;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  // The worker's connection closes first, so the main one is the last and, as SQLite does for
  // the last connection, checkpoints everything and removes the WAL file.
  override async destroy(): Promise<void> {
    await this.#checkpointer.stop();
    await super.destroy();
  }
}
