import type { Kysely, Selectable } from 'kysely';
import type { TokenRecord, TokensStore } from './ports.ts';
import type { StoreTables, TokensTable } from './store-tables.ts';

export class SqlTokensStore implements TokensStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  /** Throws on a duplicate hash (unique index): two tokens with one secret cannot be told apart. */
  async create(token: Omit<TokenRecord, 'id' | 'lastUsedAt' | 'revokedAt'>): Promise<TokenRecord> {
    const row = await this.#db
      .insertInto('tokens')
      .values({ name: token.name, role: token.role, hash: token.hash, created_at: token.createdAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTokenRecord(row);
  }

  async findByHash(hash: string): Promise<TokenRecord | null> {
    const row = await this.#db.selectFrom('tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
    return row ? toTokenRecord(row) : null;
  }

  async list(): Promise<TokenRecord[]> {
    const rows = await this.#db.selectFrom('tokens').selectAll().orderBy('id').execute();
    return rows.map(toTokenRecord);
  }

  /** False when there is no such token or it was revoked already (the first revocation time stands). */
  async revoke(id: number, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touch(id: number, at: number): Promise<void> {
    await this.#db.updateTable('tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  /** Revoked tokens count too: revoking every token must not reopen first-run bootstrap. */
  async count(): Promise<number> {
    const row = await this.#db
      .selectFrom('tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toTokenRecord(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hash: row.hash,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
