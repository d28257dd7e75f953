import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-result.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function result(checkId: string, at: number, overrides: Partial<CheckResult> = {}): CheckResult {
  return { checkId, at, durationMs: 12.5, ok: true, error: null, conditions: [{ text: '[STATUS] (200) == 200', ok: true }], ...overrides };
}

describe.each(testDialects)('results store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('appends a batch and reads it back newest first, with every field intact', async () => {
    const failing = result('web/home', T0 + 2_000, {
      ok: false,
      durationMs: 301.25,
      error: null,
      conditions: [
        { text: '[STATUS] (503) == 200', ok: false },
        { text: '[RESPONSE_TIME] (301) < 300', ok: false },
      ],
    });
    const unreachable = result('web/home', T0 + 3_000, { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:9', conditions: [] });
    await t.store.results.append([result('web/home', T0), result('web/api', T0 + 1_000), failing, unreachable]);

    expect(await t.store.results.recent('web/home', 10)).toEqual([unreachable, failing, result('web/home', T0)]);
    expect(await t.store.results.recent('web/home', 1)).toEqual([unreachable]);
    expect(await t.store.results.recent('web/none', 5)).toEqual([]);
  });

  it('since() returns every check from the given time on, oldest first', async () => {
    await t.store.results.append([result('a/x', T0 + 3), result('b/y', T0 + 1), result('a/x', T0 + 2), result('b/y', T0 + 4)]);
    const since = await t.store.results.since(T0 + 2);
    expect(since.map((r) => [r.checkId, r.at])).toEqual([
      ['a/x', T0 + 2],
      ['a/x', T0 + 3],
      ['b/y', T0 + 4],
    ]);
  });

  it('latestPerCheck() gives one newest result per check, later insert winning a tie', async () => {
    await t.store.results.append([result('a/x', T0), result('a/x', T0 + 5), result('b/y', T0 + 1)]);
    await t.store.results.append([result('b/y', T0 + 1, { ok: false, durationMs: 99 })]);
    const latest = await t.store.results.latestPerCheck();
    expect(latest.map((r) => [r.checkId, r.at, r.ok])).toEqual([
      ['a/x', T0 + 5, true],
      ['b/y', T0 + 1, false],
    ]);
  });

  it('keeps awkward text intact: quotes, backslashes, braces, commas, newlines, Unicode', async () => {
    // PostgreSQL appends the batch as array parameters, whose text form escapes exactly these.
    const awkward = 'a "quoted", {braced} \\back\\slashed\nline, NULL, \'single\' – ünïcödé 🚦';
    const rows = [
      result(`web/${awkward}`, T0, { ok: false, error: awkward, conditions: [{ text: awkward, ok: false }] }),
      result('web/"', T0 + 1, { error: 'NULL', durationMs: 0.1 + 0.2 }),
      result('web/{}', T0 + 2, { error: '', durationMs: 1e-7, conditions: [] }),
    ];
    await t.store.results.append(rows);
    expect(await t.store.results.recent(`web/${awkward}`, 5)).toEqual([rows[0]]);
    expect(await t.store.results.recent('web/"', 5)).toEqual([rows[1]]);
    expect(await t.store.results.recent('web/{}', 5)).toEqual([rows[2]]);
  });

  it('appends inside withTransaction: committed with it, or rolled back with it', async () => {
    await t.store.withTransaction(async (tx) => {
      await tx.results.append([result('a/x', T0), result('a/x', T0 + 1)]);
      await tx.audit.append({ at: T0, actor: 'test', action: 'append', target: 'a/x', data: null });
    });
    await expect(
      t.store.withTransaction(async (tx) => {
        await tx.results.append([result('a/x', T0 + 2)]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await t.store.results.recent('a/x', 10)).map((r) => r.at)).toEqual([T0 + 1, T0]);
    // The store is usable afterwards: the rolled-back transaction let go of the connection.
    await t.store.results.append([result('a/x', T0 + 3)]);
    expect((await t.store.results.stats()).rawResults).toBe(3);
  });

  it('an empty batch is a no-op', async () => {
    await t.store.results.append([]);
    expect((await t.store.results.stats()).rawResults).toBe(0);
  });

  it('a failing batch leaves nothing behind (one transaction)', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => result('a/x', T0 + i));
    // A NOT NULL column given null, near the end, after 1,100 rows went in fine.
    rows[1_100] = { ...result('a/x', T0), checkId: null as unknown as string };
    await expect(t.store.results.append(rows)).rejects.toThrow();
    expect((await t.store.results.stats()).rawResults).toBe(0);
  });

  it('appends 10,000 results in well under a second', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => result(`svc${i % 500}/check`, T0 + i, { ok: i % 7 !== 0 }));
    const started = performance.now();
    await t.store.results.append(rows);
    const elapsedMs = performance.now() - started;
    console.info(`${dialect.name}: appended 10,000 results in ${elapsedMs.toFixed(0)} ms (${Math.round(10_000 / (elapsedMs / 1_000))}/s)`);
    expect((await t.store.results.stats()).rawResults).toBe(10_000);
    // Generous for a busy CI box; row-at-a-time inserts take several times this.
    expect(elapsedMs).toBeLessThan(dialect.name === 'sqlite' ? 1_000 : 3_000);
  });

  it('records state changes and lists them newest first per check', async () => {
    await t.store.results.recordStateChange({ checkId: 'a/x', at: T0, ok: false, reason: '[STATUS] (503) == 200' });
    await t.store.results.recordStateChange({ checkId: 'a/x', at: T0 + 60_000, ok: true, reason: '' });
    await t.store.results.recordStateChange({ checkId: 'b/y', at: T0, ok: false, reason: 'timeout' });
    expect(await t.store.results.stateChanges('a/x', 10)).toEqual([
      { checkId: 'a/x', at: T0 + 60_000, ok: true, reason: '' },
      { checkId: 'a/x', at: T0, ok: false, reason: '[STATUS] (503) == 200' },
    ]);
    expect(await t.store.results.stateChanges('a/x', 1)).toHaveLength(1);
    expect((await t.store.results.stats()).stateChanges).toBe(3);
  });
});
