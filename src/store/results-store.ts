import type { Kysely, Selectable } from 'kysely';
import type { CheckResult, CheckRollup, CheckStateChange } from '../checks/check-result.ts';
import type { CompactOptions, ResultsStore, Retention, StorageStats } from './ports.ts';
import type { StoreDialect } from './dialect/store-dialect.ts';
import { compactResults, DEFAULT_COMPACTION_PACING } from './results-compaction.ts';
import type { CheckResultsTable, CheckRollupsTable, StoreTables } from './store-tables.ts';
import { inTransaction } from './transaction-scope.ts';

type ResultsDialect = Pick<StoreDialect, 'insertResults' | 'beforeAppend' | 'betweenCompactionUnits' | 'compactionUnitMs'>;

export class SqlResultsStore implements ResultsStore {
  readonly #db: Kysely<StoreTables>;
  readonly #dialect: ResultsDialect;

  constructor(db: Kysely<StoreTables>, dialect: ResultsDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async append(results: readonly CheckResult[]): Promise<void> {
    if (results.length === 0) return;
    // Inside a caller's transaction there is nothing to wait for: the write has begun already.
    if (!this.#db.isTransaction) await this.#dialect.beforeAppend(results.length);
    await inTransaction(this.#db, (tx) => this.#dialect.insertResults(tx, results));
  }

  async recent(checkId: string, limit: number): Promise<CheckResult[]> {
    const rows = await this.#db
      .selectFrom('check_results')
      .selectAll()
      .where('check_id', '=', checkId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toCheckResult);
  }

  async since(since: number): Promise<CheckResult[]> {
    const rows = await this.#db.selectFrom('check_results').selectAll().where('at', '>=', since).orderBy('at').orderBy('id').execute();
    return rows.map(toCheckResult);
  }

  async latestPerCheck(): Promise<CheckResult[]> {
    // Group-wise max over the (check_id, at) index, then join back for the whole row. Two
    // results of one check at the same millisecond both match; the later insert wins below.
    const newest = this.#db
      .selectFrom('check_results')
      .select((eb) => ['check_id', eb.fn.max('at').as('at')])
      .groupBy('check_id')
      .as('newest');
    const rows = await this.#db
      .selectFrom('check_results as r')
      .innerJoin(newest, (join) => join.onRef('newest.check_id', '=', 'r.check_id').onRef('newest.at', '=', 'r.at'))
      .selectAll('r')
      .orderBy('r.check_id')
      .orderBy('r.id', 'desc')
      .execute();
    const latest = new Map<string, CheckResult>();
    for (const row of rows) if (!latest.has(row.check_id)) latest.set(row.check_id, toCheckResult(row));
    return [...latest.values()];
  }

  async recordStateChange(change: CheckStateChange): Promise<void> {
    await this.#db
      .insertInto('check_state_changes')
      .values({ check_id: change.checkId, at: change.at, ok: change.ok, reason: change.reason })
      .execute();
  }

  async stateChanges(checkId: string, limit: number): Promise<CheckStateChange[]> {
    const rows = await this.#db
      .selectFrom('check_state_changes')
      .selectAll()
      .where('check_id', '=', checkId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ checkId: row.check_id, at: row.at, ok: Boolean(row.ok), reason: row.reason }));
  }

  compact(now: number, retention: Retention, options: CompactOptions = {}): Promise<void> {
    return compactResults(this.#db, now, retention, {
      ...DEFAULT_COMPACTION_PACING,
      targetMs: this.#dialect.compactionUnitMs,
      pause: this.#dialect.betweenCompactionUnits,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Buckets starting in [from, to), oldest first. */
  async rollups(checkId: string, bucket: 'minute' | 'hour', from: number, to: number): Promise<CheckRollup[]> {
    let query = this.#db.selectFrom('check_rollups').selectAll().where('check_id', '=', checkId).where('bucket', '=', bucket);
    // ±Infinity means "unbounded"; PostgreSQL would reject it as a BIGINT.
    if (Number.isFinite(from)) query = query.where('bucket_start', '>=', from);
    if (Number.isFinite(to)) query = query.where('bucket_start', '<', to);
    const rows = await query.orderBy('bucket_start').execute();
    return rows.map(toCheckRollup);
  }

  async stats(): Promise<StorageStats> {
    const row = await this.#db
      .selectNoFrom((eb) => [
        eb.selectFrom('check_results').select(eb.fn.countAll<number>().as('n')).as('raw'),
        eb.selectFrom('check_rollups').select(eb.fn.countAll<number>().as('n')).where('bucket', '=', 'minute').as('minute'),
        eb.selectFrom('check_rollups').select(eb.fn.countAll<number>().as('n')).where('bucket', '=', 'hour').as('hour'),
        eb.selectFrom('check_state_changes').select(eb.fn.countAll<number>().as('n')).as('changes'),
      ])
      .executeTakeFirstOrThrow();
    return {
      rawResults: Number(row.raw),
      minuteRollups: Number(row.minute),
      hourRollups: Number(row.hour),
      stateChanges: Number(row.changes),
    };
  }
}

function toCheckResult(row: Selectable<CheckResultsTable>): CheckResult {
  return {
    checkId: row.check_id,
    at: row.at,
    durationMs: row.duration_ms,
    ok: Boolean(row.ok),
    error: row.error,
    conditions: JSON.parse(row.conditions) as CheckResult['conditions'],
  };
}

function toCheckRollup(row: Selectable<CheckRollupsTable>): CheckRollup {
  return {
    checkId: row.check_id,
    bucket: row.bucket,
    start: row.bucket_start,
    runs: row.runs,
    failures: row.failures,
    p50Ms: row.p50_ms,
    p95Ms: row.p95_ms,
    p99Ms: row.p99_ms,
    maxMs: row.max_ms,
  };
}
