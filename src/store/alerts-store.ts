import type { Kysely, Selectable } from 'kysely';
import type { AlertRecord, AlertsStore } from './ports.ts';
import type { AlertsTable, StoreTables } from './store-tables.ts';

export class SqlAlertsStore implements AlertsStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async save(alert: AlertRecord): Promise<void> {
    const row = {
      rule_id: alert.ruleId,
      state: alert.state,
      active_since: alert.activeSince,
      fired_at: alert.firedAt,
      resolved_at: alert.resolvedAt,
      value: alert.value,
      updated_at: alert.updatedAt,
    };
    const { rule_id: _key, ...changes } = row;
    await this.#db
      .insertInto('alerts')
      .values(row)
      .onConflict((conflict) => conflict.column('rule_id').doUpdateSet(changes))
      .execute();
  }

  async all(): Promise<AlertRecord[]> {
    const rows = await this.#db.selectFrom('alerts').selectAll().orderBy('rule_id').execute();
    return rows.map(toAlertRecord);
  }

  async get(ruleId: string): Promise<AlertRecord | null> {
    const row = await this.#db.selectFrom('alerts').selectAll().where('rule_id', '=', ruleId).executeTakeFirst();
    return row ? toAlertRecord(row) : null;
  }
}

function toAlertRecord(row: Selectable<AlertsTable>): AlertRecord {
  return {
    ruleId: row.rule_id,
    state: row.state,
    activeSince: row.active_since,
    firedAt: row.fired_at,
    resolvedAt: row.resolved_at,
    value: row.value,
    updatedAt: row.updated_at,
  };
}
