import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { openStore, SQLITE_FILE_NAME } from './open-store.ts';
import type { OpenStoreOptions } from './open-store.ts';
import type { Store } from './ports.ts';

/**
 * The store tests run once per dialect: SQLite in a fresh temp dir, PostgreSQL in a fresh
 * random schema dropped afterwards. Without a reachable PostgreSQL the second half is
 * skipped, loudly.
 */

export const TEST_POSTGRES_URL = process.env['OPSDECK_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One empty database, and a way to look at it from outside the store. */
export interface StoreTarget {
  /** Opening these again reaches the same data (restart, durability). */
  readonly options: OpenStoreOptions;
  /** Plain SQL beside the store, for what the ports do not expose (the migrations table, pragmas). */
  query(text: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export interface TestDialect {
  readonly name: 'sqlite' | 'postgres';
  createTarget(): Promise<StoreTarget>;
}

const sqlite: TestDialect = {
  name: 'sqlite',
  async createTarget() {
    const dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-store-'));
    return {
      options: { dataDir },
      async query(text) {
        const db = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
        try {
          return db.prepare(text).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

const postgres: TestDialect = {
  name: 'postgres',
  async createTarget() {
    const schema = `opsdeck_test_${randomBytes(6).toString('hex')}`;
    const query = async (text: string) => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        return (await client.query(text)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };
    return {
      options: { dataDir: tmpdir(), databaseUrl: TEST_POSTGRES_URL, schema },
      query,
      dispose: async () => void (await query(`drop schema if exists "${schema}" cascade`)),
    };
  },
};

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    console.warn(
      `PostgreSQL not reachable at ${TEST_POSTGRES_URL}; skipping the PostgreSQL half of the store tests (${String(error)}). ` +
        'Set OPSDECK_TEST_POSTGRES_URL to point them elsewhere.',
    );
    return false;
  }
}

export const testDialects: readonly TestDialect[] = (await postgresReachable()) ? [sqlite, postgres] : [sqlite];

/**
 * A fresh store for every test in the enclosing describe. `reopen` opens the same database a
 * second time (a restart); every store opened is closed, and the database removed, afterwards.
 */
export function useTestStore(dialect: TestDialect): { readonly store: Store; readonly target: StoreTarget; reopen(): Promise<Store> } {
  let target: StoreTarget | undefined;
  let opened: Store[] = [];
  beforeEach(async () => {
    target = await dialect.createTarget();
    opened = [await openStore(target.options)];
  });
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
    await target?.dispose();
    target = undefined;
  });
  return {
    get store() {
      const store = opened[0];
      if (!store) throw new Error('useTestStore: the store is only there inside a test');
      return store;
    },
    get target() {
      if (!target) throw new Error('useTestStore: the target is only there inside a test');
      return target;
    },
    async reopen() {
      if (!target) throw new Error('useTestStore: reopen only inside a test');
      const store = await openStore(target.options);
      opened.push(store);
      return store;
    },
  };
}
