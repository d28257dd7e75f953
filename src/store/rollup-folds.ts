import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { StoreTables } from './store-tables.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

// Inlined, not bound: node:sqlite binds a JS number as a REAL, and at / 60000.0 is not integer division.
const minuteMs = sql.lit(MINUTE_MS);
const hourMs = sql.lit(HOUR_MS);

/**
 * The statements compaction runs for one unit of checks. Each fold inserts the rollups and
 * deletes exactly the rows it read (same checks, same time bound), inside the caller's
 * transaction. `before` is always on a bucket boundary, so every bucket is folded whole.
 */

/**
 * Raw results before `before` into one minute rollup per check and minute. Percentiles are
 * nearest-rank: pN is the ceil(N/100 * runs)-th smallest duration, found by numbering each
 * bucket's durations with row_number() (both dialects have window functions; SQLite has no
 * percentile aggregate that PostgreSQL shares). ceil is written as integer division,
 * (N * runs + 99) / 100; at / 60000 is integer division on both dialects too.
 */
export async function foldRawIntoMinutes(tx: Kysely<StoreTables>, checkIds: readonly string[], before: number): Promise<void> {
  await sql`
    insert into check_rollups (check_id, bucket, bucket_start, runs, failures, p50_ms, p95_ms, p99_ms, max_ms)
    select check_id, 'minute', minute * ${minuteMs}, count(*),
      sum(case when ok then 0 else 1 end),
      max(case when nth = (50 * n + 99) / 100 then duration_ms end),
      max(case when nth = (95 * n + 99) / 100 then duration_ms end),
      max(case when nth = (99 * n + 99) / 100 then duration_ms end),
      max(duration_ms)
    from (
      select check_id, ok, duration_ms, at / ${minuteMs} as minute,
        row_number() over (partition by check_id, at / ${minuteMs} order by duration_ms) as nth,
        count(*) over (partition by check_id, at / ${minuteMs}) as n
      from check_results
      where check_id in (${sql.join(checkIds)}) and at < ${before}
    ) as ranked
    group by check_id, minute
    ${mergeOnConflict}
  `.execute(tx);
  await tx.deleteFrom('check_results').where('check_id', 'in', checkIds).where('at', '<', before).execute();
}

/**
 * Minute rollups before `before` into one hour rollup per check and hour. Counts and the max
 * are exact. Percentiles cannot be recombined exactly from percentiles, so: p50 and p95 are
 * the runs-weighted mean of the minutes' values (a typical-minute figure), and p99 is the
 * highest minute p99 (an upper bound, so a bad minute still shows in the hour's tail).
 */
export async function foldMinutesIntoHours(tx: Kysely<StoreTables>, checkIds: readonly string[], before: number): Promise<void> {
  await sql`
    insert into check_rollups (check_id, bucket, bucket_start, runs, failures, p50_ms, p95_ms, p99_ms, max_ms)
    select check_id, 'hour', hour * ${hourMs}, sum(runs), sum(failures),
      sum(p50_ms * runs) / sum(runs),
      sum(p95_ms * runs) / sum(runs),
      max(p99_ms),
      max(max_ms)
    from (
      select check_id, runs, failures, p50_ms, p95_ms, p99_ms, max_ms, bucket_start / ${hourMs} as hour
      from check_rollups
      where check_id in (${sql.join(checkIds)}) and bucket = 'minute' and bucket_start < ${before}
    ) as minutes
    group by check_id, hour
    ${mergeOnConflict}
  `.execute(tx);
  await dropRollups(tx, checkIds, 'minute', before);
}

export async function dropRollups(tx: Kysely<StoreTables>, checkIds: readonly string[], bucket: 'minute' | 'hour', before: number): Promise<void> {
  await tx
    .deleteFrom('check_rollups')
    .where('check_id', 'in', checkIds)
    .where('bucket', '=', bucket)
    .where('bucket_start', '<', before)
    .execute();
}

/**
 * When a bucket already exists (rows arrived after it was folded), merge rather than
 * duplicate, by the same rules as minutes into hours: counts add, max and p99 take the larger,
 * p50 and p95 become the runs-weighted mean. In SET, both dialects read the row's old values.
 * (CASE instead of greatest(): SQLite has no greatest().)
 */
const mergeOnConflict: RawBuilder<unknown> = sql`
  on conflict (check_id, bucket, bucket_start) do update set
    runs = check_rollups.runs + excluded.runs,
    failures = check_rollups.failures + excluded.failures,
    p50_ms = (check_rollups.p50_ms * check_rollups.runs + excluded.p50_ms * excluded.runs) / (check_rollups.runs + excluded.runs),
    p95_ms = (check_rollups.p95_ms * check_rollups.runs + excluded.p95_ms * excluded.runs) / (check_rollups.runs + excluded.runs),
    p99_ms = case when excluded.p99_ms > check_rollups.p99_ms then excluded.p99_ms else check_rollups.p99_ms end,
    max_ms = case when excluded.max_ms > check_rollups.max_ms then excluded.max_ms else check_rollups.max_ms end
`;
