import { describe, expect, it } from 'vitest';
import type { StatusUpdate, Store } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

async function openIncident(store: Store, key: string): Promise<number> {
  const opened = await store.incidents.openOrAppend(
    { key, title: key, service: null, severity: 'P1', status: 'triggered', openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
    { at: T0, kind: 'opened', actor: 'system', message: 'opened', data: null },
  );
  return opened.incident.id;
}

function update(incidentId: number, overrides: Partial<Omit<StatusUpdate, 'id'>> = {}): Omit<StatusUpdate, 'id'> {
  return { incidentId, at: T0, status: 'investigating', visibility: 'public', message: 'Looking into it', author: 'alice', components: ['api', 'web'], ...overrides };
}

describe.each(testDialects)('status updates store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('adds updates and reads an incident\'s own, oldest first, internal ones included', async () => {
    const a = await openIncident(t.store, 'a');
    const b = await openIncident(t.store, 'b');
    const later = await t.store.statusUpdates.add(update(a, { at: T0 + 20, status: 'identified', visibility: 'internal', message: 'Bad deploy', components: [] }));
    const earlier = await t.store.statusUpdates.add(update(a, { at: T0 + 10 }));
    await t.store.statusUpdates.add(update(b, { at: T0 + 15 }));

    expect(later).toEqual({ id: later.id, ...update(a, { at: T0 + 20, status: 'identified', visibility: 'internal', message: 'Bad deploy', components: [] }) });
    expect(await t.store.statusUpdates.forIncident(a)).toEqual([earlier, later]);
    expect(await t.store.statusUpdates.forIncident(a + b + 100)).toEqual([]);
  });

  it('refuses an update of an incident that does not exist, and a visibility it does not know', async () => {
    await expect(t.store.statusUpdates.add(update(999))).rejects.toThrow();
    const a = await openIncident(t.store, 'a');
    await expect(t.store.statusUpdates.add(update(a, { visibility: 'secret' as 'public' }))).rejects.toThrow();
    expect(await t.store.statusUpdates.forIncident(a)).toEqual([]);
  });

  it('gives the newest public update of each incident asked for, ignoring internal ones', async () => {
    const a = await openIncident(t.store, 'a');
    const b = await openIncident(t.store, 'b');
    const c = await openIncident(t.store, 'c');
    const d = await openIncident(t.store, 'd');
    await t.store.statusUpdates.add(update(a, { at: T0 + 5, message: 'a newest public' }));
    await t.store.statusUpdates.add(update(a, { at: T0, message: 'a older' }));
    await t.store.statusUpdates.add(update(a, { at: T0 + 9, visibility: 'internal', message: 'a internal' }));
    await t.store.statusUpdates.add(update(b, { at: T0 + 3, message: 'b first at 3' }));
    // Same ms: the one written last is the latest.
    const bLatest = await t.store.statusUpdates.add(update(b, { at: T0 + 3, message: 'b second at 3' }));
    await t.store.statusUpdates.add(update(c, { at: T0 + 1, visibility: 'internal', message: 'c internal only' }));
    await t.store.statusUpdates.add(update(d, { at: T0 + 7, message: 'd, not asked for' }));

    const latest = await t.store.statusUpdates.latestPublic([a, b, c, a, 12_345]);
    expect([...latest.keys()].sort((x, y) => x - y)).toEqual([a, b]);
    expect(latest.get(a)).toMatchObject({ incidentId: a, at: T0 + 5, message: 'a newest public' });
    expect(latest.get(b)).toEqual(bLatest);
    expect(await t.store.statusUpdates.latestPublic([])).toEqual(new Map());
  });

  it('lists public updates in [from, to), newest first, up to the limit', async () => {
    const a = await openIncident(t.store, 'a');
    const b = await openIncident(t.store, 'b');
    await t.store.statusUpdates.add(update(a, { at: T0 - 1, message: 'before' }));
    await t.store.statusUpdates.add(update(a, { at: T0, message: 'at from' }));
    await t.store.statusUpdates.add(update(b, { at: T0 + 50, message: 'middle' }));
    await t.store.statusUpdates.add(update(b, { at: T0 + 60, visibility: 'internal', message: 'internal' }));
    await t.store.statusUpdates.add(update(a, { at: T0 + 99, message: 'last inside' }));
    await t.store.statusUpdates.add(update(a, { at: T0 + 100, message: 'at to' }));

    const all = await t.store.statusUpdates.publicBetween(T0, T0 + 100, 10);
    expect(all.map((u) => u.message)).toEqual(['last inside', 'middle', 'at from']);
    const limited = await t.store.statusUpdates.publicBetween(T0, T0 + 100, 2);
    expect(limited.map((u) => u.message)).toEqual(['last inside', 'middle']);
  });

  it('is part of a transaction: an update added before a failure is rolled back', async () => {
    const a = await openIncident(t.store, 'a');
    await expect(
      t.store.withTransaction(async (tx) => {
        await tx.statusUpdates.add(update(a));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.store.statusUpdates.forIncident(a)).toEqual([]);
    await t.store.withTransaction((tx) => tx.statusUpdates.add(update(a)));
    expect(await t.store.statusUpdates.forIncident(a)).toHaveLength(1);
  });
});
