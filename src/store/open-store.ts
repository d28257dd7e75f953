import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openSqlite } from './dialect/sqlite-dialect.ts';
import { postgresDialect } from './dialect/store-dialect.ts';
import type { StoreDialect } from './dialect/store-dialect.ts';
import { runMigrations } from './migrations/migration-runner.ts';
import type { Store } from './ports.ts';
import { createRepositories } from './store-repositories.ts';
import type { StoreTables } from './store-tables.ts';

export interface OpenStoreOptions {
  /** postgres:// or postgresql:// selects PostgreSQL; unset or empty, the SQLite file in dataDir. */
  databaseUrl?: string;
  /** Holds opsdeck.db when SQLite is used (created if missing). */
  dataDir: string;
  /** PostgreSQL only: the schema to use, created if missing (tests give each file its own). */
  schema?: string;
}

export const SQLITE_FILE_NAME = 'opsdeck.db';

/** Opens the database, brings its schema up to date, and returns the repositories over it. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.databaseUrl ?? '';
  let db: Kysely<StoreTables>;
  let dialect: StoreDialect;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    // Loaded only when chosen: an embedded SQLite server never pays for the pg driver's memory.
    const { openPostgres } = await import('./dialect/postgres-dialect.ts');
    db = await openPostgres(url, options.schema);
    dialect = postgresDialect;
  } else if (url === '') {
    ({ db, dialect } = openSqlite(join(options.dataDir, SQLITE_FILE_NAME)));
  } else {
    // Falling back to SQLite here would quietly keep the data somewhere nobody looks.
    throw new Error(
      `store: DATABASE_URL must start with postgres:// or postgresql://, found "${url.replace(/\/\/[^@/]*@/, '//***@')}"; ` +
        `unset it to use the SQLite file ${join(options.dataDir, SQLITE_FILE_NAME)}`,
    );
  }
  try {
    await runMigrations(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    ...createRepositories(db, dialect),
    withTransaction: (fn) => db.transaction().execute((tx) => fn(createRepositories(tx, dialect))),
    batch: (fn) => dialect.batch(fn),
    afterCommit: (fn) => dialect.afterCommit(fn),
    close: () => db.destroy(),
  };
}
