import type { Kysely, Selectable } from 'kysely';
import type { Subscriber, SubscribersStore } from './ports.ts';
import type { StoreTables, SubscribersTable } from './store-tables.ts';

type NewSubscriber = Omit<Subscriber, 'id' | 'confirmedAt' | 'unsubscribedAt'> & { confirmedAt?: number | null };

export class SqlSubscribersStore implements SubscribersStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async create(subscriber: NewSubscriber): Promise<Subscriber> {
    const row = await this.#db
      .insertInto('subscribers')
      .values({
        kind: subscriber.kind,
        address: subscriber.address,
        components: JSON.stringify(subscriber.components),
        token: subscriber.token,
        created_at: subscriber.createdAt,
        confirmed_at: subscriber.confirmedAt ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscriber(row);
  }

  async byToken(token: string): Promise<Subscriber | null> {
    const row = await this.#db.selectFrom('subscribers').selectAll().where('token', '=', token).executeTakeFirst();
    return row ? toSubscriber(row) : null;
  }

  /** The condition is in the UPDATE, so of two clicks on the same link exactly one returns true. */
  async confirm(token: string, at: number): Promise<boolean> {
    const result = await this.#db.updateTable('subscribers').set({ confirmed_at: at }).where('token', '=', token).where('confirmed_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async unsubscribe(token: string, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('subscribers')
      .set({ unsubscribed_at: at })
      .where('token', '=', token)
      .where('unsubscribed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Component interest is tested here rather than in SQL: a membership test on a JSON array is
   * json_each on SQLite and jsonb operators on PostgreSQL, and the audience is read whole to fan
   * out the notice anyway, so the rows filtered away are only the per-component subscribers of
   * other components.
   */
  async audience(components: readonly string[]): Promise<Subscriber[]> {
    const wanted = new Set(components);
    const rows = await this.#db
      .selectFrom('subscribers')
      .selectAll()
      .where('confirmed_at', 'is not', null)
      .where('unsubscribed_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(toSubscriber).filter((subscriber) => subscriber.components.length === 0 || subscriber.components.some((id) => wanted.has(id)));
  }

  async list(limit: number, offset: number): Promise<{ items: Subscriber[]; total: number }> {
    const rows = await this.#db.selectFrom('subscribers').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const count = await this.#db.selectFrom('subscribers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toSubscriber), total: Number(count.n) };
  }
}

function toSubscriber(row: Selectable<SubscribersTable>): Subscriber {
  return {
    id: row.id,
    kind: row.kind,
    address: row.address,
    components: JSON.parse(row.components) as string[],
    token: row.token,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
  };
}
