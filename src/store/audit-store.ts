import type { Kysely } from 'kysely';
import type { AuditEntry, AuditStore } from './ports.ts';
import type { StoreTables } from './store-tables.ts';

export class SqlAuditStore implements AuditStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.#db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        data: entry.data === null ? null : JSON.stringify(entry.data),
      })
      .execute();
  }

  async list(limit: number): Promise<AuditEntry[]> {
    const rows = await this.#db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    }));
  }
}
