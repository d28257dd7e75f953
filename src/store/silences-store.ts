import type { Kysely, Selectable } from 'kysely';
import type { Matcher } from '../pipeline/label-matcher.ts';
import type { SilenceRecord, SilencesStore } from './ports.ts';
import type { SilencesTable, StoreTables } from './store-tables.ts';

export class SqlSilencesStore implements SilencesStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async create(silence: Omit<SilenceRecord, 'id' | 'expiredAt' | 'noticeSentAt'>): Promise<SilenceRecord> {
    const row = await this.#db
      .insertInto('silences')
      .values({
        matchers: JSON.stringify(silence.matchers),
        starts_at: silence.startsAt,
        ends_at: silence.endsAt,
        author: silence.author,
        comment: silence.comment,
        created_at: silence.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSilenceRecord(row);
  }

  async get(id: number): Promise<SilenceRecord | null> {
    const row = await this.#db.selectFrom('silences').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSilenceRecord(row) : null;
  }

  async current(now: number): Promise<SilenceRecord[]> {
    const rows = await this.#db.selectFrom('silences').selectAll().where('ends_at', '>', now).orderBy('starts_at').orderBy('id').execute();
    return rows.map(toSilenceRecord);
  }

  async list(limit: number, offset: number): Promise<{ items: SilenceRecord[]; total: number }> {
    const rows = await this.#db.selectFrom('silences').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const count = await this.#db.selectFrom('silences').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toSilenceRecord), total: Number(count.n) };
  }

  /** A silence that has not started yet ends before it starts: its window closes to [at, at), as in Alertmanager. */
  async expire(id: number, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('silences')
      .set((eb) => ({
        expired_at: at,
        ends_at: at,
        starts_at: eb.case().when('starts_at', '>', at).then(at).else(eb.ref('starts_at')).end(),
      }))
      .where('id', '=', id)
      .where('ends_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markNoticeSent(id: number, at: number): Promise<void> {
    await this.#db.updateTable('silences').set({ notice_sent_at: at }).where('id', '=', id).execute();
  }
}

function toSilenceRecord(row: Selectable<SilencesTable>): SilenceRecord {
  return {
    id: row.id,
    matchers: JSON.parse(row.matchers) as Matcher[],
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    author: row.author,
    comment: row.comment,
    createdAt: row.created_at,
    expiredAt: row.expired_at,
    noticeSentAt: row.notice_sent_at,
  };
}
