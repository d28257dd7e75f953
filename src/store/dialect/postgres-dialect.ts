import pg from 'pg';
import type { CustomTypesConfig } from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import type { StoreTables } from '../store-tables.ts';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Times and ids are BIGINT, and sum()/count() return BIGINT or NUMERIC; pg hands those back as
 * strings because they can exceed 2^53. Epoch milliseconds, ids and counts here never do, so
 * this pool parses them as numbers. Scoped to the pool (not pg.types.setTypeParser) so other
 * pg users in the process keep the default.
 */
const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if ((oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

const POOL_SIZE = 20;

/** Schema names are spliced into SQL (search_path cannot be a parameter), so only plain identifiers pass. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(databaseUrl: string, schema: string | undefined): Promise<Kysely<StoreTables>> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`store: schema must be a lowercase SQL identifier (letters, digits, _), found "${schema}"`);
  }
  // 20, not pg's 10: Events v2 ingest keeps a transaction open per group commit while the alert
  // transition worker runs 4 pipeline transactions, each of which may read on a second connection.
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: POOL_SIZE });
  // An idle connection dropped by the server emits 'error' on the pool, which would crash the
  // process if unheard; pg already discards that connection and the next query opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<StoreTables>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        if (schema !== undefined) await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
      },
    }),
  });
  if (schema !== undefined) {
    try {
      await createSchema(db, schema);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return db;
}

async function createSchema(db: Kysely<StoreTables>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two processes creating the same schema at once: "if not exists" can still lose the race
    // on the catalog's unique index. The schema exists either way.
    if (!isDuplicate(error)) throw error;
  }
}

function isDuplicate(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42P06';
}
