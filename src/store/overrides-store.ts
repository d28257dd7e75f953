import type { Kysely, Selectable } from 'kysely';
import type { OverrideRecord, OverridesStore } from './ports.ts';
import type { ScheduleOverridesTable, StoreTables } from './store-tables.ts';

export class SqlOverridesStore implements OverridesStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async create(override: Omit<OverrideRecord, 'id'>): Promise<OverrideRecord> {
    const row = await this.#db
      .insertInto('schedule_overrides')
      .values({
        schedule: override.schedule,
        user_id: override.user,
        from_at: override.from,
        to_at: override.to,
        created_by: override.createdBy,
        created_at: override.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOverrideRecord(row);
  }

  /** Half-open intervals: an override ending exactly at `from` does not overlap. */
  async between(schedule: string, from: number, to: number): Promise<OverrideRecord[]> {
    const rows = await this.#db
      .selectFrom('schedule_overrides')
      .selectAll()
      .where('schedule', '=', schedule)
      .where('from_at', '<', to)
      .where('to_at', '>', from)
      .orderBy('from_at')
      .orderBy('id')
      .execute();
    return rows.map(toOverrideRecord);
  }

  async remove(id: number): Promise<boolean> {
    const result = await this.#db.deleteFrom('schedule_overrides').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toOverrideRecord(row: Selectable<ScheduleOverridesTable>): OverrideRecord {
  return {
    id: row.id,
    schedule: row.schedule,
    user: row.user_id,
    from: row.from_at,
    to: row.to_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
