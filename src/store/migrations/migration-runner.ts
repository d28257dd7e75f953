import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect/store-dialect.ts';
import type { StoreTables } from '../store-tables.ts';

/**
 * Applies the dialect's pending migrations in one transaction, recording each in
 * opsdeck_migrations. Both dialects have transactional DDL, so a failed migration leaves the
 * schema as it was (Kysely's Migrator skips the transaction on SQLite; this runner does not).
 * Returns the names it applied.
 */
export async function runMigrations(db: Kysely<StoreTables>, dialect: StoreDialect, now: () => number = Date.now): Promise<string[]> {
  assertOrdered(dialect.migrations.map((migration) => migration.name));
  return db.transaction().execute(async (tx) => {
    await dialect.lockMigrations(tx);
    await sql`create table if not exists opsdeck_migrations (name varchar(200) primary key, applied_at bigint not null)`.execute(tx);
    const rows = await tx.selectFrom('opsdeck_migrations').select('name').execute();
    const applied = new Set(rows.map((row) => row.name));
    const known = new Set(dialect.migrations.map((migration) => migration.name));
    const unknown = [...applied].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `store: the database has migrations this Opsdeck does not know (${unknown.join(', ')}); ` +
          'it was opened by a newer version. Run that version or restore a backup.',
      );
    }
    const pending = dialect.migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) {
      await migration.up(tx);
      await tx.insertInto('opsdeck_migrations').values({ name: migration.name, applied_at: now() }).execute();
    }
    return pending.map((migration) => migration.name);
  });
}

function assertOrdered(names: readonly string[]): void {
  for (let i = 1; i < names.length; i++) {
    const previous = names[i - 1] ?? '';
    const current = names[i] ?? '';
    if (previous >= current) throw new Error(`store: migrations out of order: "${previous}" listed before "${current}"`);
  }
}
