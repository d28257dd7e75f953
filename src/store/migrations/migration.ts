import type { Kysely } from 'kysely';
import type { StoreTables } from '../store-tables.ts';

/**
 * One numbered schema change. Names sort in the order they apply ("001-initial", "002-...").
 * A released migration never changes; a fix is a new migration.
 */
export interface Migration {
  readonly name: string;
  up(db: Kysely<StoreTables>): Promise<void>;
}
