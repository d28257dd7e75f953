import type { Kysely } from 'kysely';
import { forEachOldestUnit, yieldToEventLoop } from './compaction-units.ts';
import type { UnitPacing } from './compaction-units.ts';
import type { Retention } from './ports.ts';
import { dropRollups, foldMinutesIntoHours, foldRawIntoMinutes, HOUR_MS, MINUTE_MS } from './rollup-folds.ts';
import type { StoreTables } from './store-tables.ts';
import { inTransaction } from './transaction-scope.ts';

/**
 * At 50,000 checks every 30 s a minute of raw results is 100,000 rows and an hour of minute
 * rollups 3,000,000. Folded whole, each in one statement, SQLite blocked the event loop for
 * 0.9-1.5 s per minute and 20 s for the hour (plus a minute). In units of ~8 ms (the dialect may
 * choose otherwise; see StoreDialect.compactionUnitMs) the longest unit measured 13-15 ms, and
 * the whole store's longest block, appends included, 38-58 ms over three simulated minutes.
 * The first unit is small because its cost is unknown (after a long downtime each check has
 * hours of raw rows to fold: 50 checks' worth took 39 ms).
 */
export const DEFAULT_COMPACTION_PACING: UnitPacing = {
  initialRows: 16,
  maxRows: 2_000,
  targetMs: 8,
  pause: yieldToEventLoop,
};

/**
 * Folds raw results into minute rollups, minute rollups into hour rollups, and drops hour
 * rollups past retention. State changes are never touched.
 *
 * Windows are cut at whole buckets: raw results fold only once their minute lies entirely
 * before now - rawMs (so a raw result can outlive rawMs by up to a minute), and minute
 * rollups only once their hour lies entirely before now - minuteMs. That way each bucket is
 * normally built in one go from all of its rows, and its percentiles are exact.
 *
 * The work is cut into units of a few hundred checks, one transaction each, with a pause
 * between units (see forEachOldestUnit): a unit folds every whole bucket of its checks below
 * the cut and deletes exactly the rows it folded. Nothing is loaded into the process. A result
 * appended between two units is either folded by a later unit or left raw for the next run,
 * never lost or counted twice. Calling it again is harmless: folded rows are gone, and a
 * bucket that receives rows after it was built (a result appended late) is merged by the
 * upsert on (check_id, bucket, bucket_start) rather than written twice; see mergeOnConflict
 * for what a merge does to percentiles.
 *
 * Run it from one process at a time (the cluster's lease). On PostgreSQL each unit runs under
 * REPEATABLE READ, so the delete removes exactly the rows the insert read; a second compactor
 * racing on the same checks fails with a serialization error instead of counting rows twice.
 * Aborting pacing.signal stops it between units; what is done stays done.
 */
export async function compactResults(
  db: Kysely<StoreTables>,
  now: number,
  retention: Retention,
  pacing: UnitPacing = DEFAULT_COMPACTION_PACING,
): Promise<void> {
  const unitTransaction = (fn: (tx: Kysely<StoreTables>) => Promise<void>) => inTransaction(db, fn, 'repeatable read');

  // A pass that did work ends with a unit, so pause before the next pass starts its own.
  const pauseAfter = async (units: number) => {
    if (units > 0) await pacing.pause();
  };

  const rawCutoff = floorTo(now - retention.rawMs, MINUTE_MS);
  const oldestRaw = async (limit: number) => {
    const rows = await db.selectFrom('check_results').select('check_id').where('at', '<', rawCutoff).orderBy('at').limit(limit).execute();
    return rows.map((row) => row.check_id);
  };
  await pauseAfter(await forEachOldestUnit(oldestRaw, pacing, (ids) => unitTransaction((tx) => foldRawIntoMinutes(tx, ids, rawCutoff))));

  const minuteCutoff = floorTo(now - retention.minuteMs, HOUR_MS);
  const foldMinutes = (ids: string[]) => unitTransaction((tx) => foldMinutesIntoHours(tx, ids, minuteCutoff));
  await pauseAfter(await forEachOldestUnit(oldestRollups(db, 'minute', minuteCutoff), pacing, foldMinutes));

  // After the fold, as the hours it writes may already be past retention (hourMs < minuteMs).
  const hourCutoff = now - retention.hourMs;
  await forEachOldestUnit(oldestRollups(db, 'hour', hourCutoff), pacing, (ids) => unitTransaction((tx) => dropRollups(tx, ids, 'hour', hourCutoff)));
}

function oldestRollups(db: Kysely<StoreTables>, bucket: 'minute' | 'hour', before: number) {
  return async (limit: number): Promise<string[]> => {
    const rows = await db
      .selectFrom('check_rollups')
      .select('check_id')
      .where('bucket', '=', bucket)
      .where('bucket_start', '<', before)
      .orderBy('bucket_start')
      .limit(limit)
      .execute();
    return rows.map((row) => row.check_id);
  };
}

function floorTo(ms: number, bucketMs: number): number {
  return Math.floor(ms / bucketMs) * bucketMs;
}
