import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-result.ts';
import { nextUnitSize, yieldToEventLoop } from './compaction-units.ts';
import type { UnitPacing } from './compaction-units.ts';
import { openPostgres } from './dialect/postgres-dialect.ts';
import { openSqlite } from './dialect/sqlite-dialect.ts';
import { SQLITE_FILE_NAME } from './open-store.ts';
import type { Retention } from './ports.ts';
import { compactResults } from './results-compaction.ts';
import type { StoreTables } from './store-tables.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';
import type { StoreTarget, TestDialect } from './store-test-dialects.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const H = Date.UTC(2026, 0, 5, 12, 0, 0);

function run(checkId: string, at: number, durationMs: number, ok = true): CheckResult {
  return { checkId, at, durationMs, ok, error: ok ? null : 'timeout', conditions: [] };
}

/** 1..100 ms in a scrambled order over one minute, every tenth failing: p50 50, p95 95, p99 99, max 100. */
function hundredRuns(checkId: string, minute: number): CheckResult[] {
  return Array.from({ length: 100 }, (_, i) => {
    const durationMs = ((i * 37) % 100) + 1;
    return run(checkId, minute + i * 500, durationMs, durationMs % 10 !== 0);
  });
}

const checks = (n: number) => Array.from({ length: n }, (_, i) => `svc${String(i).padStart(2, '0')}/check`);

/** Units of exactly `rows` oldest rows, counting the pauses between them; `between` runs in each pause. */
function smallUnits(rows: number, between: (pause: number) => Promise<void> = async () => {}, signal?: AbortSignal) {
  const pacing: UnitPacing & { pauses: number } = {
    initialRows: rows,
    maxRows: rows,
    targetMs: 60_000,
    pauses: 0,
    async pause() {
      pacing.pauses++;
      await between(pacing.pauses);
      await yieldToEventLoop();
    },
    ...(signal ? { signal } : {}),
  };
  return pacing;
}

/** A second handle on the test's database, to drive compactResults with chosen pacing beside the store. */
async function openBeside(dialect: TestDialect, target: StoreTarget): Promise<Kysely<StoreTables>> {
  if (dialect.name === 'sqlite') return openSqlite(join(target.options.dataDir, SQLITE_FILE_NAME)).db;
  return openPostgres(target.options.databaseUrl ?? '', target.options.schema);
}

describe.each(testDialects)('compaction in units on $name', (dialect) => {
  const t = useTestStore(dialect);

  async function compact(now: number, retention: Retention, pacing: UnitPacing): Promise<void> {
    const db = await openBeside(dialect, t.target);
    try {
      await compactResults(db, now, retention, pacing);
    } finally {
      await db.destroy();
    }
  }

  it('folds in many small units to exactly the rollups of one big fold', async () => {
    const ids = checks(30);
    await t.store.results.append(ids.flatMap((id) => [...hundredRuns(id, H), run(id, H + 5 * MINUTE, 7)]));
    const seen: number[] = [];
    const pacing = smallUnits(7, async () => void seen.push((await t.store.results.stats()).minuteRollups));
    await compact(H + 6 * MINUTE, { rawMs: 2 * MINUTE, minuteMs: 100 * HOUR, hourMs: 100 * HOUR }, pacing);

    // The 7 oldest rows are 7 checks at the minute's first instant: a unit folds 7 checks.
    expect(seen.slice(0, 4)).toEqual([7, 14, 21, 28]);
    for (const id of ids) {
      expect(await t.store.results.rollups(id, 'minute', 0, Infinity)).toEqual([
        { checkId: id, bucket: 'minute', start: H, runs: 100, failures: 10, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 },
      ]);
    }
    expect(await t.store.results.stats()).toEqual({ rawResults: 30, minuteRollups: 30, hourRollups: 0, stateChanges: 0 });
  });

  it('folds the hour of minute rollups in small units too', async () => {
    const ids = checks(12);
    // Minutes 0, 1 and 59 of hour H, two runs each: (10 ms, 20 ms failing), (30, 40), (50, 60).
    await t.store.results.append(
      ids.flatMap((id) => [
        run(id, H, 10),
        run(id, H + 1, 20, false),
        run(id, H + MINUTE, 30),
        run(id, H + MINUTE + 1, 40),
        run(id, H + 59 * MINUTE, 50),
        run(id, H + 59 * MINUTE + 1, 60),
      ]),
    );
    await t.store.results.compact(H + HOUR, { rawMs: 0, minuteMs: 100 * HOUR, hourMs: 100 * HOUR });
    expect((await t.store.results.stats()).minuteRollups).toBe(36);

    // No raw rows left: every pause is in or after the hour fold. Its first units each take
    // the 5 oldest minute rollups, 5 checks' minute H, and fold those checks' whole hour.
    const seen: number[] = [];
    const pacing = smallUnits(5, async () => void seen.push((await t.store.results.stats()).minuteRollups));
    await compact(H + 2 * HOUR, { rawMs: 0, minuteMs: 0, hourMs: 100 * HOUR }, pacing);
    expect(seen.slice(0, 2)).toEqual([21, 6]);
    for (const id of ids) {
      const [hour, ...more] = await t.store.results.rollups(id, 'hour', 0, Infinity);
      expect(more).toEqual([]);
      expect(hour).toMatchObject({ checkId: id, start: H, runs: 6, failures: 1, p99Ms: 60, maxMs: 60 });
      // The minutes' p50s are 10, 30 and 50 (nearest rank of two runs is the smaller), equally weighted.
      expect(hour?.p50Ms).toBeCloseTo(30, 9);
    }
    expect(await t.store.results.stats()).toEqual({ rawResults: 0, minuteRollups: 0, hourRollups: 12, stateChanges: 0 });
  });

  it('folds results appended between units once (late ones merged), and leaves newer ones raw', async () => {
    const ids = checks(10);
    await t.store.results.append(ids.flatMap((id) => [run(id, H + 1_000, 10), run(id, H + 31_000, 20)]));
    const retention: Retention = { rawMs: MINUTE, minuteMs: 100 * HOUR, hourMs: 100 * HOUR };
    const now = H + 2 * MINUTE;
    let folded: string[] = [];
    const pacing = smallUnits(3, async (pause) => {
      if (pause !== 1) return;
      const rollups = await Promise.all(ids.map((id) => t.store.results.rollups(id, 'minute', 0, Infinity)));
      folded = ids.filter((_, i) => (rollups[i] ?? []).length > 0);
      const waiting = ids.filter((id) => !folded.includes(id));
      await t.store.results.append([
        // Late: its minute of an already folded check is below the cut.
        run(folded[0] ?? '', H + 59_000, 1000, false),
        // Below the cut for a check not folded yet.
        run(waiting[0] ?? '', H + 59_000, 2000, false),
        // Above the cut: stays raw.
        run(waiting[1] ?? '', H + MINUTE + 1_000, 5),
      ]);
    });
    await compact(now, retention, pacing);

    expect(folded.length).toBeGreaterThan(0);
    expect(folded.length).toBeLessThan(ids.length);
    const rollups = (await Promise.all(ids.map((id) => t.store.results.rollups(id, 'minute', 0, Infinity)))).flat();
    expect(rollups).toHaveLength(ids.length);
    // 20 runs appended first and 2 late ones below the cut; each counted exactly once.
    expect(rollups.reduce((sum, r) => sum + r.runs, 0)).toBe(22);
    expect(rollups.filter((r) => r.runs === 3).map((r) => [r.failures, r.maxMs]).sort()).toEqual([
      [1, 1000],
      [1, 2000],
    ]);
    expect((await t.store.results.stats()).rawResults).toBe(1);
    // And running it again changes nothing.
    await t.store.results.compact(now, retention);
    expect((await Promise.all(ids.map((id) => t.store.results.rollups(id, 'minute', 0, Infinity)))).flat()).toEqual(rollups);
  });

  it('stops between units once aborted, and the next run finishes the job', async () => {
    const ids = checks(20);
    await t.store.results.append(ids.flatMap((id) => hundredRuns(id, H)));
    const retention: Retention = { rawMs: MINUTE, minuteMs: 100 * HOUR, hourMs: 100 * HOUR };
    const abort = new AbortController();
    await compact(H + 3 * MINUTE, retention, smallUnits(4, async () => abort.abort(), abort.signal));

    // One unit: the 4 oldest rows' checks.
    expect(await t.store.results.stats()).toMatchObject({ rawResults: 1_600, minuteRollups: 4 });
    await t.store.results.compact(H + 3 * MINUTE, retention, { signal: new AbortController().signal });
    expect(await t.store.results.stats()).toMatchObject({ rawResults: 0, minuteRollups: 20 });
    for (const id of ids) expect((await t.store.results.rollups(id, 'minute', 0, Infinity))[0]).toMatchObject({ runs: 100, p50Ms: 50 });
  });

  it('does nothing when aborted before it starts', async () => {
    await t.store.results.append(hundredRuns('web/a', H));
    await t.store.results.compact(H + 3 * MINUTE, { rawMs: MINUTE, minuteMs: HOUR, hourMs: HOUR }, { signal: AbortSignal.abort() });
    expect(await t.store.results.stats()).toMatchObject({ rawResults: 100, minuteRollups: 0 });
  });
});

describe('nextUnitSize', () => {
  const pacing = { maxRows: 1_000, targetMs: 10 };
  it.each([
    { size: 100, elapsedMs: 10, next: 100, why: 'on target: unchanged' },
    { size: 100, elapsedMs: 20, next: 50, why: 'twice too slow: halved' },
    { size: 100, elapsedMs: 1, next: 200, why: 'ten times too fast: at most doubled' },
    { size: 100, elapsedMs: 0, next: 200, why: 'too quick to time: doubled' },
    { size: 800, elapsedMs: 5, next: 1_000, why: 'never above maxRows' },
    { size: 3, elapsedMs: 1_000, next: 1, why: 'never below one row' },
  ])('$why', ({ size, elapsedMs, next }) => {
    expect(nextUnitSize(size, elapsedMs, pacing)).toBe(next);
  });
});
