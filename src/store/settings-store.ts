import type { Kysely } from 'kysely';
import type { SettingsStore } from './ports.ts';
import type { StoreTables } from './store-tables.ts';

export class SqlSettingsStore implements SettingsStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async get(key: string): Promise<string | null> {
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  /**
   * Insert-or-nothing, then read: of racing callers one inserts; PostgreSQL makes the others'
   * inserts wait for that commit and then do nothing, and their read (a new statement, so a new
   * snapshot under READ COMMITTED) sees the winner's value.
   */
  async setIfAbsent(key: string, value: string): Promise<string> {
    await this.#db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute();
    const stands = await this.get(key);
    if (stands === null) throw new Error(`store: setting "${key}" vanished right after it was set`);
    return stands;
  }
}
