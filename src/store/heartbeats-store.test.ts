import { describe, expect, it } from 'vitest';
import { initialState, type HeartbeatState } from '../heartbeats/heartbeat-state.ts';
import type { NewHeartbeatPing } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0);

const ping = (i: number, over: Partial<NewHeartbeatPing> = {}): NewHeartbeatPing => ({
  heartbeat: 'backup', kind: 'success', exitStatus: null, rid: null, durationMs: null, method: 'POST', body: `run ${i}`, bodyBytes: 5, receivedAt: T0 + i, ...over,
});

describe.each(testDialects)('heartbeats store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('records 1,200 pings and the last state of each heartbeat in one call, and reads them back after a restart', async () => {
    const up: HeartbeatState = { ...initialState('backup', T0), status: 'up', lastPingAt: T0 + 1, lastSuccessAt: T0 + 1 };
    const down: HeartbeatState = { ...initialState('backup', T0), status: 'down', downSince: T0 + 2, reason: { kind: 'failed', exitStatus: 3 } };
    await t.store.heartbeats.record(Array.from({ length: 1_200 }, (_, i) => ping(i)), [up, initialState('report', T0), down], T0 + 3);
    const reopened = await t.reopen();
    expect(await reopened.heartbeats.count()).toBe(1_200);
    expect(await reopened.heartbeats.count('report')).toBe(0);
    expect(await reopened.heartbeats.states()).toEqual([down, initialState('report', T0)]);
    await reopened.heartbeats.record([], [up], T0 + 4);
    expect((await reopened.heartbeats.states())[0]).toEqual(up);
  });

  it('lists pings newest first, page by page, and the runs with a duration', async () => {
    await t.store.heartbeats.record([
      ping(1, { kind: 'start', rid: 'r1' }),
      ping(2, { kind: 'success', rid: 'r1', durationMs: 86_400_000 * 30, exitStatus: 0 }),
      ping(3, { kind: 'log', body: 'x'.repeat(10), bodyBytes: 200_000 }),
      ping(4, { heartbeat: 'other' }),
    ], [], T0);
    const newest = await t.store.heartbeats.pings('backup', { limit: 2 });
    expect(newest.map((p) => p.kind)).toEqual(['log', 'success']);
    expect(newest[0]).toMatchObject({ body: 'xxxxxxxxxx', bodyBytes: 200_000, receivedAt: T0 + 3, method: 'POST' });
    expect((await t.store.heartbeats.pings('backup', { limit: 5, beforeId: newest[1]!.id })).map((p) => p.kind)).toEqual(['start']);
    expect(await t.store.heartbeats.pings('backup', { limit: 5, withDuration: true })).toEqual([
      expect.objectContaining({ kind: 'success', rid: 'r1', exitStatus: 0, durationMs: 86_400_000 * 30 }),
    ]);
  });

  it('keeps a body exactly as sent: quotes, backslashes, braces, commas, newlines, NULL as text, and non-ASCII', async () => {
    const bodies = ['NULL', '{"a": "b\\c"}, {x}', 'line 1\nline 2\t"quoted"', 'pg_dump: 42 GB ✓ — Größe', ''];
    await t.store.heartbeats.record(bodies.map((body, i) => ping(i, { body, rid: i === 0 ? 'NULL' : null })), [], T0);
    const stored = await t.store.heartbeats.pings('backup', { limit: 10 });
    expect(stored.map((p) => p.body).reverse()).toEqual(bodies);
    expect(stored.at(-1)!.rid).toBe('NULL');
    expect(stored[0]!.rid).toBeNull();
  });

  it('records all or nothing', async () => {
    await expect(t.store.heartbeats.record([ping(1), ping(2, { kind: 'nonsense' as 'log' })], [initialState('backup', T0)], T0)).rejects.toThrow();
    expect(await t.store.heartbeats.count()).toBe(0);
    expect(await t.store.heartbeats.states()).toEqual([]);
  });

  it('lets a heartbeat be an external alert source, and keeps the sources allowed before (routine by migration 006)', async () => {
    const details = { source: null, component: null, group: null, class: null, customDetails: null, links: [], images: [], client: null, clientUrl: null, annotations: {}, generatorUrl: null, startedAt: null };
    for (const source of ['heartbeat', 'routine', 'events-v2', 'alertmanager', 'prometheus'] as const) {
      const { changed } = await t.store.externalAlerts.fire({ key: `${source}:x`, source, integration: 'x', service: 'db', severity: 'P2', summary: 's', labels: {}, details }, T0);
      expect(changed).toBe(true);
    }
    await expect(t.store.externalAlerts.fire({ key: 'y', source: 'carrier-pigeon' as 'heartbeat', integration: 'x', service: 'db', severity: 'P2', summary: 's', labels: {}, details }, T0)).rejects.toThrow();
  });
});
