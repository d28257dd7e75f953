import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL = process.env.OPSDECK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/** Whether PostgreSQL answers; when not, the PostgreSQL half of a suite is skipped with a printed notice. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      console.warn(`PostgreSQL not reachable at ${POSTGRES_URL}; skipping the PostgreSQL half of this suite`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export function freshSchema(): string {
  return `opsdeck_test_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

export interface DialectCase {
  name: 'sqlite' | 'postgres';
  /** Options for startOpsdeck/openStore; null when this dialect is unavailable here. */
  options(): Promise<{ databaseUrl?: string; schema?: string } | null>;
}

export const DIALECTS: DialectCase[] = [
  { name: 'sqlite', options: async () => ({}) },
  { name: 'postgres', options: async () => ((await postgresReachable()) ? { databaseUrl: POSTGRES_URL, schema: freshSchema() } : null) },
];

/** A whole database of its own, for tests that run `opsdeck serve` as a process with DATABASE_URL. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (!(await postgresReachable())) return null;
  const name = `opsdeck_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
