import type { Kysely } from 'kysely';
import { newFiringRow, toExternalAlert } from './external-alert-rows.ts';
import type { NewExternalAlert } from './external-alert-rows.ts';
import type { ExternalAlert, ExternalAlertsStore } from './ports.ts';
import type { StoreTables } from './store-tables.ts';

type ListFilter = Parameters<ExternalAlertsStore['list']>[0];

export class SqlExternalAlertsStore implements ExternalAlertsStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  /**
   * One upsert on the primary key, so deciding "is this key firing?" and recording the trigger
   * are a single step: of two racing triggers for a new key, PostgreSQL makes the second wait
   * for the first's insert and then update it, and SQLite runs statements one at a time. A row
   * that comes out with events = 1 is a firing this statement started (a continued one has at
   * least 2), which tells changed without reading the old row.
   */
  async fire(alert: NewExternalAlert, at: number): Promise<{ alert: ExternalAlert; changed: boolean }> {
    const row = await this.#db
      .insertInto('external_alerts')
      .values(newFiringRow(alert, at))
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet((eb) => {
          // Where the row stood before: a firing key continues, a resolved one starts over.
          const wasFiring = eb('external_alerts.status', '=', 'firing');
          const keepIfFiring = <C extends 'source' | 'integration' | 'service' | 'fired_at'>(column: C) =>
            eb.case().when(wasFiring).then(eb.ref(`external_alerts.${column}`)).else(eb.ref(`excluded.${column}`)).end();
          return {
            // A firing alert stays where the pipeline placed it; a new firing is routed afresh.
            source: keepIfFiring('source'),
            integration: keepIfFiring('integration'),
            service: keepIfFiring('service'),
            fired_at: keepIfFiring('fired_at'),
            events: eb.case().when(wasFiring).then(eb('external_alerts.events', '+', 1)).else(1).end(),
            severity: eb.ref('excluded.severity'),
            summary: eb.ref('excluded.summary'),
            labels: eb.ref('excluded.labels'),
            details: eb.ref('excluded.details'),
            last_event_at: eb.ref('excluded.last_event_at'),
            status: 'firing' as const,
            resolved_at: null,
          };
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return { alert: toExternalAlert(row), changed: row.events === 1 };
  }

  async resolve(key: string, at: number): Promise<ExternalAlert | null> {
    const row = await this.#db
      .updateTable('external_alerts')
      .set({ status: 'resolved', resolved_at: at, last_event_at: at })
      .where('key', '=', key)
      .where('status', '=', 'firing')
      .returningAll()
      .executeTakeFirst();
    return row ? toExternalAlert(row) : null;
  }

  async get(key: string): Promise<ExternalAlert | null> {
    const row = await this.#db.selectFrom('external_alerts').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? toExternalAlert(row) : null;
  }

  async firing(): Promise<ExternalAlert[]> {
    const rows = await this.#db.selectFrom('external_alerts').selectAll().where('status', '=', 'firing').orderBy('fired_at').orderBy('key').execute();
    return rows.map(toExternalAlert);
  }

  /** Most recent activity first. */
  async list(filter: ListFilter): Promise<{ items: ExternalAlert[]; total: number }> {
    let query = this.#db.selectFrom('external_alerts');
    if (filter.source !== undefined) query = query.where('source', '=', filter.source);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.service !== undefined) query = query.where('service', '=', filter.service);
    const rows = await query.selectAll().orderBy('last_event_at', 'desc').orderBy('key').limit(filter.limit).offset(filter.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toExternalAlert), total: Number(count.n) };
  }
}
