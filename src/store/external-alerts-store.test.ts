import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from './open-store.ts';
import type { AlertDetails, ExternalAlertsStore } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const details: AlertDetails = {
  source: 'db-1',
  component: 'postgres',
  group: 'prod',
  class: 'disk',
  customDetails: { free: '3%', nested: [1, 2] },
  links: [{ href: 'https://grafana.example/d/1', text: 'Dashboard' }],
  images: [{ src: 'https://img.example/1.png', alt: 'graph' }],
  client: 'Grafana',
  clientUrl: 'https://grafana.example',
  annotations: { runbook: 'disk-full' },
  generatorUrl: null,
  startedAt: T0 - 60_000,
};

function trigger(overrides: Partial<Parameters<ExternalAlertsStore['fire']>[0]> = {}): Parameters<ExternalAlertsStore['fire']>[0] {
  return {
    key: 'events-v2:pd/disk-db-1',
    source: 'events-v2',
    integration: 'pd',
    service: 'db',
    severity: 'P2',
    summary: 'Disk almost full on db-1',
    labels: { host: 'db-1' },
    details,
    ...overrides,
  };
}

describe.each(testDialects)('external alerts store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('starts a firing for a new key, then adds to it while it fires', async () => {
    const first = await t.store.externalAlerts.fire(trigger(), T0);
    expect(first).toEqual({
      changed: true,
      alert: { ...trigger(), status: 'firing', firedAt: T0, lastEventAt: T0, resolvedAt: null, events: 1 },
    });

    const update = trigger({ severity: 'P1', summary: 'Disk full on db-1', labels: { host: 'db-1', disk: 'sda' }, details: { ...details, class: 'full' }, service: 'elsewhere' });
    const second = await t.store.externalAlerts.fire(update, T0 + 1_000);
    expect(second).toEqual({
      changed: false,
      alert: {
        ...update,
        // Routing stays with the firing the pipeline already placed.
        service: 'db',
        status: 'firing',
        firedAt: T0,
        lastEventAt: T0 + 1_000,
        resolvedAt: null,
        events: 2,
      },
    });
    expect((await t.store.externalAlerts.fire(update, T0 + 2_000)).alert.events).toBe(3);
    expect(await t.store.externalAlerts.get(update.key)).toMatchObject({ events: 3, lastEventAt: T0 + 2_000, firedAt: T0 });
  });

  it('resolves a firing key once; an unknown or resolved key resolves to null', async () => {
    await t.store.externalAlerts.fire(trigger(), T0);
    await t.store.externalAlerts.fire(trigger(), T0 + 1_000);
    const resolved = await t.store.externalAlerts.resolve(trigger().key, T0 + 5_000);
    expect(resolved).toEqual({ ...trigger(), status: 'resolved', firedAt: T0, lastEventAt: T0 + 5_000, resolvedAt: T0 + 5_000, events: 2 });
    expect(await t.store.externalAlerts.resolve(trigger().key, T0 + 6_000)).toBeNull();
    expect(await t.store.externalAlerts.resolve('events-v2:pd/unknown', T0)).toBeNull();
    expect(await t.store.externalAlerts.get(trigger().key)).toEqual(resolved);
    expect(await t.store.externalAlerts.get('events-v2:pd/unknown')).toBeNull();
  });

  it('starts a new firing when a resolved key fires again', async () => {
    await t.store.externalAlerts.fire(trigger(), T0);
    await t.store.externalAlerts.fire(trigger(), T0 + 1_000);
    await t.store.externalAlerts.resolve(trigger().key, T0 + 2_000);
    const again = await t.store.externalAlerts.fire(trigger({ service: 'db-replica', summary: 'again' }), T0 + 9_000);
    expect(again).toEqual({
      changed: true,
      alert: { ...trigger({ service: 'db-replica', summary: 'again' }), status: 'firing', firedAt: T0 + 9_000, lastEventAt: T0 + 9_000, resolvedAt: null, events: 1 },
    });
  });

  it('gives exactly one changed:true when two stores fire the same new key at once', async () => {
    const other = await t.reopen();
    const keys = Array.from({ length: 20 }, (_, i) => `alertmanager:am/fp${i}`);
    const outcomes = await Promise.all(
      keys.flatMap((key) => [t.store, other].map((store) => store.externalAlerts.fire(trigger({ key, source: 'alertmanager', integration: 'am' }), T0))),
    );
    for (const key of keys) {
      const mine = outcomes.filter((outcome) => outcome.alert.key === key);
      expect(mine.map((outcome) => outcome.changed).sort()).toEqual([false, true]);
      expect(await t.store.externalAlerts.get(key)).toMatchObject({ events: 2, firedAt: T0, status: 'firing' });
    }
  });

  it('lists firing ones, and filters the list with a total', async () => {
    await t.store.externalAlerts.fire(trigger({ key: 'a', service: 'web' }), T0 + 3);
    await t.store.externalAlerts.fire(trigger({ key: 'b', service: 'db', source: 'alertmanager' }), T0 + 1);
    await t.store.externalAlerts.fire(trigger({ key: 'c', service: 'db' }), T0 + 2);
    await t.store.externalAlerts.resolve('c', T0 + 10);

    expect((await t.store.externalAlerts.firing()).map((a) => a.key)).toEqual(['b', 'a']);
    const keysOf = async (filter: Partial<Parameters<ExternalAlertsStore['list']>[0]>) => {
      const page = await t.store.externalAlerts.list({ limit: 10, offset: 0, ...filter });
      return { keys: page.items.map((a) => a.key), total: page.total };
    };
    expect(await keysOf({})).toEqual({ keys: ['c', 'a', 'b'], total: 3 });
    expect(await keysOf({ limit: 1, offset: 1 })).toEqual({ keys: ['a'], total: 3 });
    expect(await keysOf({ status: 'firing' })).toEqual({ keys: ['a', 'b'], total: 2 });
    expect(await keysOf({ service: 'db' })).toEqual({ keys: ['c', 'b'], total: 2 });
    expect(await keysOf({ source: 'alertmanager' })).toEqual({ keys: ['b'], total: 1 });
    expect(await keysOf({ service: 'db', status: 'resolved', source: 'events-v2' })).toEqual({ keys: ['c'], total: 1 });
  });

  // fireMany must leave the store as fire() one by one would, and say changed for the same keys.
  it.each<[string, { op: 'fire' | 'resolve'; key: string; service?: string; summary?: string }[][]]>([
    ['new keys', [[{ op: 'fire', key: 'a' }, { op: 'fire', key: 'b' }]]],
    ['a key repeated: placed by the first, content from the last', [[{ op: 'fire', key: 'a', service: 's1', summary: 'one' }, { op: 'fire', key: 'b' }, { op: 'fire', key: 'a', service: 's2', summary: 'two' }]]],
    ['repeats of a firing key', [[{ op: 'fire', key: 'a', service: 's1' }], [{ op: 'fire', key: 'a', service: 's2', summary: 'x' }, { op: 'fire', key: 'a', summary: 'y' }]]],
    ['a resolved key firing again, twice', [[{ op: 'fire', key: 'a' }], [{ op: 'resolve', key: 'a' }], [{ op: 'fire', key: 'a', service: 's3' }, { op: 'fire', key: 'a', service: 's4', summary: 'z' }]]],
  ])('fireMany equals fire one by one: %s', async (_name, steps) => {
    // The same steps on a second, empty database.
    const target = await dialect.createTarget();
    const other = await openStore(target.options);
    onTestFinished(async () => {
      await other.close();
      await target.dispose();
    });
    const outcomes: { one: unknown[]; many: unknown[] } = { one: [], many: [] };
    let at = T0;
    for (const step of steps) {
      at += 1_000;
      const fires = step.filter((s) => s.op === 'fire').map((s) => trigger({ key: s.key, ...(s.service ? { service: s.service } : {}), ...(s.summary ? { summary: s.summary } : {}) }));
      const resolves = step.filter((s) => s.op === 'resolve').map((s) => s.key);
      const firstOf = new Map<string, { alert: unknown; changed: boolean }>();
      let lastOf = new Map<string, { events: number }>();
      for (const fire of fires) {
        const outcome = await t.store.externalAlerts.fire(fire, at);
        if (!firstOf.has(fire.key)) firstOf.set(fire.key, outcome);
        lastOf.set(fire.key, outcome.alert);
      }
      // One outcome per key: the last state, changed if the key's first trigger started a firing.
      outcomes.one.push([...firstOf].map(([key, first]) => ({ key, events: lastOf.get(key)!.events, changed: first.changed })));
      outcomes.many.push(await other.externalAlerts.fireMany(fires, at));
      for (const key of resolves) await t.store.externalAlerts.resolve(key, at);
      expect(await other.externalAlerts.resolveMany(resolves, at)).toHaveLength(resolves.length);
      lastOf = new Map<string, { events: number }>();
    }
    expect(outcomes.many).toEqual(outcomes.one);
    expect((await other.externalAlerts.list({ limit: 10, offset: 0 })).items).toEqual((await t.store.externalAlerts.list({ limit: 10, offset: 0 })).items);
  });

  it('fires and resolves more keys than one statement holds', async () => {
    const keys = Array.from({ length: 1_203 }, (_, i) => `k${i}`);
    const fired = await t.store.externalAlerts.fireMany([...keys, ...keys.slice(0, 10)].map((key) => trigger({ key })), T0);
    expect(fired.map((f) => [f.key, f.changed, f.events])).toEqual(keys.map((key, i) => [key, true, i < 10 ? 2 : 1]));
    expect([...(await t.store.externalAlerts.firingAmong([...keys.slice(0, 600), 'unknown']))].sort()).toEqual(keys.slice(0, 600).sort());
    expect((await t.store.externalAlerts.resolveMany([...keys.slice(0, 700), 'unknown'], T0 + 1)).map((a) => a.key).sort()).toEqual(keys.slice(0, 700).sort());
    expect((await t.store.externalAlerts.resolveMany(keys.slice(0, 700), T0 + 2))).toEqual([]);
    expect((await t.store.externalAlerts.firing()).length).toBe(503);
  });

  it('queues transitions in order, hands them out oldest first, and forgets them once done', async () => {
    const queue = t.store.externalAlerts;
    await queue.queueTransitions([
      { key: 'a', transition: 'firing', actor: null, queuedAt: T0 },
      { key: 'b', transition: 'firing', actor: null, queuedAt: T0 },
      { key: 'a', transition: 'acknowledged', actor: 'events-v2:pd', queuedAt: T0 + 1 },
    ]);
    await queue.queueTransitions([{ key: 'a', transition: 'resolved', actor: null, queuedAt: T0 + 2 }]);
    const queued = await queue.queuedTransitions(10);
    expect(queued.map((q) => [q.key, q.transition, q.actor, q.queuedAt])).toEqual([
      ['a', 'firing', null, T0], ['b', 'firing', null, T0], ['a', 'acknowledged', 'events-v2:pd', T0 + 1], ['a', 'resolved', null, T0 + 2],
    ]);
    expect((await queue.queuedFiringKeys()).sort()).toEqual(['a', 'b']);
    expect((await queue.queuedTransitions(2)).map((q) => q.id)).toEqual(queued.slice(0, 2).map((q) => q.id));
    await queue.transitionDone(queued[0]!.id);
    await queue.transitionDone(queued[1]!.id);
    expect(await queue.queuedFiringKeys()).toEqual([]);
    expect((await queue.queuedTransitions(10)).map((q) => q.transition)).toEqual(['acknowledged', 'resolved']);
  });

  it('commits a batch of triggers with their queued transitions, or neither', async () => {
    await expect(t.store.withTransaction(async (tx) => {
      await tx.externalAlerts.fireMany([trigger({ key: 'x' })], T0);
      await tx.externalAlerts.queueTransitions([{ key: 'x', transition: 'firing', actor: null, queuedAt: T0 }]);
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await t.store.externalAlerts.get('x')).toBeNull();
    expect(await t.store.externalAlerts.queuedTransitions(10)).toEqual([]);
  });

  it('fires inside a transaction and rolls back with it', async () => {
    await expect(
      t.store.withTransaction(async (tx) => {
        expect((await tx.externalAlerts.fire(trigger(), T0)).changed).toBe(true);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.store.externalAlerts.get(trigger().key)).toBeNull();
  });
});
