import { describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../notify/notify-types.ts';
import type { NewNotification, Store } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const LEASE = 30_000;

const message: NotificationMessage = {
  kind: 'incident.triggered',
  organization: 'Acme',
  consoleUrl: 'http://127.0.0.1:8080',
  incident: { id: 1, title: 'Web down', service: 'web', severity: 'sev1', status: 'triggered', openedAt: T0, url: 'http://127.0.0.1:8080/incidents/1', runbook: null },
  level: 0,
  round: 0,
  recipient: { id: 'ana', name: 'Ana' },
  text: null,
  deadLetter: null,
};

async function openIncident(store: Store, key = 'web/down'): Promise<number> {
  const opened = await store.incidents.openOrAppend(
    { key, title: 'Web down', service: 'web', severity: 'sev1', status: 'triggered', openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
    { at: T0, kind: 'opened', actor: 'system', message: 'opened', data: null },
  );
  return opened.incident.id;
}

function row(key: string, overrides: Partial<NewNotification> = {}): NewNotification {
  return { key, incidentId: null, channel: 'user:ana/webhook', recipient: 'ana', message, createdAt: T0, notBefore: T0, ...overrides };
}

describe.each(testDialects)('notifications store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('enqueues new keys, ignores existing ones, and returns only what it inserted', async () => {
    const incidentId = await openIncident(t.store);
    const first = await t.store.notifications.enqueue([row('a', { incidentId }), row('b')]);
    expect(first.map((r) => r.key)).toEqual(['a', 'b']);
    expect(first[0]).toEqual({
      ...row('a', { incidentId }),
      id: first[0]?.id,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: T0,
      lastError: null,
      finishedAt: null,
    });
    // An existing key is a no-op, even with different content; a duplicate inside a batch counts once.
    expect(await t.store.notifications.enqueue([row('a', { channel: 'other' })])).toEqual([]);
    const second = await t.store.notifications.enqueue([row('b'), row('c'), row('c')]);
    expect(second.map((r) => r.key)).toEqual(['c']);
    expect(await t.store.notifications.enqueue([])).toEqual([]);
    expect((await t.store.notifications.get(first[0]?.id ?? -1))?.channel).toBe('user:ana/webhook');
    expect((await t.store.notifications.list({ limit: 10, offset: 0 })).total).toBe(3);
  });

  it('claims due rows oldest first, leases them, and skips rows not yet due or leased', async () => {
    await t.store.notifications.enqueue([
      row('later', { notBefore: T0 + 60_000 }),
      row('second', { notBefore: T0 - 1_000 }),
      row('first', { notBefore: T0 - 2_000 }),
      row('third'),
    ]);
    const claimed = await t.store.notifications.claimDue(T0, 2, LEASE, 'worker-a');
    expect(claimed.map((r) => r.key)).toEqual(['first', 'second']);
    // Leased rows are not claimable again while the lease lives; the rest is.
    expect((await t.store.notifications.claimDue(T0, 10, LEASE, 'worker-b')).map((r) => r.key)).toEqual(['third']);
    expect(await t.store.notifications.claimDue(T0 + LEASE - 1, 10, LEASE, 'worker-b')).toEqual([]);
    expect(await t.store.notifications.claimDue(T0, 0, LEASE, 'worker-b')).toEqual([]);
    // Due: the not-before row at T0+60s, and the leases that end at T0+30s.
    expect(await t.store.notifications.nextDueAt()).toBe(T0 + LEASE);
  });

  it('makes a row whose lease expired claimable again (its holder died mid-send)', async () => {
    const [queued] = await t.store.notifications.enqueue([row('k')]);
    expect((await t.store.notifications.claimDue(T0, 5, LEASE, 'crashed')).map((r) => r.id)).toEqual([queued?.id]);
    expect(await t.store.notifications.claimDue(T0 + 1_000, 5, LEASE, 'survivor')).toEqual([]);
    const again = await t.store.notifications.claimDue(T0 + LEASE, 5, LEASE, 'survivor');
    expect(again.map((r) => [r.id, r.key, r.attempts])).toEqual([[queued?.id, 'k', 0]]);
  });

  it('never gives one row to two stores claiming at once', async () => {
    const other = await t.reopen();
    const total = 120;
    await t.store.notifications.enqueue(Array.from({ length: total }, (_, i) => row(`k${i}`, { notBefore: T0 - i })));
    const drain = async (store: Store, owner: string): Promise<number[]> => {
      const ids: number[] = [];
      for (;;) {
        const batch = await store.notifications.claimDue(T0, 7, LEASE, owner);
        if (batch.length === 0) return ids;
        ids.push(...batch.map((r) => r.id));
      }
    };
    const results = await Promise.all([drain(t.store, 'a1'), drain(other, 'b1'), drain(t.store, 'a2'), drain(other, 'b2')]);
    const all = results.flat();
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    // On PostgreSQL the pool gives the claimers separate connections, so they truly overlap: each got some.
    if (dialect.name === 'postgres') expect(results.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
  });

  it('records each attempt with the new state in one step and clears the lease', async () => {
    const [queued] = await t.store.notifications.enqueue([row('k')]);
    const id = queued?.id ?? -1;
    await t.store.notifications.claimDue(T0, 1, LEASE, 'w');
    await t.store.notifications.recordAttempt(id, { at: T0, attempt: 1, outcome: 'failed', detail: 'HTTP 500', durationMs: 12 }, { status: 'pending', nextAttemptAt: T0 + 10_000 });
    expect(await t.store.notifications.get(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 10_000, lastError: 'HTTP 500', finishedAt: null });
    // The lease is gone: due again at the retry time, not at the lease's end.
    expect(await t.store.notifications.nextDueAt()).toBe(T0 + 10_000);
    expect(await t.store.notifications.claimDue(T0 + 9_999, 1, LEASE, 'w')).toEqual([]);
    expect(await t.store.notifications.claimDue(T0 + 10_000, 1, LEASE, 'w')).toHaveLength(1);
    await t.store.notifications.recordAttempt(id, { at: T0 + 10_000, attempt: 2, outcome: 'sent', detail: 'HTTP 200', durationMs: 5.5 }, { status: 'sent', finishedAt: T0 + 10_000 });
    expect(await t.store.notifications.get(id)).toMatchObject({ status: 'sent', attempts: 2, finishedAt: T0 + 10_000 });
    expect(await t.store.notifications.attempts(id)).toEqual([
      { id: expect.any(Number), notificationId: id, at: T0, attempt: 1, outcome: 'failed', detail: 'HTTP 500', durationMs: 12 },
      { id: expect.any(Number), notificationId: id, at: T0 + 10_000, attempt: 2, outcome: 'sent', detail: 'HTTP 200', durationMs: 5.5 },
    ]);
    expect(await t.store.notifications.nextDueAt()).toBeNull();
    expect(await t.store.notifications.claimDue(T0 + 99_000, 1, LEASE, 'w')).toEqual([]);
  });

  it('marks a row dead, and leaves a finished row as it is when a late attempt is recorded', async () => {
    const [queued] = await t.store.notifications.enqueue([row('k')]);
    const id = queued?.id ?? -1;
    await t.store.notifications.recordAttempt(id, { at: T0, attempt: 1, outcome: 'failed-final', detail: 'HTTP 400', durationMs: 1 }, { status: 'dead', finishedAt: T0 });
    expect(await t.store.notifications.get(id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'HTTP 400', finishedAt: T0 });
    // A process whose lease ran out reports late: logged, but the row stays dead.
    await t.store.notifications.recordAttempt(id, { at: T0 + 5, attempt: 1, outcome: 'failed', detail: 'timeout', durationMs: 1 }, { status: 'pending', nextAttemptAt: T0 + 9 });
    expect(await t.store.notifications.get(id)).toMatchObject({ status: 'dead', attempts: 2, lastError: 'HTTP 400', finishedAt: T0 });
    expect(await t.store.notifications.attempts(id)).toHaveLength(2);
  });

  it('cancels the pending rows of one incident only; a send that was in flight still counts as sent', async () => {
    const incident = await openIncident(t.store, 'a');
    const otherIncident = await openIncident(t.store, 'b');
    const [inFlight, waiting, done] = await t.store.notifications.enqueue([
      row('in-flight', { incidentId: incident }),
      row('waiting', { incidentId: incident, notBefore: T0 + 300_000 }),
      row('done', { incidentId: incident }),
      row('other', { incidentId: otherIncident }),
    ]);
    await t.store.notifications.claimDue(T0, 1, LEASE, 'w');
    await t.store.notifications.recordAttempt(done?.id ?? -1, { at: T0, attempt: 1, outcome: 'sent', detail: 'ok', durationMs: 1 }, { status: 'sent', finishedAt: T0 });

    expect(await t.store.notifications.cancelPending(incident, T0 + 1, 'acknowledged by ana')).toBe(2);
    expect(await t.store.notifications.get(waiting?.id ?? -1)).toMatchObject({ status: 'cancelled', finishedAt: T0 + 1, lastError: 'acknowledged by ana' });
    expect((await t.store.notifications.get(done?.id ?? -1))?.status).toBe('sent');
    expect((await t.store.notifications.list({ incidentId: otherIncident, limit: 5, offset: 0 })).items.map((r) => r.status)).toEqual(['pending']);
    expect(await t.store.notifications.cancelPending(incident, T0 + 2, 'again')).toBe(0);

    await t.store.notifications.recordAttempt(inFlight?.id ?? -1, { at: T0 + 3, attempt: 1, outcome: 'sent', detail: 'ok', durationMs: 1 }, { status: 'sent', finishedAt: T0 + 3 });
    expect((await t.store.notifications.get(inFlight?.id ?? -1))?.status).toBe('sent');
  });

  it('lists newest first with status and incident filters, and counts by status', async () => {
    const incident = await openIncident(t.store);
    const rows = await t.store.notifications.enqueue([
      row('a', { createdAt: T0 + 1, incidentId: incident }),
      row('b', { createdAt: T0 + 2 }),
      row('c', { createdAt: T0 + 3, incidentId: incident }),
    ]);
    await t.store.notifications.recordAttempt(rows[1]?.id ?? -1, { at: T0, attempt: 1, outcome: 'failed-final', detail: 'x', durationMs: 0 }, { status: 'dead', finishedAt: T0 });
    const keys = async (filter: Parameters<Store['notifications']['list']>[0]) => {
      const { items, total } = await t.store.notifications.list(filter);
      return { keys: items.map((r) => r.key), total };
    };
    expect(await keys({ limit: 10, offset: 0 })).toEqual({ keys: ['c', 'b', 'a'], total: 3 });
    expect(await keys({ limit: 1, offset: 1 })).toEqual({ keys: ['b'], total: 3 });
    expect(await keys({ status: 'dead', limit: 10, offset: 0 })).toEqual({ keys: ['b'], total: 1 });
    expect(await keys({ incidentId: incident, status: 'pending', limit: 10, offset: 0 })).toEqual({ keys: ['c', 'a'], total: 2 });
    expect(await t.store.notifications.counts()).toEqual({ pending: 2, sent: 0, dead: 1, cancelled: 0 });
    expect(await t.store.notifications.get(9_999)).toBeNull();
  });

  it('enqueues with the incident change or not at all', async () => {
    await expect(
      t.store.withTransaction(async (tx) => {
        const { incident } = await tx.incidents.openOrAppend(
          { key: 'tx', title: 't', service: null, severity: 'sev1', status: 'triggered', openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
          { at: T0, kind: 'opened', actor: 'system', message: 'opened', data: null },
        );
        expect(await tx.notifications.enqueue([row('tx-row', { incidentId: incident.id })])).toHaveLength(1);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await t.store.notifications.list({ limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
    expect(await t.store.notifications.nextDueAt()).toBeNull();

    await t.store.withTransaction(async (tx) => {
      await tx.notifications.enqueue([row('kept')]);
      const [claimed] = await tx.notifications.claimDue(T0, 1, LEASE, 'w');
      await tx.notifications.recordAttempt(claimed?.id ?? -1, { at: T0, attempt: 1, outcome: 'sent', detail: 'ok', durationMs: 1 }, { status: 'sent', finishedAt: T0 });
    });
    expect(await t.store.notifications.counts()).toEqual({ pending: 0, sent: 1, dead: 0, cancelled: 0 });
  });
});
