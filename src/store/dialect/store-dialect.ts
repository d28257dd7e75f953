import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { CheckResult } from '../../checks/check-result.ts';
import { yieldToEventLoop } from '../compaction-units.ts';
import { postgresMigrations } from '../migrations/postgres/postgres-migrations.ts';
import { sqliteMigrations } from '../migrations/sqlite/sqlite-migrations.ts';
import type { Migration } from '../migrations/migration.ts';
import { unnestInsert } from './postgres-result-rows.ts';
import type { StoreTables } from '../store-tables.ts';

/**
 * What differs between the dialects outside the connection itself. The repositories use only
 * SQL both accept (RETURNING, ON CONFLICT with a partial-index target, window functions), so
 * the list is short: the schema, how concurrent migration runs are kept apart, and how check
 * results are written and compacted, where the engine's write volume (~1,700 rows a second at
 * 50,000 checks) meets SQLite's synchronous driver.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  readonly migrations: readonly Migration[];
  /** Called first inside the migration transaction; holds until it ends. */
  lockMigrations(tx: Kysely<StoreTables>): Promise<void>;
  /** Writes results into check_results through tx, a transaction that holds the connection. */
  insertResults(tx: Kysely<StoreTables>, results: readonly CheckResult[]): Promise<void>;
  /** Runs before the transaction of an append of `rows` results; the append starts once it resolves. */
  beforeAppend(rows: number): Promise<void>;
  /**
   * Told after rows other than check results were written (the inbound event log): a steady
   * stream of small writes needs the same care from SQLite as one large append.
   */
  wrote(rows: number): void;
  /** Store.batch: one transaction for everything fn does (SQLite); fn alone elsewhere. */
  batch<T>(fn: () => Promise<T>): Promise<T>;
  /** Store.afterCommit. */
  afterCommit(fn: () => void): void;
  /** Runs between two units of compaction; the next unit starts once it resolves. */
  betweenCompactionUnits(): Promise<void>;
  /** What one unit of compaction should take (see UnitPacing.targetMs). */
  readonly compactionUnitMs: number;
  /**
   * Locks the rows a claim (outbox, escalations) picks, so concurrent claimers skip them rather
   * than wait or take them too: FOR UPDATE SKIP LOCKED on PostgreSQL.
   */
  lockClaimed<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** Locks the rows a read selects until the transaction ends (FOR UPDATE on PostgreSQL), so a writer of them waits. */
  lockRead<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
}

/** SQLite's parts that belong to one open database (see openSqlite). */
export type SqliteHooks = Pick<StoreDialect, 'insertResults' | 'beforeAppend' | 'wrote' | 'betweenCompactionUnits' | 'batch' | 'afterCommit'>;

export function sqliteDialect(hooks: SqliteHooks): StoreDialect {
  return {
    name: 'sqlite',
    migrations: sqliteMigrations,
    // Transactions start with BEGIN IMMEDIATE (see sqlite-dialect.ts): the write lock is held already.
    async lockMigrations() {},
    ...hooks,
    // Each unit blocks the event loop for as long as it takes.
    compactionUnitMs: 8,
    // SQLite has no row locks (nor FOR UPDATE): a claim is one UPDATE statement, and a statement
    // runs alone under the database's write lock, so no other writer can pick the same rows.
    lockClaimed: (query) => query,
    // Transactions begin IMMEDIATE: the whole database is locked for writers already.
    lockRead: (query) => query,
  };
}

export const postgresDialect: StoreDialect = {
  name: 'postgres',
  migrations: postgresMigrations,
  async lockMigrations(tx) {
    // Per schema, so processes sharing a schema queue up while test files in their own schemas do not.
    await sql`select pg_advisory_xact_lock(hashtext('opsdeck_migrations:' || current_schema()))`.execute(tx);
  },
  insertResults: unnestInsert,
  beforeAppend: async () => {},
  wrote: () => {},
  // Each transaction commits on its own: a PostgreSQL commit waits on the server, not on this
  // process, and the transition worker runs several keys at once on their own connections.
  batch: (fn) => fn(),
  afterCommit: (fn) => fn(),
  // The pg driver is asynchronous: the event loop is free while a unit runs, so units are
  // sized to keep transactions and round trips few rather than to keep the loop free.
  betweenCompactionUnits: yieldToEventLoop,
  compactionUnitMs: 50,
  lockClaimed: (query) => query.forUpdate().skipLocked(),
  lockRead: (query) => query.forUpdate(),
};
