import { sql, type Kysely, type Selectable } from 'kysely';
import type { HeartbeatState } from '../heartbeats/heartbeat-state.ts';
import type { HeartbeatPing, HeartbeatsStore, NewHeartbeatPing } from './ports.ts';
import type { HeartbeatPingsTable, StoreTables } from './store-tables.ts';
import { inTransaction } from './transaction-scope.ts';

/** 9 parameters a row: 500 rows is 4,500 a statement, well under both databases' limits. */
const ROWS_PER_STATEMENT = 500;

export class SqlHeartbeatsStore implements HeartbeatsStore {
  readonly #db: Kysely<StoreTables>;
  readonly #dialect: 'sqlite' | 'postgres';

  constructor(db: Kysely<StoreTables>, dialect: 'sqlite' | 'postgres') {
    this.#db = db;
    this.#dialect = dialect;
  }

  /** The ping ingest's one write per batch: multi-row INSERTs and one upsert, in one transaction. */
  async record(pings: readonly NewHeartbeatPing[], states: readonly HeartbeatState[], at: number): Promise<void> {
    if (pings.length === 0 && states.length === 0) return;
    // One row per heartbeat: an upsert may not touch a row twice (PostgreSQL refuses), and the last state is the one that stands.
    const latest = [...new Map(states.map((s) => [s.id, s])).values()];
    if (this.#dialect === 'postgres') return this.#recordOnPostgres(pings, latest, at);
    await inTransaction(this.#db, async (tx) => {
      for (let start = 0; start < pings.length; start += ROWS_PER_STATEMENT) {
        await tx.insertInto('heartbeat_pings').values(pings.slice(start, start + ROWS_PER_STATEMENT).map(toRow)).execute();
      }
      for (let start = 0; start < latest.length; start += ROWS_PER_STATEMENT) {
        await tx
          .insertInto('heartbeat_states')
          .values(latest.slice(start, start + ROWS_PER_STATEMENT).map((s) => ({ heartbeat: s.id, status: s.status, state: JSON.stringify(s), updated_at: at })))
          .onConflict((c) => c.column('heartbeat').doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), state: eb.ref('excluded.state'), updated_at: eb.ref('excluded.updated_at') })))
          .execute();
      }
    });
  }

  /**
   * PostgreSQL: the pings and the states in one statement (a data-modifying CTE is atomic on its
   * own), each column sent as one array and unnested by the server. A batch is then one round trip
   * instead of four (BEGIN, INSERT, upsert, COMMIT), with 13 parameters instead of thousands to
   * build, bind and parse; SQLite has neither, and its writes are in-process anyway.
   */
  async #recordOnPostgres(pings: readonly NewHeartbeatPing[], states: readonly HeartbeatState[], at: number): Promise<void> {
    const column = <K extends keyof NewHeartbeatPing>(key: K) => pings.map((p) => p[key]);
    await sql`
      with pings as (
        insert into heartbeat_pings (heartbeat, kind, exit_status, rid, duration_ms, method, body, body_bytes, received_at)
        select * from unnest(${column('heartbeat')}::text[], ${column('kind')}::text[], ${column('exitStatus')}::int[], ${column('rid')}::text[],
          ${column('durationMs')}::bigint[], ${column('method')}::text[], ${column('body')}::text[], ${column('bodyBytes')}::int[], ${column('receivedAt')}::bigint[])
      )
      insert into heartbeat_states (heartbeat, status, state, updated_at)
      select heartbeat, status, state, ${at}::bigint from unnest(${states.map((s) => s.id)}::text[], ${states.map((s) => s.status)}::text[], ${states.map((s) => JSON.stringify(s))}::text[]) as s(heartbeat, status, state)
      on conflict (heartbeat) do update set status = excluded.status, state = excluded.state, updated_at = excluded.updated_at`.execute(this.#db);
  }

  async states(): Promise<HeartbeatState[]> {
    const rows = await this.#db.selectFrom('heartbeat_states').select('state').orderBy('heartbeat').execute();
    return rows.map((row) => JSON.parse(row.state) as HeartbeatState);
  }

  /** Newest first by arrival; `withDuration` keeps the ends that closed a run (the durations list). */
  async pings(heartbeat: string, filter: { limit: number; beforeId?: number; withDuration?: boolean }): Promise<HeartbeatPing[]> {
    let query = this.#db.selectFrom('heartbeat_pings').selectAll().where('heartbeat', '=', heartbeat);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    if (filter.withDuration) query = query.where('duration_ms', 'is not', null);
    const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toPing);
  }

  async count(heartbeat?: string): Promise<number> {
    let query = this.#db.selectFrom('heartbeat_pings');
    if (heartbeat !== undefined) query = query.where('heartbeat', '=', heartbeat);
    const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(ping: NewHeartbeatPing) {
  return {
    heartbeat: ping.heartbeat,
    kind: ping.kind,
    exit_status: ping.exitStatus,
    rid: ping.rid,
    duration_ms: ping.durationMs,
    method: ping.method,
    body: ping.body,
    body_bytes: ping.bodyBytes,
    received_at: ping.receivedAt,
  };
}

function toPing(row: Selectable<HeartbeatPingsTable>): HeartbeatPing {
  return {
    id: Number(row.id),
    heartbeat: row.heartbeat,
    kind: row.kind,
    exitStatus: row.exit_status,
    rid: row.rid,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    method: row.method,
    body: row.body,
    bodyBytes: row.body_bytes,
    receivedAt: Number(row.received_at),
  };
}
