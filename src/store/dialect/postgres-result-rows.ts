import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { CheckResult } from '../../checks/check-result.ts';
import type { StoreTables } from '../store-tables.ts';

/**
 * The whole batch as six array parameters, unnested into rows by the server: one statement and
 * one round trip whatever the batch size. Kysely's multi-row INSERT built and compiled a node
 * per value (3,000 parameters per 500 rows), which at 50,000 checks was most of the
 * process's CPU in an append.
 */
export async function unnestInsert(tx: Kysely<StoreTables>, results: readonly CheckResult[]): Promise<void> {
  const n = results.length;
  const checkIds = new Array<string>(n);
  const ats = new Array<number>(n);
  const durations = new Array<number>(n);
  const oks = new Array<boolean>(n);
  const errors = new Array<string | null>(n);
  const conditions = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const result = results[i]!;
    checkIds[i] = result.checkId;
    ats[i] = result.at;
    durations[i] = result.durationMs;
    oks[i] = result.ok;
    errors[i] = result.error;
    conditions[i] = JSON.stringify(result.conditions);
  }
  await sql`
    insert into check_results (check_id, at, duration_ms, ok, error, conditions)
    select * from unnest(
      cast(${checkIds} as text[]), cast(${ats} as bigint[]), cast(${durations} as double precision[]),
      cast(${oks} as boolean[]), cast(${errors} as text[]), cast(${conditions} as text[])
    )
  `.execute(tx);
}
