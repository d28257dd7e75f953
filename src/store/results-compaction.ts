import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Retention } from './ports.ts';
import type { StoreTables } from './store-tables.ts';
import { inTransaction } from './transaction-scope.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Folds raw results into minute rollups, minute rollups into hour rollups, and drops hour
 * rollups past retention. State changes are never touched.
 *
 * Windows are cut at whole buckets: raw results fold only once their minute lies entirely
 * before now - rawMs (so a raw result can outlive rawMs by up to a minute), and minute
 * rollups only once their hour lies entirely before now - minuteMs. That way each bucket is
 * normally built in one go from all of its rows, and its percentiles are exact.
 *
 * Memory stays flat at any number of checks: every step is one INSERT ... SELECT inside the
 * database, one bucket (a minute of raw results, an hour of minute rollups) per transaction,
 * and nothing is loaded into the process. Calling it again is harmless: folded rows are gone,
 * and a bucket that receives rows after it was built (a result appended late) is merged by
 * the upsert on (check_id, bucket, bucket_start) rather than written twice; see mergeOnConflict
 * for what a merge does to percentiles.
 *
 * Run it from one process at a time (the cluster's lease). On PostgreSQL each bucket is
 * folded under REPEATABLE READ, so the delete removes exactly the rows the insert read; a
 * second compactor racing on the same bucket fails with a serialization error instead of
 * counting rows twice.
 */
export async function compactResults(db: Kysely<StoreTables>, now: number, retention: Retention): Promise<void> {
  const rawCutoff = floorTo(now - retention.rawMs, MINUTE_MS);
  await foldEach(db, () => oldestRaw(db, rawCutoff), MINUTE_MS, (tx, start) => foldRawMinute(tx, start));

  const minuteCutoff = floorTo(now - retention.minuteMs, HOUR_MS);
  await foldEach(db, () => oldestMinuteRollup(db, minuteCutoff), HOUR_MS, (tx, start) => foldMinutesIntoHour(tx, start));

  await db.deleteFrom('check_rollups').where('bucket', '=', 'hour').where('bucket_start', '<', now - retention.hourMs).execute();
}

/** Folds buckets oldest first until none is left before the cutoff (each fold deletes its rows). */
async function foldEach(
  db: Kysely<StoreTables>,
  oldest: () => Promise<number | null>,
  bucketMs: number,
  fold: (tx: Kysely<StoreTables>, start: number) => Promise<void>,
): Promise<void> {
  let previous = -Infinity;
  for (let at = await oldest(); at !== null; at = await oldest()) {
    const start = floorTo(at, bucketMs);
    // The fold deletes every row of its bucket, so the oldest row must move on; if it did not,
    // stop rather than spin.
    if (start <= previous) throw new Error(`store: compaction made no progress at bucket ${start}`);
    previous = start;
    await inTransaction(db, (tx) => fold(tx, start), 'repeatable read');
  }
}

async function oldestRaw(db: Kysely<StoreTables>, cutoff: number): Promise<number | null> {
  const row = await db
    .selectFrom('check_results')
    .select((eb) => eb.fn.min('at').as('at'))
    .where('at', '<', cutoff)
    .executeTakeFirst();
  return row?.at ?? null;
}

async function oldestMinuteRollup(db: Kysely<StoreTables>, cutoff: number): Promise<number | null> {
  const row = await db
    .selectFrom('check_rollups')
    .select((eb) => eb.fn.min('bucket_start').as('start'))
    .where('bucket', '=', 'minute')
    .where('bucket_start', '<', cutoff)
    .executeTakeFirst();
  return row?.start ?? null;
}

/**
 * One minute of raw results into one rollup per check. Percentiles are nearest-rank: pN is the
 * ceil(N/100 * runs)-th smallest duration, found by numbering each check's durations with
 * row_number() (both dialects have window functions; SQLite has no percentile aggregate that
 * PostgreSQL shares). ceil is written as integer division, (N * runs + 99) / 100.
 */
async function foldRawMinute(tx: Kysely<StoreTables>, start: number): Promise<void> {
  const end = start + MINUTE_MS;
  await sql`
    insert into check_rollups (check_id, bucket, bucket_start, runs, failures, p50_ms, p95_ms, p99_ms, max_ms)
    select check_id, 'minute', cast(${start} as bigint), count(*),
      sum(case when ok then 0 else 1 end),
      max(case when nth = (50 * n + 99) / 100 then duration_ms end),
      max(case when nth = (95 * n + 99) / 100 then duration_ms end),
      max(case when nth = (99 * n + 99) / 100 then duration_ms end),
      max(duration_ms)
    from (
      select check_id, ok, duration_ms,
        row_number() over (partition by check_id order by duration_ms) as nth,
        count(*) over (partition by check_id) as n
      from check_results
      where at >= ${start} and at < ${end}
    ) as ranked
    group by check_id
    ${mergeOnConflict}
  `.execute(tx);
  await tx.deleteFrom('check_results').where('at', '>=', start).where('at', '<', end).execute();
}

/**
 * One hour of minute rollups into one hour rollup per check. Counts and the max are exact.
 * Percentiles cannot be recombined exactly from percentiles, so: p50 and p95 are the
 * runs-weighted mean of the minutes' values (a typical-minute figure), and p99 is the highest
 * minute p99 (an upper bound, so a bad minute still shows in the hour's tail).
 */
async function foldMinutesIntoHour(tx: Kysely<StoreTables>, start: number): Promise<void> {
  const end = start + HOUR_MS;
  await sql`
    insert into check_rollups (check_id, bucket, bucket_start, runs, failures, p50_ms, p95_ms, p99_ms, max_ms)
    select check_id, 'hour', cast(${start} as bigint), sum(runs), sum(failures),
      sum(p50_ms * runs) / sum(runs),
      sum(p95_ms * runs) / sum(runs),
      max(p99_ms),
      max(max_ms)
    from check_rollups
    where bucket = 'minute' and bucket_start >= ${start} and bucket_start < ${end}
    group by check_id
    ${mergeOnConflict}
  `.execute(tx);
  await tx
    .deleteFrom('check_rollups')
    .where('bucket', '=', 'minute')
    .where('bucket_start', '>=', start)
    .where('bucket_start', '<', end)
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

function floorTo(ms: number, bucketMs: number): number {
  return Math.floor(ms / bucketMs) * bucketMs;
}
