import type { Kysely } from 'kysely';
import type { Incident, NewIncident, NewTimelineEvent, TimelineEvent } from '../incidents/incident.ts';
import { incidentPatchColumns, newIncidentRow, timelineEventRow, toIncident, toTimelineEvent } from './incident-rows.ts';
import { filteredIncidents } from './incidents-list-query.ts';
import type { StoreDialect } from './dialect/store-dialect.ts';
import type { IncidentFilter, IncidentsStore } from './ports.ts';
import type { StoreTables } from './store-tables.ts';
import { inTransaction } from './transaction-scope.ts';

/** See openOrAppend: how often to retry when the open incident is resolved under our feet. */
const OPEN_OR_APPEND_ATTEMPTS = 3;

export class SqlIncidentsStore implements IncidentsStore {
  readonly #db: Kysely<StoreTables>;
  readonly #dialect: StoreDialect;

  constructor(db: Kysely<StoreTables>, dialect: StoreDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  /**
   * Insert-or-nothing against the unique index on unresolved keys, so deciding "is one open?"
   * and opening one are a single step: of two racing callers (two processes, or two calls in
   * one) exactly one inserts; PostgreSQL makes the other wait for that commit, then it
   * appends to the winner. If the open one is resolved between our insert and our read, the
   * key is free again and we try again.
   */
  openOrAppend(input: NewIncident, event: NewTimelineEvent): Promise<{ incident: Incident; created: boolean }> {
    return inTransaction(this.#db, async (tx) => {
      for (let attempt = 0; attempt < OPEN_OR_APPEND_ATTEMPTS; attempt++) {
        const inserted = await tx
          .insertInto('incidents')
          .values(newIncidentRow(input, event.at))
          .onConflict((conflict) => conflict.column('key').where('resolved_at', 'is', null).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) {
          await tx.insertInto('incident_events').values(timelineEventRow(inserted.id, event)).execute();
          return { incident: toIncident(inserted), created: true };
        }
        const open = await tx.selectFrom('incidents').select('id').where('key', '=', input.key).where('resolved_at', 'is', null).executeTakeFirst();
        if (open) return { incident: await appendEvent(tx, open.id, event), created: false };
      }
      throw new Error(`store: could not open or find an open incident for key "${input.key}" after ${OPEN_OR_APPEND_ATTEMPTS} attempts`);
    });
  }

  async get(id: number): Promise<Incident | null> {
    const row = await this.#db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toIncident(row) : null;
  }

  async getForUpdate(id: number): Promise<Incident | null> {
    if (!this.#db.isTransaction) throw new Error('store: getForUpdate locks until the transaction ends; call it inside withTransaction');
    const row = await this.#dialect.lockRead(this.#db.selectFrom('incidents').selectAll().where('id', '=', id)).executeTakeFirst();
    return row ? toIncident(row) : null;
  }

  async findOpenByKey(key: string): Promise<Incident | null> {
    const row = await this.#db.selectFrom('incidents').selectAll().where('key', '=', key).where('resolved_at', 'is', null).executeTakeFirst();
    return row ? toIncident(row) : null;
  }

  async latestByKey(key: string): Promise<Incident | null> {
    const row = await this.#db
      .selectFrom('incidents')
      .selectAll()
      .where('key', '=', key)
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toIncident(row) : null;
  }

  async list(filter: IncidentFilter): Promise<{ items: Incident[]; total: number }> {
    const rows = await filteredIncidents(this.#db, filter)
      .selectAll()
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const count = await filteredIncidents(this.#db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { items: rows.map(toIncident), total: Number(count.n) };
  }

  async unresolved(): Promise<Incident[]> {
    const rows = await this.#db.selectFrom('incidents').selectAll().where('resolved_at', 'is', null).orderBy('opened_at').orderBy('id').execute();
    return rows.map(toIncident);
  }

  /** updatedAt becomes event.at. Status 'resolved' and resolvedAt go together (see the message below). */
  update(id: number, patch: Partial<Omit<Incident, 'id'>>, event: NewTimelineEvent): Promise<Incident> {
    return inTransaction(this.#db, async (tx) => {
      let row;
      try {
        row = await tx
          .updateTable('incidents')
          .set({ ...incidentPatchColumns(patch), updated_at: event.at })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
      } catch (error) {
        if (!String(error).includes('incidents_resolved_consistent')) throw error;
        throw new Error(
          `store: incident ${id}: status 'resolved' and resolvedAt go together; ` +
            "to resolve pass { status: 'resolved', resolvedAt: <time> }, to reopen pass another status and resolvedAt: null",
          { cause: error },
        );
      }
      if (!row) throw notFound(id);
      await tx.insertInto('incident_events').values(timelineEventRow(id, event)).execute();
      return toIncident(row);
    });
  }

  /** Also sets the incident's updatedAt to event.at: a new timeline entry is activity. */
  addEvent(id: number, event: NewTimelineEvent): Promise<TimelineEvent> {
    return inTransaction(this.#db, async (tx) => {
      const touched = await tx.updateTable('incidents').set({ updated_at: event.at }).where('id', '=', id).executeTakeFirst();
      if (Number(touched.numUpdatedRows) === 0) throw notFound(id);
      const row = await tx.insertInto('incident_events').values(timelineEventRow(id, event)).returningAll().executeTakeFirstOrThrow();
      return toTimelineEvent(row);
    });
  }

  async timeline(id: number): Promise<TimelineEvent[]> {
    const rows = await this.#db.selectFrom('incident_events').selectAll().where('incident_id', '=', id).orderBy('at').orderBy('id').execute();
    return rows.map(toTimelineEvent);
  }
}

async function appendEvent(tx: Kysely<StoreTables>, id: number, event: NewTimelineEvent): Promise<Incident> {
  const row = await tx.updateTable('incidents').set({ updated_at: event.at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await tx.insertInto('incident_events').values(timelineEventRow(id, event)).execute();
  return toIncident(row);
}

function notFound(id: number): Error {
  return new Error(`store: incident ${id} not found`);
}
