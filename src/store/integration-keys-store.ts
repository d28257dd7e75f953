import type { Kysely, Selectable } from 'kysely';
import type { IntegrationKeyRecord, IntegrationKeysStore } from './ports.ts';
import type { IntegrationKeysTable, StoreTables } from './store-tables.ts';

export class SqlIntegrationKeysStore implements IntegrationKeysStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  /** Throws on a duplicate hash (unique index): two keys with one secret could not be told apart. */
  async create(key: Omit<IntegrationKeyRecord, 'id' | 'revokedAt'>): Promise<IntegrationKeyRecord> {
    const row = await this.#db
      .insertInto('integration_keys')
      .values({ integration: key.integration, hash: key.hash, created_at: key.createdAt, created_by: key.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toIntegrationKey(row);
  }

  async findByHash(hash: string): Promise<IntegrationKeyRecord | null> {
    const row = await this.#db.selectFrom('integration_keys').selectAll().where('hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
    return row ? toIntegrationKey(row) : null;
  }

  /** Revoked keys included, oldest first. */
  async list(integration?: string): Promise<IntegrationKeyRecord[]> {
    let query = this.#db.selectFrom('integration_keys').selectAll();
    if (integration !== undefined) query = query.where('integration', '=', integration);
    const rows = await query.orderBy('id').execute();
    return rows.map(toIntegrationKey);
  }

  /** False when there is no such key or it was revoked already (the first revocation time stands). */
  async revoke(id: number, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('integration_keys')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toIntegrationKey(row: Selectable<IntegrationKeysTable>): IntegrationKeyRecord {
  return {
    id: row.id,
    integration: row.integration,
    hash: row.hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
  };
}
