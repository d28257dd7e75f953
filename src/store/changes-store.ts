import type { Kysely, Selectable } from 'kysely';
import type { ChangeEvent, ChangesStore } from './ports.ts';
import type { ChangeEventsTable, StoreTables } from './store-tables.ts';

export class SqlChangesStore implements ChangesStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async add(change: Omit<ChangeEvent, 'id'>): Promise<ChangeEvent> {
    const row = await this.#db
      .insertInto('change_events')
      .values({
        service: change.service,
        summary: change.summary,
        origin: change.origin,
        source: change.source,
        at: change.at,
        links: JSON.stringify(change.links),
        // JSON.stringify(undefined) is undefined, which the column refuses.
        custom_details: JSON.stringify(change.customDetails ?? null),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toChangeEvent(row);
  }

  /**
   * A service's window includes the changes tied to no service: those belong on every
   * incident of their time (ChangeEvent.service). Each side of the OR is a range on
   * (service, at); with service null, the range on (at).
   */
  async between(service: string | null, from: number, to: number, limit: number): Promise<ChangeEvent[]> {
    let query = this.#db.selectFrom('change_events').selectAll().where('at', '>=', from).where('at', '<', to);
    if (service !== null) query = query.where((eb) => eb.or([eb('service', '=', service), eb('service', 'is', null)]));
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toChangeEvent);
  }

  async list(filter: { service?: string; limit: number; offset: number }): Promise<{ items: ChangeEvent[]; total: number }> {
    let query = this.#db.selectFrom('change_events');
    if (filter.service !== undefined) query = query.where('service', '=', filter.service);
    const rows = await query.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toChangeEvent), total: Number(count.n) };
  }
}

function toChangeEvent(row: Selectable<ChangeEventsTable>): ChangeEvent {
  return {
    id: row.id,
    service: row.service,
    summary: row.summary,
    origin: row.origin,
    source: row.source,
    at: row.at,
    links: JSON.parse(row.links) as ChangeEvent['links'],
    customDetails: JSON.parse(row.custom_details) as unknown,
  };
}
