import type { IsolationLevel, Kysely } from 'kysely';
import type { StoreTables } from './store-tables.ts';

/**
 * Runs fn in a transaction, or inside the caller's when the repository was built on one
 * (Store.withTransaction): Kysely cannot open a transaction inside a transaction, and the
 * caller's is the one that must commit or roll back.
 */
export function inTransaction<T>(
  db: Kysely<StoreTables>,
  fn: (tx: Kysely<StoreTables>) => Promise<T>,
  isolation?: IsolationLevel,
): Promise<T> {
  if (db.isTransaction) return fn(db);
  const builder = db.transaction();
  return (isolation ? builder.setIsolationLevel(isolation) : builder).execute(fn);
}
