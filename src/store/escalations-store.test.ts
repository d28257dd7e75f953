import { describe, expect, it } from 'vitest';
import type { EscalationRecord, Store } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const LEASE = 30_000;

async function openIncident(store: Store, key: string): Promise<number> {
  const opened = await store.incidents.openOrAppend(
    { key, title: key, service: null, severity: 'sev1', status: 'triggered', openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
    { at: T0, kind: 'opened', actor: 'system', message: 'opened', data: null },
  );
  return opened.incident.id;
}

function escalation(incidentId: number, overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  return { incidentId, policy: 'default', startedAt: T0, nextStep: 0, nextAt: T0, state: 'active', reason: null, updatedAt: T0, ...overrides };
}

describe.each(testDialects)('escalations store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('puts one row per incident, replacing it on the next put', async () => {
    const id = await openIncident(t.store, 'a');
    expect(await t.store.escalations.get(id)).toBeNull();
    await t.store.escalations.put(escalation(id));
    expect(await t.store.escalations.get(id)).toEqual(escalation(id));
    const moved = escalation(id, { policy: 'db', startedAt: T0 + 5, nextStep: 3, nextAt: null, state: 'stopped', reason: 'acknowledged', updatedAt: T0 + 5 });
    await t.store.escalations.put(moved);
    expect(await t.store.escalations.get(id)).toEqual(moved);
  });

  it('claims due active escalations oldest first under a lease, and again once the lease expires', async () => {
    const [a, b, c, d, e] = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => openIncident(t.store, key)));
    await t.store.escalations.put(escalation(a ?? -1, { nextAt: T0 - 10 }));
    await t.store.escalations.put(escalation(b ?? -1, { nextAt: T0 - 20 }));
    await t.store.escalations.put(escalation(c ?? -1, { nextAt: T0 + 60_000 }));
    await t.store.escalations.put(escalation(d ?? -1, { nextAt: T0 - 30, state: 'held', reason: 'silence 4' }));
    await t.store.escalations.put(escalation(e ?? -1, { nextAt: null, state: 'active' }));

    expect((await t.store.escalations.claimDue(T0, 10, LEASE, 'w1')).map((r) => r.incidentId)).toEqual([b, a]);
    expect(await t.store.escalations.claimDue(T0 + 1, 10, LEASE, 'w2')).toEqual([]);
    // The leases end before c is due.
    expect(await t.store.escalations.nextDueAt()).toBe(T0 + LEASE);
    expect((await t.store.escalations.claimDue(T0 + LEASE, 1, LEASE, 'w2')).map((r) => r.incidentId)).toEqual([b]);

    // Putting the next step clears the lease: a's next step is due at once.
    await t.store.escalations.put(escalation(a ?? -1, { nextStep: 1, nextAt: T0 + 5 }));
    expect((await t.store.escalations.claimDue(T0 + 5, 10, LEASE, 'w1')).map((r) => [r.incidentId, r.nextStep])).toEqual([[a, 1]]);
    expect(await t.store.escalations.claimDue(T0, 0, LEASE, 'w1')).toEqual([]);
  });

  it('never gives one escalation to two stores claiming at once', async () => {
    const other = await t.reopen();
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await openIncident(t.store, `k${i}`));
    for (const [i, id] of ids.entries()) await t.store.escalations.put(escalation(id, { nextAt: T0 - i }));
    const drain = async (store: Store, owner: string): Promise<number[]> => {
      const got: number[] = [];
      for (;;) {
        const batch = await store.escalations.claimDue(T0, 3, LEASE, owner);
        if (batch.length === 0) return got;
        got.push(...batch.map((r) => r.incidentId));
      }
    };
    const all = (await Promise.all([drain(t.store, 'a1'), drain(other, 'b1'), drain(t.store, 'a2'), drain(other, 'b2')])).flat();
    expect(all.sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
  });

  it('lists held escalations and reports when the next active one is due', async () => {
    expect(await t.store.escalations.nextDueAt()).toBeNull();
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((key) => openIncident(t.store, key)));
    await t.store.escalations.put(escalation(a ?? -1, { nextAt: T0 + 500 }));
    await t.store.escalations.put(escalation(b ?? -1, { nextAt: T0 + 100, state: 'held', reason: 'maintenance' }));
    await t.store.escalations.put(escalation(c ?? -1, { nextAt: T0 + 50, state: 'stopped' }));
    expect(await t.store.escalations.held()).toEqual([escalation(b ?? -1, { nextAt: T0 + 100, state: 'held', reason: 'maintenance' })]);
    expect(await t.store.escalations.nextDueAt()).toBe(T0 + 500);
  });

  it('refuses an escalation for an incident that does not exist', async () => {
    await expect(t.store.escalations.put(escalation(4242))).rejects.toThrow();
  });
});
