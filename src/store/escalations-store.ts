import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { StoreDialect } from './dialect/store-dialect.ts';
import type { EscalationRecord, EscalationsStore } from './ports.ts';
import type { EscalationsTable, StoreTables } from './store-tables.ts';

/**
 * States are SQL literals, not parameters: SQLite uses the partial indexes (where state =
 * 'active' / 'held') only when the query names the same constant.
 */
export class SqlEscalationsStore implements EscalationsStore {
  readonly #db: Kysely<StoreTables>;
  readonly #dialect: StoreDialect;

  constructor(db: Kysely<StoreTables>, dialect: StoreDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  /** Clears the lease: a put is how the holder says the step is done and when the next one is due. */
  async put(record: EscalationRecord): Promise<void> {
    const row = {
      incident_id: record.incidentId,
      policy: record.policy,
      started_at: record.startedAt,
      next_step: record.nextStep,
      next_at: record.nextAt,
      state: record.state,
      reason: record.reason,
      updated_at: record.updatedAt,
      lease_owner: null,
      lease_until: null,
    };
    const { incident_id: _key, ...changes } = row;
    await this.#db
      .insertInto('escalations')
      .values(row)
      .onConflict((conflict) => conflict.column('incident_id').doUpdateSet(changes))
      .execute();
  }

  async get(incidentId: number): Promise<EscalationRecord | null> {
    const row = await this.#db.selectFrom('escalations').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
    return row ? toEscalationRecord(row) : null;
  }

  /** The same one-statement claim as the outbox's (notifications-claim.ts says why it is safe). */
  async claimDue(now: number, limit: number, leaseMs: number, owner: string): Promise<EscalationRecord[]> {
    if (limit <= 0) return [];
    const due = this.#dialect.lockClaimed(
      this.#db
        .selectFrom('escalations')
        .select('incident_id')
        .where('state', '=', sql.lit('active'))
        .where('next_at', 'is not', null)
        .where('next_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .orderBy('next_at')
        .orderBy('incident_id')
        .limit(limit),
    );
    const rows = await this.#db
      .updateTable('escalations')
      .set({ lease_owner: owner, lease_until: now + leaseMs })
      .where('incident_id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toEscalationRecord).sort((a, b) => (a.nextAt ?? 0) - (b.nextAt ?? 0) || a.incidentId - b.incidentId);
  }

  async held(): Promise<EscalationRecord[]> {
    const rows = await this.#db.selectFrom('escalations').selectAll().where('state', '=', sql.lit('held')).orderBy('incident_id').execute();
    return rows.map(toEscalationRecord);
  }

  /** A leased step is due again when its lease ends (its holder may have died). */
  async nextDueAt(): Promise<number | null> {
    const row = await this.#db
      .selectFrom('escalations')
      .select((eb) =>
        eb.fn
          .min<number | null>(eb.case().when('lease_until', '>', eb.ref('next_at')).then(eb.ref('lease_until')).else(eb.ref('next_at')).end())
          .as('due'),
      )
      .where('state', '=', sql.lit('active'))
      .where('next_at', 'is not', null)
      .executeTakeFirst();
    return row?.due ?? null;
  }
}

function toEscalationRecord(row: Selectable<EscalationsTable>): EscalationRecord {
  return {
    incidentId: row.incident_id,
    policy: row.policy,
    startedAt: row.started_at,
    nextStep: row.next_step,
    nextAt: row.next_at,
    state: row.state,
    reason: row.reason,
    updatedAt: row.updated_at,
  };
}
