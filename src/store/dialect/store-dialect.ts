import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { postgresMigrations } from '../migrations/postgres/postgres-migrations.ts';
import { sqliteMigrations } from '../migrations/sqlite/sqlite-migrations.ts';
import type { Migration } from '../migrations/migration.ts';
import type { StoreTables } from '../store-tables.ts';

/**
 * What differs between the dialects outside the connection itself. The repositories use only
 * SQL both accept (RETURNING, ON CONFLICT with a partial-index target, window functions), so
 * the list is short: the schema, and how concurrent migration runs are kept apart.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  readonly migrations: readonly Migration[];
  /** Called first inside the migration transaction; holds until it ends. */
  lockMigrations(tx: Kysely<StoreTables>): Promise<void>;
}

export const sqliteDialect: StoreDialect = {
  name: 'sqlite',
  migrations: sqliteMigrations,
  // Transactions start with BEGIN IMMEDIATE (see sqlite-dialect.ts): the write lock is held already.
  async lockMigrations() {},
};

export const postgresDialect: StoreDialect = {
  name: 'postgres',
  migrations: postgresMigrations,
  async lockMigrations(tx) {
    // Per schema, so processes sharing a schema queue up while test files in their own schemas do not.
    await sql`select pg_advisory_xact_lock(hashtext('opsdeck_migrations:' || current_schema()))`.execute(tx);
  },
};
