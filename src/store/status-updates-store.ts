import type { Kysely, Selectable } from 'kysely';
import type { StatusUpdate, StatusUpdatesStore } from './ports.ts';
import type { StatusUpdatesTable, StoreTables } from './store-tables.ts';

export class SqlStatusUpdatesStore implements StatusUpdatesStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async add(update: Omit<StatusUpdate, 'id'>): Promise<StatusUpdate> {
    const row = await this.#db
      .insertInto('status_updates')
      .values({
        incident_id: update.incidentId,
        at: update.at,
        status: update.status,
        visibility: update.visibility,
        message: update.message,
        author: update.author,
        components: JSON.stringify(update.components),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toStatusUpdate(row);
  }

  async forIncident(incidentId: number): Promise<StatusUpdate[]> {
    const rows = await this.#db.selectFrom('status_updates').selectAll().where('incident_id', '=', incidentId).orderBy('at').orderBy('id').execute();
    return rows.map(toStatusUpdate);
  }

  /**
   * One row per incident, picked in SQL by a correlated subquery on the partial index of public
   * updates, so an incident with hundreds of updates costs one index probe, not a transfer.
   * Two updates at the same ms: the later id wins, as it was written last.
   */
  async latestPublic(incidentIds: readonly number[]): Promise<Map<number, StatusUpdate>> {
    const latest = new Map<number, StatusUpdate>();
    if (incidentIds.length === 0) return latest;
    const rows = await this.#db
      .selectFrom('status_updates as u')
      .selectAll('u')
      .where('u.incident_id', 'in', [...new Set(incidentIds)])
      .where('u.visibility', '=', 'public')
      .where('u.id', '=', (eb) =>
        eb
          .selectFrom('status_updates as l')
          .select('l.id')
          .whereRef('l.incident_id', '=', 'u.incident_id')
          .where('l.visibility', '=', 'public')
          .orderBy('l.at', 'desc')
          .orderBy('l.id', 'desc')
          .limit(1),
      )
      .execute();
    for (const row of rows) latest.set(row.incident_id, toStatusUpdate(row));
    return latest;
  }

  async publicBetween(from: number, to: number, limit: number): Promise<StatusUpdate[]> {
    const rows = await this.#db
      .selectFrom('status_updates')
      .selectAll()
      .where('visibility', '=', 'public')
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toStatusUpdate);
  }
}

function toStatusUpdate(row: Selectable<StatusUpdatesTable>): StatusUpdate {
  return {
    id: row.id,
    incidentId: row.incident_id,
    at: row.at,
    status: row.status,
    visibility: row.visibility,
    message: row.message,
    author: row.author,
    components: JSON.parse(row.components) as string[],
  };
}
