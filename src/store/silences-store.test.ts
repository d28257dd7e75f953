import { describe, expect, it } from 'vitest';
import type { SilenceRecord } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HOUR = 3_600_000;

function silence(overrides: Partial<SilenceRecord> = {}): Omit<SilenceRecord, 'id' | 'expiredAt' | 'noticeSentAt'> {
  return {
    matchers: [
      { label: 'service', op: '=', value: 'web' },
      { label: 'rule', op: '=~', value: 'latency|errors' },
    ],
    startsAt: T0,
    endsAt: T0 + HOUR,
    author: 'ana',
    comment: 'deploying',
    createdAt: T0,
    ...overrides,
  };
}

describe.each(testDialects)('silences store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('creates and reads a silence with its matchers', async () => {
    const created = await t.store.silences.create(silence());
    expect(created).toEqual({ ...silence(), id: created.id, expiredAt: null, noticeSentAt: null });
    expect(await t.store.silences.get(created.id)).toEqual(created);
    expect(await t.store.silences.get(created.id + 1000)).toBeNull();
  });

  it('lists current silences (active or pending, not ended) by start', async () => {
    const ended = await t.store.silences.create(silence({ startsAt: T0 - 2 * HOUR, endsAt: T0 }));
    const active = await t.store.silences.create(silence({ startsAt: T0 - HOUR, endsAt: T0 + 1 }));
    const pending = await t.store.silences.create(silence({ startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR }));
    const early = await t.store.silences.create(silence({ startsAt: T0 - 3 * HOUR, endsAt: T0 + 3 * HOUR }));
    expect((await t.store.silences.current(T0)).map((s) => s.id)).toEqual([early.id, active.id, pending.id]);
    expect((await t.store.silences.current(T0 + 1)).map((s) => s.id)).toEqual([early.id, pending.id]);
    expect((await t.store.silences.current(T0 - HOUR)).map((s) => s.id)).toEqual([early.id, ended.id, active.id, pending.id]);
  });

  it('expires a silence early, once, moving its end to that time', async () => {
    const active = await t.store.silences.create(silence());
    expect(await t.store.silences.expire(active.id, T0 + 600_000)).toBe(true);
    expect(await t.store.silences.get(active.id)).toMatchObject({ startsAt: T0, endsAt: T0 + 600_000, expiredAt: T0 + 600_000 });
    expect(await t.store.silences.current(T0 + 600_000)).toEqual([]);
    // Already ended: the first expiry stands.
    expect(await t.store.silences.expire(active.id, T0 + 700_000)).toBe(false);
    expect(await t.store.silences.expire(9_999, T0)).toBe(false);
    expect((await t.store.silences.get(active.id))?.expiredAt).toBe(T0 + 600_000);

    // A pending silence expired before it starts closes to an empty window at that time.
    const pending = await t.store.silences.create(silence({ startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR }));
    expect(await t.store.silences.expire(pending.id, T0)).toBe(true);
    expect(await t.store.silences.get(pending.id)).toMatchObject({ startsAt: T0, endsAt: T0, expiredAt: T0 });
  });

  it('lists newest first with the total, and remembers the expiry notice', async () => {
    const a = await t.store.silences.create(silence({ createdAt: T0 }));
    const b = await t.store.silences.create(silence({ createdAt: T0 + 2 }));
    const c = await t.store.silences.create(silence({ createdAt: T0 + 1 }));
    await t.store.silences.expire(a.id, T0 + 5);
    const page = await t.store.silences.list(2, 0);
    expect({ ids: page.items.map((s) => s.id), total: page.total }).toEqual({ ids: [b.id, c.id], total: 3 });
    expect((await t.store.silences.list(2, 2)).items.map((s) => s.id)).toEqual([a.id]);

    await t.store.silences.markNoticeSent(b.id, T0 + 50);
    expect((await t.store.silences.get(b.id))?.noticeSentAt).toBe(T0 + 50);
    expect((await t.store.silences.get(c.id))?.noticeSentAt).toBeNull();
  });
});
