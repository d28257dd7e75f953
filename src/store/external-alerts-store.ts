import type { Insertable, Kysely, Selectable } from 'kysely';
import { newFiringRow, toExternalAlert } from './external-alert-rows.ts';
import type { NewExternalAlert } from './external-alert-rows.ts';
import type { AlertTransition, ExternalAlert, ExternalAlertsStore, FireOutcome } from './ports.ts';
import type { ExternalAlertsTable, StoreTables } from './store-tables.ts';

type ListFilter = Parameters<ExternalAlertsStore['list']>[0];

/** 13 parameters a row: 6,500 a statement, under SQLite's 32,766 and PostgreSQL's 65,535. */
const KEYS_PER_STATEMENT = 500;
const TRANSITIONS_PER_STATEMENT = 1_000;

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
    const row = await this.#upsert([newFiringRow(alert, at)]).executeTakeFirstOrThrow();
    return { alert: toExternalAlert(row), changed: row.events === 1 };
  }

  /**
   * The same upsert for many rows at once. A statement may not touch one row twice, so repeats of
   * a key are folded first into the row that firing them one by one would leave: where it is
   * placed (source, integration, service) from the first, what it says from the last, and events
   * = how many; the row comes out with exactly that many events when they started a firing.
   * Only key and events come back: the batch needs no more, and reading every column (the
   * details JSON of each alert) back and parsing it was a sixth of the accept's CPU.
   */
  async fireMany(alerts: readonly NewExternalAlert[], at: number): Promise<FireOutcome[]> {
    const folded = new Map<string, { first: NewExternalAlert; last: NewExternalAlert; count: number }>();
    for (const alert of alerts) {
      const seen = folded.get(alert.key);
      if (seen) {
        seen.last = alert;
        seen.count++;
      } else folded.set(alert.key, { first: alert, last: alert, count: 1 });
    }
    const events = new Map<string, number>();
    const all = [...folded.values()];
    for (let start = 0; start < all.length; start += KEYS_PER_STATEMENT) {
      const chunk = all.slice(start, start + KEYS_PER_STATEMENT).map(({ first, last, count }) => ({
        ...newFiringRow(last, at), source: first.source, integration: first.integration, service: first.service, events: count,
      }));
      for (const row of await this.#upsertQuery(chunk).returning(['key', 'events']).execute()) events.set(row.key, row.events);
    }
    return all.map(({ first, count }) => {
      const total = events.get(first.key)!;
      return { key: first.key, events: total, changed: total === count };
    });
  }

  #upsert(values: Insertable<ExternalAlertsTable>[]) {
    return this.#upsertQuery(values).returningAll();
  }

  #upsertQuery(values: Insertable<ExternalAlertsTable>[]) {
    return this.#db
      .insertInto('external_alerts')
      .values(values)
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
            events: eb.case().when(wasFiring).then(eb('external_alerts.events', '+', eb.ref('excluded.events'))).else(eb.ref('excluded.events')).end(),
            severity: eb.ref('excluded.severity'),
            summary: eb.ref('excluded.summary'),
            labels: eb.ref('excluded.labels'),
            details: eb.ref('excluded.details'),
            last_event_at: eb.ref('excluded.last_event_at'),
            status: 'firing' as const,
            resolved_at: null,
          };
        }),
      );
  }

  async resolve(key: string, at: number): Promise<ExternalAlert | null> {
    return (await this.resolveMany([key], at))[0] ?? null;
  }

  async resolveMany(keys: readonly string[], at: number): Promise<ExternalAlert[]> {
    const out: ExternalAlert[] = [];
    for (let start = 0; start < keys.length; start += KEYS_PER_STATEMENT) {
      const rows = await this.#db
        .updateTable('external_alerts')
        .set({ status: 'resolved', resolved_at: at, last_event_at: at })
        .where('key', 'in', keys.slice(start, start + KEYS_PER_STATEMENT))
        .where('status', '=', 'firing')
        .returningAll()
        .execute();
      out.push(...rows.map(toExternalAlert));
    }
    return out;
  }

  async firingAmong(keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let start = 0; start < keys.length; start += KEYS_PER_STATEMENT) {
      const rows = await this.#db.selectFrom('external_alerts').select('key')
        .where('key', 'in', keys.slice(start, start + KEYS_PER_STATEMENT)).where('status', '=', 'firing').execute();
      for (const row of rows) out.add(row.key);
    }
    return out;
  }

  async queueTransitions(transitions: readonly Omit<AlertTransition, 'id'>[]): Promise<void> {
    for (let start = 0; start < transitions.length; start += TRANSITIONS_PER_STATEMENT) {
      await this.#db
        .insertInto('alert_transitions')
        .values(transitions.slice(start, start + TRANSITIONS_PER_STATEMENT).map((t) => ({ alert_key: t.key, transition: t.transition, actor: t.actor, queued_at: t.queuedAt })))
        .execute();
    }
  }

  async queuedTransitions(limit: number): Promise<AlertTransition[]> {
    const rows = await this.#db.selectFrom('alert_transitions').selectAll().orderBy('id').limit(limit).execute();
    return rows.map((row) => ({ id: row.id, key: row.alert_key, transition: row.transition, actor: row.actor, queuedAt: row.queued_at }));
  }

  async transitionDone(id: number): Promise<void> {
    await this.#db.deleteFrom('alert_transitions').where('id', '=', id).execute();
  }

  async queuedFiringKeys(): Promise<string[]> {
    const rows = await this.#db.selectFrom('alert_transitions').select('alert_key').distinct().where('transition', '=', 'firing').execute();
    return rows.map((row) => row.alert_key);
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
