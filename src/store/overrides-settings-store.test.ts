import { describe, expect, it } from 'vitest';
import type { OverrideRecord } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HOUR = 3_600_000;

function override(from: number, to: number, overrides: Partial<OverrideRecord> = {}): Omit<OverrideRecord, 'id'> {
  return { schedule: 'primary', user: 'ana', from, to, createdBy: 'token:lead', createdAt: T0, ...overrides };
}

describe.each(testDialects)('overrides store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('finds the overrides of one schedule that overlap a half-open window, by start', async () => {
    const before = await t.store.overrides.create(override(T0 - 2 * HOUR, T0));
    const spanning = await t.store.overrides.create(override(T0 - HOUR, T0 + 3 * HOUR, { user: 'bo' }));
    const inside = await t.store.overrides.create(override(T0 + HOUR, T0 + 2 * HOUR));
    const after = await t.store.overrides.create(override(T0 + 4 * HOUR, T0 + 5 * HOUR));
    await t.store.overrides.create(override(T0, T0 + HOUR, { schedule: 'secondary' }));
    expect(spanning).toEqual({ ...override(T0 - HOUR, T0 + 3 * HOUR, { user: 'bo' }), id: spanning.id });

    const ids = async (from: number, to: number) => (await t.store.overrides.between('primary', from, to)).map((o) => o.id);
    // Ending at T0 does not overlap [T0, ...); starting at T0+4h does not overlap [..., T0+4h).
    expect(await ids(T0, T0 + 4 * HOUR)).toEqual([spanning.id, inside.id]);
    expect(await ids(T0 - 1, T0 + 4 * HOUR + 1)).toEqual([before.id, spanning.id, inside.id, after.id]);
    expect(await ids(T0 + 6 * HOUR, T0 + 7 * HOUR)).toEqual([]);
    expect(await t.store.overrides.between('nobody', T0 - HOUR, T0 + HOUR)).toEqual([]);
  });

  it('removes an override once', async () => {
    const created = await t.store.overrides.create(override(T0, T0 + HOUR));
    expect(await t.store.overrides.remove(created.id)).toBe(true);
    expect(await t.store.overrides.remove(created.id)).toBe(false);
    expect(await t.store.overrides.between('primary', T0, T0 + HOUR)).toEqual([]);
  });

  it('refuses an override that ends before it starts', async () => {
    await expect(t.store.overrides.create(override(T0, T0))).rejects.toThrow();
  });
});

describe.each(testDialects)('settings store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('sets a value once and keeps it', async () => {
    expect(await t.store.settings.get('feed-secret')).toBeNull();
    expect(await t.store.settings.setIfAbsent('feed-secret', 'first')).toBe('first');
    expect(await t.store.settings.setIfAbsent('feed-secret', 'second')).toBe('first');
    expect(await t.store.settings.get('feed-secret')).toBe('first');
    expect(await t.store.settings.get('other')).toBeNull();
  });

  it('gives racing callers, in one process or two, the same value', async () => {
    const other = await t.reopen();
    const values = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? t.store : other).settings.setIfAbsent('feed-secret', `candidate-${i}`)),
    );
    expect(new Set(values).size).toBe(1);
    expect(await t.store.settings.get('feed-secret')).toBe(values[0]);
  });
});
