import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-result.ts';
import type { Retention, StorageStats } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** On an hour boundary, so minute and hour buckets line up with it. */
const H = Date.UTC(2026, 0, 5, 12, 0, 0);

function run(checkId: string, at: number, durationMs: number, ok = true): CheckResult {
  return { checkId, at, durationMs, ok, error: ok ? null : 'timeout', conditions: [] };
}

/** 1..100 ms in a scrambled order over one minute; every tenth run failing. */
function hundredRuns(checkId: string, minute: number): CheckResult[] {
  return Array.from({ length: 100 }, (_, i) => {
    const durationMs = ((i * 37) % 100) + 1;
    return run(checkId, minute + i * 500, durationMs, durationMs % 10 !== 0);
  });
}

const keepAll: Retention = { rawMs: 100 * HOUR, minuteMs: 100 * HOUR, hourMs: 100 * HOUR };

describe.each(testDialects)('results compaction on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('folds old raw results into minute rollups with exact counts and nearest-rank percentiles', async () => {
    await t.store.results.append([
      ...hundredRuns('web/a', H),
      run('web/b', H + MINUTE + 1, 5),
      run('web/b', H + MINUTE + 2, 1),
      run('web/b', H + MINUTE + 3, 3),
      run('web/a', H + 5 * MINUTE, 7),
    ]);
    // now - rawMs = H + 4m: minutes H and H+1m are past the raw window, H+5m is not.
    await t.store.results.compact(H + 6 * MINUTE, { ...keepAll, rawMs: 2 * MINUTE });

    expect(await t.store.results.rollups('web/a', 'minute', H, H + HOUR)).toEqual([
      { checkId: 'web/a', bucket: 'minute', start: H, runs: 100, failures: 10, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 },
    ]);
    // Three runs: p50 is the 2nd smallest, p95 and p99 the 3rd.
    expect(await t.store.results.rollups('web/b', 'minute', H, H + HOUR)).toEqual([
      { checkId: 'web/b', bucket: 'minute', start: H + MINUTE, runs: 3, failures: 0, p50Ms: 3, p95Ms: 5, p99Ms: 5, maxMs: 5 },
    ]);
    expect((await t.store.results.recent('web/a', 10)).map((r) => r.at)).toEqual([H + 5 * MINUTE]);
    expect(await t.store.results.stats()).toEqual({ rawResults: 1, minuteRollups: 2, hourRollups: 0, stateChanges: 0 });
  });

  it('keeps a raw result until its whole minute is past the raw window', async () => {
    await t.store.results.append([run('web/a', H - 50_000, 1), run('web/a', H + 10_000, 2)]);
    // now - rawMs = H + 30s: the result at H + 10s is older, but its minute is not over yet.
    await t.store.results.compact(H + 2 * MINUTE + 30_000, { ...keepAll, rawMs: 2 * MINUTE });
    expect((await t.store.results.recent('web/a', 10)).map((r) => r.at)).toEqual([H + 10_000]);
    expect((await t.store.results.rollups('web/a', 'minute', 0, Infinity)).map((r) => r.start)).toEqual([H - MINUTE]);
  });

  it('is idempotent: compacting again changes nothing', async () => {
    await t.store.results.append([...hundredRuns('web/a', H), ...hundredRuns('web/a', H + MINUTE), run('web/a', H + 10 * MINUTE, 1)]);
    const retention = { ...keepAll, rawMs: 5 * MINUTE };
    await t.store.results.compact(H + 10 * MINUTE, retention);
    const rollups = await t.store.results.rollups('web/a', 'minute', 0, Infinity);
    const stats = await t.store.results.stats();
    await t.store.results.compact(H + 10 * MINUTE, retention);
    await t.store.results.compact(H + 10 * MINUTE + 1, retention);
    expect(await t.store.results.rollups('web/a', 'minute', 0, Infinity)).toEqual(rollups);
    expect(await t.store.results.stats()).toEqual(stats);
    expect(stats).toEqual({ rawResults: 1, minuteRollups: 2, hourRollups: 0, stateChanges: 0 });
  });

  it('merges results that arrive after their minute was folded instead of duplicating the bucket', async () => {
    await t.store.results.append(hundredRuns('web/a', H));
    const retention = { ...keepAll, rawMs: MINUTE };
    await t.store.results.compact(H + 3 * MINUTE, retention);
    await t.store.results.append([run('web/a', H + 59_000, 1000, false), run('web/a', H + 59_500, 2000, false)]);
    await t.store.results.compact(H + 3 * MINUTE, retention);

    const [merged, ...more] = await t.store.results.rollups('web/a', 'minute', 0, Infinity);
    expect(more).toEqual([]);
    expect(merged).toMatchObject({ start: H, runs: 102, failures: 12, p99Ms: 2000, maxMs: 2000 });
    // p50 and p95 merge as run-weighted means: the late pair has p50 1000 and p95 2000.
    expect(merged?.p50Ms).toBeCloseTo((50 * 100 + 1000 * 2) / 102, 9);
    expect(merged?.p95Ms).toBeCloseTo((95 * 100 + 2000 * 2) / 102, 9);
    expect((await t.store.results.stats()).rawResults).toBe(0);
  });

  it('folds minute rollups into hour rollups once their hour is past the minute window', async () => {
    await t.store.results.append([
      run('web/a', H, 10),
      run('web/a', H + 1, 20, false),
      run('web/a', H + MINUTE, 30),
      run('web/a', H + 59 * MINUTE, 40),
      run('web/a', H + 59 * MINUTE + 1, 50),
      run('web/a', H + 59 * MINUTE + 2, 60),
      run('web/a', H + HOUR + MINUTE, 70),
    ]);
    // now - minuteMs = H + 1h + 1m: hour H is over, hour H+1h is not.
    await t.store.results.compact(H + HOUR + 2 * MINUTE, { rawMs: 0, minuteMs: MINUTE, hourMs: 100 * HOUR });

    const [hour, ...more] = await t.store.results.rollups('web/a', 'hour', 0, Infinity);
    expect(more).toEqual([]);
    expect(hour).toMatchObject({ checkId: 'web/a', bucket: 'hour', start: H, runs: 6, failures: 1, p99Ms: 60, maxMs: 60 });
    // Minutes were (runs, p50, p95): (2, 10, 20), (1, 30, 30), (3, 50, 60).
    expect(hour?.p50Ms).toBeCloseTo((2 * 10 + 30 + 3 * 50) / 6, 9);
    expect(hour?.p95Ms).toBeCloseTo((2 * 20 + 30 + 3 * 60) / 6, 9);
    expect((await t.store.results.rollups('web/a', 'minute', 0, Infinity)).map((r) => r.start)).toEqual([H + HOUR + MINUTE]);
  });

  it('drops hour rollups past retention and never touches state changes', async () => {
    await t.store.results.append([run('web/a', H, 10), run('web/a', H + 3 * HOUR, 10)]);
    await t.store.results.recordStateChange({ checkId: 'web/a', at: H, ok: false, reason: 'timeout' });
    const retention = { rawMs: 0, minuteMs: 0, hourMs: 2 * HOUR };
    await t.store.results.compact(H + 4 * HOUR, retention);
    // Hour H started more than 2h before now and is gone; hour H+3h stays.
    expect((await t.store.results.rollups('web/a', 'hour', 0, Infinity)).map((r) => r.start)).toEqual([H + 3 * HOUR]);
    await t.store.results.compact(H + 100 * HOUR, retention);
    expect(await t.store.results.stats()).toEqual({ rawResults: 0, minuteRollups: 0, hourRollups: 0, stateChanges: 1 });
    expect(await t.store.results.stateChanges('web/a', 5)).toHaveLength(1);
  });

  it('levels storage off when results keep coming and compaction runs every few minutes', async () => {
    const checks = ['a/1', 'a/2', 'b/1', 'b/2'];
    const retention: Retention = { rawMs: 10 * MINUTE, minuteMs: HOUR, hourMs: 3 * HOUR };
    const step = 5 * MINUTE;
    const seen: StorageStats[] = [];
    for (let now = H + step; now <= H + 8 * HOUR; now += step) {
      const batch: CheckResult[] = [];
      for (let at = now - step; at < now; at += 30_000) for (const id of checks) batch.push(run(id, at, (at / 1000) % 97));
      await t.store.results.append(batch);
      await t.store.results.compact(now, retention);
      seen.push(await t.store.results.stats());
    }
    // The raw window holds rawMs plus up to a minute (whole buckets) plus one step of results,
    // minute rollups up to minuteMs plus the hour not yet over, and hour rollups the hours
    // between the minute window and now - hourMs, plus one.
    const perMinute = checks.length * 2;
    const bounds = { raw: perMinute * (10 + 1 + 5), minute: checks.length * (60 + 60 + 5), hour: checks.length * (3 - 1 + 1) };
    const lastFiveHours = seen.slice(-60);
    expect(Math.max(...lastFiveHours.map((s) => s.rawResults))).toBeLessThanOrEqual(bounds.raw);
    expect(Math.max(...lastFiveHours.map((s) => s.minuteRollups))).toBeLessThanOrEqual(bounds.minute);
    expect(Math.max(...lastFiveHours.map((s) => s.hourRollups))).toBeLessThanOrEqual(bounds.hour);
    // And it does keep data: ten minutes raw, the rest of the hour as minutes, two hours of hours.
    expect(seen.at(-1)?.rawResults).toBeGreaterThanOrEqual(perMinute * 10);
    expect(seen.at(-1)?.minuteRollups).toBeGreaterThanOrEqual(checks.length * 50);
    expect(seen.at(-1)?.hourRollups).toBeGreaterThanOrEqual(checks.length * 2);
  });
});
