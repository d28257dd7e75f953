import { describe, expect, it } from 'vitest';
import type { InboundEvent } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function event(i: number, overrides: Partial<InboundEvent> = {}): Omit<InboundEvent, 'id'> {
  return {
    source: 'events-v2',
    integration: 'pd',
    action: 'trigger',
    alertKey: `events-v2:pd/k${i}`,
    body: JSON.stringify({ routing_key: 'x', event_action: 'trigger', dedup_key: `k${i}` }),
    // Equal times on purpose: order must come from arrival, not from the caller's clock.
    receivedAt: T0,
    ...overrides,
  };
}

describe.each(testDialects)('inbound events store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('appends 3,000 events in one call, ids in order', async () => {
    const events = Array.from({ length: 3_000 }, (_, i) => event(i));
    await t.store.inboundEvents.append(events);
    expect(await t.store.inboundEvents.count()).toBe(3_000);
    const page = await t.store.inboundEvents.list({ limit: 3_000, offset: 0 });
    expect(page.total).toBe(3_000);
    // Newest first: the last appended comes first, and ids fall strictly along the way.
    expect(page.items.map((e) => e.alertKey)).toEqual(events.map((e) => e.alertKey).reverse());
    expect(page.items.every((e, i) => i === 0 || e.id < page.items[i - 1]!.id)).toBe(true);
    expect(page.items[0]).toEqual({ ...events[2_999], id: page.items[0]!.id });
  });

  it('appends all or nothing: a bad row in a later chunk leaves no row of the call', async () => {
    const events = Array.from({ length: 2_500 }, (_, i) => event(i));
    events[2_400] = { ...event(2_400), body: null as unknown as string };
    await expect(t.store.inboundEvents.append(events)).rejects.toThrow();
    expect(await t.store.inboundEvents.count()).toBe(0);
    await t.store.inboundEvents.append([]);
    expect(await t.store.inboundEvents.count()).toBe(0);
  });

  it('appends inside a transaction and rolls back with it', async () => {
    await expect(
      t.store.withTransaction(async (tx) => {
        await tx.inboundEvents.append(Array.from({ length: 1_500 }, (_, i) => event(i)));
        await tx.inboundEvents.append([event(9)]);
        expect(await tx.inboundEvents.count()).toBe(1_501);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.store.inboundEvents.count()).toBe(0);
  });

  it('counts and lists by source and integration, newest first, with the total', async () => {
    await t.store.inboundEvents.append([
      event(1),
      event(2, { source: 'alertmanager', integration: 'am', action: 'firing' }),
      event(3, { integration: 'pd2', alertKey: null }),
    ]);
    await t.store.inboundEvents.append([event(4, { source: 'events-v2-change', action: 'change', alertKey: null })]);
    expect(await t.store.inboundEvents.count({ source: 'events-v2' })).toBe(2);
    expect(await t.store.inboundEvents.count({ integration: 'pd' })).toBe(2);
    expect(await t.store.inboundEvents.count({ source: 'events-v2', integration: 'pd' })).toBe(1);
    expect(await t.store.inboundEvents.count({ integration: 'none' })).toBe(0);

    const keysOf = async (filter: Parameters<typeof t.store.inboundEvents.list>[0]) => {
      const page = await t.store.inboundEvents.list(filter);
      return { actions: page.items.map((e) => `${e.integration}:${e.action}`), total: page.total };
    };
    expect(await keysOf({ limit: 2, offset: 0 })).toEqual({ actions: ['pd:change', 'pd2:trigger'], total: 4 });
    expect(await keysOf({ limit: 2, offset: 2 })).toEqual({ actions: ['am:firing', 'pd:trigger'], total: 4 });
    expect(await keysOf({ integration: 'pd', limit: 10, offset: 0 })).toEqual({ actions: ['pd:change', 'pd:trigger'], total: 2 });
    expect(await keysOf({ source: 'alertmanager', limit: 10, offset: 0 })).toEqual({ actions: ['am:firing'], total: 1 });
  });
});
