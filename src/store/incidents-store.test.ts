import { describe, expect, it } from 'vitest';
import type { NewIncident, NewTimelineEvent } from '../incidents/incident.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function incident(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    key: 'web/high-error-rate',
    title: 'Web: high error rate',
    service: 'web',
    severity: 'sev2',
    status: 'triggered',
    openedAt: T0,
    acknowledgedAt: null,
    resolvedAt: null,
    respondBy: T0 + 15 * 60_000,
    resolveBy: T0 + 4 * 3_600_000,
    respondBreachedAt: null,
    resolveBreachedAt: null,
    runbook: 'restart-web',
    ...overrides,
  };
}

function event(at: number, overrides: Partial<NewTimelineEvent> = {}): NewTimelineEvent {
  return { at, kind: 'alert', actor: 'alert:web/high-error-rate', message: 'firing: 3 of last 5 failed', data: { value: '3 of 5' }, ...overrides };
}

describe.each(testDialects)('incidents store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('getForUpdate holds the incident until its transaction ends: a writer elsewhere waits for it', async () => {
    const { incident: opened } = await t.store.incidents.openOrAppend(incident(), event(T0, { kind: 'opened' }));
    await expect(t.store.incidents.getForUpdate(opened.id)).rejects.toThrow(/inside withTransaction/);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const step = t.store.withTransaction(async (tx) => {
      expect((await tx.incidents.getForUpdate(opened.id))?.status).toBe('triggered');
      locked();
      await held;
      order.push('step committed');
    });
    await isLocked;
    // SQLite allows one writer (the transaction above holds it), PostgreSQL waits on the row lock.
    const ack = (async () => {
      await t.store.incidents.update(opened.id, { status: 'acknowledged', acknowledgedAt: T0 + 1 }, event(T0 + 1, { kind: 'status' }));
      order.push('ack committed');
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    order.push('released');
    release();
    await Promise.all([step, ack]);
    expect(order).toEqual(['released', 'step committed', 'ack committed']);
  });

  it('opens an incident once per key and appends to it while it is unresolved', async () => {
    const first = await t.store.incidents.openOrAppend(incident(), event(T0, { kind: 'opened' }));
    expect(first.created).toBe(true);
    expect(first.incident).toEqual({ ...incident(), id: first.incident.id, updatedAt: T0 });

    const second = await t.store.incidents.openOrAppend(incident({ title: 'ignored' }), event(T0 + 1_000));
    expect(second.created).toBe(false);
    expect(second.incident).toEqual({ ...first.incident, updatedAt: T0 + 1_000 });
    expect((await t.store.incidents.timeline(first.incident.id)).map((e) => [e.kind, e.at])).toEqual([
      ['opened', T0],
      ['alert', T0 + 1_000],
    ]);
    expect(await t.store.incidents.findOpenByKey('web/high-error-rate')).toEqual(second.incident);
  });

  it('opens a new incident for a key once the previous one is resolved', async () => {
    const { incident: first } = await t.store.incidents.openOrAppend(incident(), event(T0));
    await t.store.incidents.update(first.id, { status: 'resolved', resolvedAt: T0 + 5_000 }, event(T0 + 5_000, { kind: 'status' }));
    expect(await t.store.incidents.findOpenByKey('web/high-error-rate')).toBeNull();

    const again = await t.store.incidents.openOrAppend(incident({ openedAt: T0 + 9_000 }), event(T0 + 9_000));
    expect(again.created).toBe(true);
    expect(again.incident.id).not.toBe(first.id);
  });

  it('never opens two incidents for one key, however many callers race', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.store.incidents.openOrAppend(incident(), event(T0 + i, { message: `call ${i}` }))),
    );
    expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.incident.id)).size).toBe(1);
    const id = outcomes[0]?.incident.id ?? -1;
    expect(await t.store.incidents.timeline(id)).toHaveLength(12);
    expect((await t.store.incidents.list({ limit: 50, offset: 0 })).total).toBe(1);
  });

  it('finds the newest incident of a key, resolved or not, and can reopen it', async () => {
    expect(await t.store.incidents.latestByKey('web/high-error-rate')).toBeNull();
    const { incident: first } = await t.store.incidents.openOrAppend(incident(), event(T0));
    await t.store.incidents.update(first.id, { status: 'resolved', resolvedAt: T0 + 1 }, event(T0 + 1, { kind: 'status' }));
    const { incident: second } = await t.store.incidents.openOrAppend(incident({ openedAt: T0 + 2 }), event(T0 + 2));
    const resolved = await t.store.incidents.update(second.id, { status: 'resolved', resolvedAt: T0 + 3 }, event(T0 + 3, { kind: 'status' }));
    expect(await t.store.incidents.latestByKey('web/high-error-rate')).toEqual(resolved);

    // Reopening clears resolvedAt with the status, and takes the key's open slot again.
    await t.store.incidents.update(second.id, { status: 'triggered', resolvedAt: null }, event(T0 + 4, { kind: 'status' }));
    expect((await t.store.incidents.findOpenByKey('web/high-error-rate'))?.id).toBe(second.id);
    expect((await t.store.incidents.openOrAppend(incident(), event(T0 + 5))).created).toBe(false);
  });

  it('never dedups incidents without a key', async () => {
    const a = await t.store.incidents.openOrAppend(incident({ key: null }), event(T0));
    const b = await t.store.incidents.openOrAppend(incident({ key: null }), event(T0));
    expect([a.created, b.created]).toEqual([true, true]);
    expect(a.incident.id).not.toBe(b.incident.id);
  });

  it('lists newest first with filters, paging and the total before paging', async () => {
    const open = async (key: string, at: number, overrides: Partial<NewIncident>) =>
      (await t.store.incidents.openOrAppend(incident({ key, openedAt: at, ...overrides }), event(at))).incident;
    const dbDown = await open('db/down', T0 + 1, { title: 'Database DOWN', service: 'db', severity: 'sev1' });
    const webSlow = await open('web/slow', T0 + 2, { title: 'Web slow (p95 > 300ms)', service: 'web', severity: 'sev3' });
    const webErrors = await open('web/errors', T0 + 3, { title: '100% errors on web', service: 'web', severity: 'sev1' });
    const dbSlow = await open('db/slow', T0 + 4, { title: 'database slow', service: 'db', severity: 'sev3' });
    await t.store.incidents.update(webSlow.id, { status: 'resolved', resolvedAt: T0 + 10 }, event(T0 + 10, { kind: 'status' }));
    await t.store.incidents.update(dbSlow.id, { status: 'acknowledged', acknowledgedAt: T0 + 11 }, event(T0 + 11, { kind: 'status' }));

    const ids = async (filter: Parameters<typeof t.store.incidents.list>[0]) => {
      const { items, total } = await t.store.incidents.list(filter);
      return { ids: items.map((item) => item.id), total };
    };
    const page = { limit: 10, offset: 0 };
    expect(await ids(page)).toEqual({ ids: [dbSlow.id, webErrors.id, webSlow.id, dbDown.id], total: 4 });
    expect(await ids({ ...page, limit: 2, offset: 1 })).toEqual({ ids: [webErrors.id, webSlow.id], total: 4 });
    expect(await ids({ ...page, offset: 4 })).toEqual({ ids: [], total: 4 });
    expect(await ids({ ...page, status: 'open' })).toEqual({ ids: [dbSlow.id, webErrors.id, dbDown.id], total: 3 });
    expect(await ids({ ...page, status: 'resolved' })).toEqual({ ids: [webSlow.id], total: 1 });
    expect(await ids({ ...page, status: 'acknowledged' })).toEqual({ ids: [dbSlow.id], total: 1 });
    expect(await ids({ ...page, severity: 'sev1' })).toEqual({ ids: [webErrors.id, dbDown.id], total: 2 });
    expect(await ids({ ...page, service: 'web', status: 'open' })).toEqual({ ids: [webErrors.id], total: 1 });
    expect(await ids({ ...page, q: 'DATABASE' })).toEqual({ ids: [dbSlow.id, dbDown.id], total: 2 });
    // LIKE wildcards in the search are literal characters.
    expect(await ids({ ...page, q: '100%' })).toEqual({ ids: [webErrors.id], total: 1 });
    expect(await ids({ ...page, q: 'p95 >' })).toEqual({ ids: [webSlow.id], total: 1 });
    expect(await ids({ ...page, q: '_' })).toEqual({ ids: [], total: 0 });
    expect(await ids({ ...page, q: 'slow', severity: 'sev3', service: 'db' })).toEqual({ ids: [dbSlow.id], total: 1 });
  });

  it('matches the title search case-insensitively beyond ASCII', async () => {
    const { incident: created } = await t.store.incidents.openOrAppend(incident({ title: 'Ärger mit ÜBERLAST' }), event(T0));
    const { items } = await t.store.incidents.list({ q: 'überlast', limit: 5, offset: 0 });
    expect(items.map((item) => item.id)).toEqual([created.id]);
  });

  it('updates and appends the timeline event in one step, updatedAt following the event', async () => {
    const { incident: opened } = await t.store.incidents.openOrAppend(incident(), event(T0, { kind: 'opened' }));
    const acked = await t.store.incidents.update(
      opened.id,
      { status: 'acknowledged', acknowledgedAt: T0 + 60_000, runbook: null },
      event(T0 + 60_000, { kind: 'status', actor: 'token:alice', message: 'acknowledged', data: null }),
    );
    expect(acked).toEqual({ ...opened, status: 'acknowledged', acknowledgedAt: T0 + 60_000, runbook: null, updatedAt: T0 + 60_000 });
    expect(await t.store.incidents.get(opened.id)).toEqual(acked);

    const note = await t.store.incidents.addEvent(opened.id, event(T0 + 30_000, { kind: 'note', actor: 'token:bob', message: 'looking', data: null }));
    expect(note).toEqual({ id: note.id, incidentId: opened.id, at: T0 + 30_000, kind: 'note', actor: 'token:bob', message: 'looking', data: null });
    // Oldest first by event time, whatever order they were written in.
    expect((await t.store.incidents.timeline(opened.id)).map((e) => e.kind)).toEqual(['opened', 'note', 'status']);
  });

  it('says what to do when status and resolvedAt disagree, and changes nothing', async () => {
    const { incident: opened } = await t.store.incidents.openOrAppend(incident(), event(T0));
    await expect(t.store.incidents.update(opened.id, { status: 'resolved' }, event(T0 + 1, { kind: 'status' }))).rejects.toThrow(
      `store: incident ${opened.id}: status 'resolved' and resolvedAt go together; to resolve pass { status: 'resolved', resolvedAt: <time> }, to reopen pass another status and resolvedAt: null`,
    );
    expect(await t.store.incidents.get(opened.id)).toEqual(opened);
    expect(await t.store.incidents.timeline(opened.id)).toHaveLength(1);
  });

  it('reports a missing incident on update and addEvent', async () => {
    await expect(t.store.incidents.update(999, { title: 'x' }, event(T0))).rejects.toThrow('store: incident 999 not found');
    await expect(t.store.incidents.addEvent(999, event(T0))).rejects.toThrow('store: incident 999 not found');
    expect(await t.store.incidents.get(999)).toBeNull();
  });

  it('lists every unresolved incident oldest first', async () => {
    const a = (await t.store.incidents.openOrAppend(incident({ key: 'a', openedAt: T0 + 2 }), event(T0))).incident;
    const b = (await t.store.incidents.openOrAppend(incident({ key: 'b', openedAt: T0 + 1 }), event(T0))).incident;
    const c = (await t.store.incidents.openOrAppend(incident({ key: 'c', openedAt: T0 + 3 }), event(T0))).incident;
    await t.store.incidents.update(c.id, { status: 'resolved', resolvedAt: T0 + 9 }, event(T0 + 9));
    expect((await t.store.incidents.unresolved()).map((i) => i.id)).toEqual([b.id, a.id]);
  });

  it('commits everything done in withTransaction together, or nothing when it throws', async () => {
    await expect(
      t.store.withTransaction(async (tx) => {
        await tx.incidents.openOrAppend(incident({ key: 'rolled-back' }), event(T0));
        await tx.audit.append({ at: T0, actor: 'system', action: 'incident.open', target: 'rolled-back', data: null });
        throw new Error('outbox write failed');
      }),
    ).rejects.toThrow('outbox write failed');
    expect(await t.store.incidents.findOpenByKey('rolled-back')).toBeNull();
    expect(await t.store.audit.list(10)).toEqual([]);

    const id = await t.store.withTransaction(async (tx) => {
      const { incident: opened } = await tx.incidents.openOrAppend(incident({ key: 'kept' }), event(T0));
      await tx.incidents.update(opened.id, { status: 'acknowledged', acknowledgedAt: T0 + 1 }, event(T0 + 1));
      await tx.audit.append({ at: T0, actor: 'system', action: 'incident.open', target: 'kept', data: null });
      return opened.id;
    });
    expect((await t.store.incidents.get(id))?.status).toBe('acknowledged');
    expect(await t.store.incidents.timeline(id)).toHaveLength(2);
    expect(await t.store.audit.list(10)).toHaveLength(1);
  });
});
