import type { Kysely, Selectable } from 'kysely';
import type { InboundEvent, InboundEventsStore } from './ports.ts';
import type { InboundEventsTable, StoreTables } from './store-tables.ts';
import type { StoreDialect } from './dialect/store-dialect.ts';
import { inTransaction } from './transaction-scope.ts';

type NewInboundEvent = Omit<InboundEvent, 'id'>;
type EventFilter = { source?: InboundEvent['source']; integration?: string };

/**
 * Rows per INSERT: 6 parameters each, 6,000 a statement, well under SQLite's 32,766 and
 * PostgreSQL's 65,535, and large enough that a burst is a handful of round trips.
 */
const ROWS_PER_STATEMENT = 1_000;

export class SqlInboundEventsStore implements InboundEventsStore {
  readonly #db: Kysely<StoreTables>;
  readonly #dialect: Pick<StoreDialect, 'wrote'>;

  constructor(db: Kysely<StoreTables>, dialect: Pick<StoreDialect, 'wrote'>) {
    this.#db = db;
    this.#dialect = dialect;
  }

  /** On the ingest hot path: one multi-row INSERT per chunk, all chunks in one transaction. */
  async append(events: readonly NewInboundEvent[]): Promise<void> {
    if (events.length === 0) return;
    const write = async (db: Kysely<StoreTables>) => {
      for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
        await db
          .insertInto('inbound_events')
          .values(events.slice(start, start + ROWS_PER_STATEMENT).map(toRow))
          .execute();
      }
    };
    // A single statement is atomic already; a transaction would only add two round trips.
    if (events.length <= ROWS_PER_STATEMENT) await write(this.#db);
    else await inTransaction(this.#db, write);
    this.#dialect.wrote(events.length);
  }

  async count(filter: EventFilter = {}): Promise<number> {
    const row = await this.#filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Newest first by arrival (id): received_at comes from the caller's clock and may tie. */
  async list(filter: EventFilter & { limit: number; offset: number }): Promise<{ items: InboundEvent[]; total: number }> {
    const rows = await this.#filtered(filter).selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return { items: rows.map(toInboundEvent), total: await this.count(filter) };
  }

  #filtered(filter: EventFilter) {
    let query = this.#db.selectFrom('inbound_events');
    if (filter.source !== undefined) query = query.where('source', '=', filter.source);
    if (filter.integration !== undefined) query = query.where('integration', '=', filter.integration);
    return query;
  }
}

function toRow(event: NewInboundEvent) {
  return {
    source: event.source,
    integration: event.integration,
    action: event.action,
    alert_key: event.alertKey,
    body: event.body,
    received_at: event.receivedAt,
  };
}

function toInboundEvent(row: Selectable<InboundEventsTable>): InboundEvent {
  return {
    id: row.id,
    source: row.source,
    integration: row.integration,
    action: row.action,
    alertKey: row.alert_key,
    body: row.body,
    receivedAt: row.received_at,
  };
}
