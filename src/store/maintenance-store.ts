import type { Kysely, Selectable } from 'kysely';
import type { MaintenanceChange, MaintenanceStore } from './ports.ts';
import type { MaintenanceChangesTable, StoreTables } from './store-tables.ts';

export class SqlMaintenanceStore implements MaintenanceStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async addChange(change: Omit<MaintenanceChange, 'id'>): Promise<MaintenanceChange> {
    const row = await this.#db
      .insertInto('maintenance_changes')
      .values({
        window_key: change.window,
        occurrence_start: change.occurrenceStart,
        kind: change.kind,
        ends_at: change.endsAt,
        // JSON.stringify(undefined) is undefined, which the column refuses.
        spec: change.spec === undefined || change.spec === null ? null : JSON.stringify(change.spec),
        changed_by: change.by,
        changed_at: change.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMaintenanceChange(row);
  }

  /**
   * Every change of each occurrence that starts in [from, to), or that started before `from` and
   * one of whose changes ends after it (a created window, or an extended one, still running at
   * `from`). An occurrence's changes come together, in the order they were made, so the caller
   * can replay them: a window created, then extended, then ended early.
   */
  async changesBetween(from: number, to: number): Promise<MaintenanceChange[]> {
    const rows = await this.#db
      .selectFrom('maintenance_changes as c')
      .selectAll('c')
      .where('c.occurrence_start', '<', to)
      .where((eb) =>
        eb.or([
          eb('c.occurrence_start', '>=', from),
          eb.exists(
            eb
              .selectFrom('maintenance_changes as r')
              .select('r.id')
              .whereRef('r.window_key', '=', 'c.window_key')
              .whereRef('r.occurrence_start', '=', 'c.occurrence_start')
              .where('r.ends_at', '>', from),
          ),
        ]),
      )
      .orderBy('c.occurrence_start')
      .orderBy('c.id')
      .execute();
    return rows.map(toMaintenanceChange);
  }

  /**
   * Insert-or-nothing on the (window, occurrence) primary key: the database decides which of two
   * racing processes announces, and RETURNING says whether this one did.
   */
  async markAnnounced(window: string, occurrenceStart: number, at: number): Promise<boolean> {
    const row = await this.#db
      .insertInto('maintenance_announcements')
      .values({ window_key: window, occurrence_start: occurrenceStart, announced_at: at })
      .onConflict((conflict) => conflict.columns(['window_key', 'occurrence_start']).doNothing())
      .returning('window_key')
      .executeTakeFirst();
    return row !== undefined;
  }
}

function toMaintenanceChange(row: Selectable<MaintenanceChangesTable>): MaintenanceChange {
  return {
    id: row.id,
    window: row.window_key,
    occurrenceStart: row.occurrence_start,
    kind: row.kind,
    endsAt: row.ends_at,
    spec: row.spec === null ? null : (JSON.parse(row.spec) as unknown),
    by: row.changed_by,
    at: row.changed_at,
  };
}
