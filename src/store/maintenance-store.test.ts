import { describe, expect, it } from 'vitest';
import type { MaintenanceChange } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 7, 2, 0, 0);
const HOUR = 3_600_000;

function change(overrides: Partial<Omit<MaintenanceChange, 'id'>> = {}): Omit<MaintenanceChange, 'id'> {
  return { window: 'db-patching', occurrenceStart: T0, kind: 'extend', endsAt: T0 + 5 * HOUR, spec: null, by: 'alice', at: T0 + HOUR, ...overrides };
}

describe.each(testDialects)('maintenance store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('records a change and gives it back with its JSON spec', async () => {
    const spec = { title: 'Network', services: ['edge'], components: ['cdn'], message: 'Brief blips', nested: { n: 1 } };
    const created = await t.store.maintenance.addChange(change({ window: 'api:1', kind: 'create', endsAt: T0 + 2 * HOUR, spec }));
    expect(created).toEqual({ id: created.id, ...change({ window: 'api:1', kind: 'create', endsAt: T0 + 2 * HOUR, spec }) });
    const extended = await t.store.maintenance.addChange(change());
    expect(extended.spec).toBeNull();
    expect(await t.store.maintenance.changesBetween(T0, T0 + 1)).toEqual([created, extended]);
  });

  it('refuses a kind it does not know', async () => {
    await expect(t.store.maintenance.addChange(change({ kind: 'pause' as 'extend' }))).rejects.toThrow();
  });

  it('gives changes to occurrences starting in [from, to), and every change of an occurrence still running at from', async () => {
    const from = T0 + 24 * HOUR;
    const to = from + 24 * HOUR;
    const add = (overrides: Partial<Omit<MaintenanceChange, 'id'>>) => t.store.maintenance.addChange(change(overrides));
    const atFrom = await add({ window: 'w-at-from', occurrenceStart: from, kind: 'end-early', endsAt: from + HOUR });
    const inside = await add({ window: 'w-inside', occurrenceStart: from + HOUR, kind: 'extend', endsAt: from + 9 * HOUR });
    await add({ window: 'w-at-to', occurrenceStart: to, kind: 'extend', endsAt: to + 5 * HOUR });
    await add({ window: 'w-over-before', occurrenceStart: from - 10 * HOUR, kind: 'extend', endsAt: from - HOUR });
    await add({ window: 'w-ends-at-from', occurrenceStart: from - 10 * HOUR, kind: 'create', endsAt: from, spec: {} });
    // Created before the range and running into it, then extended and finally ended early before
    // `from`: the caller needs the whole history to know it is over.
    const created = await add({ window: 'api:7', occurrenceStart: from - 2 * HOUR, kind: 'create', endsAt: from + HOUR, spec: { title: 'x' }, at: from - 3 * HOUR });
    const extended = await add({ window: 'api:7', occurrenceStart: from - 2 * HOUR, kind: 'extend', endsAt: from + 3 * HOUR, at: from - 90 * 60_000 });
    const ended = await add({ window: 'api:7', occurrenceStart: from - 2 * HOUR, kind: 'end-early', endsAt: from - HOUR, at: from - HOUR });
    // Same window key, another occurrence before the range: not part of it.
    await add({ window: 'api:7', occurrenceStart: from - 30 * HOUR, kind: 'extend', endsAt: from - 20 * HOUR });

    const between = await t.store.maintenance.changesBetween(from, to);
    expect(between).toEqual([created, extended, ended, atFrom, inside]);
  });

  it('announces an occurrence once; another occurrence or window is its own', async () => {
    expect(await t.store.maintenance.markAnnounced('db-patching', T0, T0 - 7 * 24 * HOUR)).toBe(true);
    expect(await t.store.maintenance.markAnnounced('db-patching', T0, T0 - 7 * 24 * HOUR + 1)).toBe(false);
    expect(await t.store.maintenance.markAnnounced('db-patching', T0 + 7 * 24 * HOUR, T0)).toBe(true);
    expect(await t.store.maintenance.markAnnounced('network', T0, T0)).toBe(true);
    const rows = await t.target.query('select window_key, occurrence_start, announced_at from maintenance_announcements order by window_key, occurrence_start');
    expect(rows.map((row) => [row['window_key'], Number(row['occurrence_start']), Number(row['announced_at'])])).toEqual([
      ['db-patching', T0, T0 - 7 * 24 * HOUR],
      ['db-patching', T0 + 7 * 24 * HOUR, T0],
      ['network', T0, T0],
    ]);
  });

  it('announces once when two stores race for the same occurrences', async () => {
    const other = await t.reopen();
    const starts = Array.from({ length: 20 }, (_, i) => T0 + i * 24 * HOUR);
    const outcomes = await Promise.all(starts.flatMap((start) => [t.store, other].map(async (store) => ({ start, announced: await store.maintenance.markAnnounced('db-patching', start, T0) }))));
    for (const start of starts) {
      expect(outcomes.filter((o) => o.start === start).map((o) => o.announced).sort()).toEqual([false, true]);
    }
  });

  it('is part of a transaction: an announcement rolled back can be made again', async () => {
    await expect(
      t.store.withTransaction(async (tx) => {
        expect(await tx.maintenance.markAnnounced('db-patching', T0, T0)).toBe(true);
        throw new Error('send failed');
      }),
    ).rejects.toThrow('send failed');
    expect(await t.store.maintenance.markAnnounced('db-patching', T0, T0)).toBe(true);
  });
});
