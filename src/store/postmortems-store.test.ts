import { describe, expect, it } from 'vitest';
import type { ActionItem, Postmortem, Store } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const DAY = 86_400_000;

async function openIncident(store: Store, key: string): Promise<number> {
  const opened = await store.incidents.openOrAppend(
    { key, title: key, service: null, severity: 'P1', status: 'triggered', openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
    { at: T0, kind: 'opened', actor: 'system', message: 'opened', data: null },
  );
  return opened.incident.id;
}

function postmortem(incidentId: number, overrides: Partial<Postmortem> = {}): Postmortem {
  return { incidentId, body: '# Summary\n\nThe database ran out of disk.', createdAt: T0, updatedAt: T0, updatedBy: 'alice', state: 'draft', ...overrides };
}

function action(incidentId: number, overrides: Partial<Omit<ActionItem, 'id' | 'doneAt' | 'remindedAt'>> = {}): Omit<ActionItem, 'id' | 'doneAt' | 'remindedAt'> {
  return { incidentId, title: 'Alert on disk at 80%', owner: 'bob', dueAt: T0 + 7 * DAY, createdAt: T0, ...overrides };
}

describe.each(testDialects)('post-mortems store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('saves one post-mortem per incident; saving again replaces it but keeps when it was created', async () => {
    const a = await openIncident(t.store, 'a');
    expect(await t.store.postmortems.get(a)).toBeNull();
    await t.store.postmortems.save(postmortem(a));
    expect(await t.store.postmortems.get(a)).toEqual(postmortem(a));

    const edited = postmortem(a, { body: '# Summary\n\nEdited, with **Markdown** and a \'quote\'.', createdAt: T0 + DAY, updatedAt: T0 + DAY, updatedBy: 'carol', state: 'published' });
    await t.store.postmortems.save(edited);
    expect(await t.store.postmortems.get(a)).toEqual({ ...edited, createdAt: T0 });
    expect((await t.store.postmortems.list(10, 0)).total).toBe(1);
  });

  it('refuses a post-mortem or an action item of an incident that does not exist, and an unknown state', async () => {
    await expect(t.store.postmortems.save(postmortem(999))).rejects.toThrow();
    await expect(t.store.postmortems.addAction(action(999))).rejects.toThrow();
    const a = await openIncident(t.store, 'a');
    await expect(t.store.postmortems.save(postmortem(a, { state: 'final' as 'draft' }))).rejects.toThrow();
    expect(await t.store.postmortems.get(a)).toBeNull();
  });

  it('lists the most recently updated first, a page at a time, with the total', async () => {
    const ids = [await openIncident(t.store, 'a'), await openIncident(t.store, 'b'), await openIncident(t.store, 'c')];
    await t.store.postmortems.save(postmortem(ids[0]!, { updatedAt: T0 + 2 }));
    await t.store.postmortems.save(postmortem(ids[1]!, { updatedAt: T0 + 3 }));
    await t.store.postmortems.save(postmortem(ids[2]!, { updatedAt: T0 + 1 }));
    const page = await t.store.postmortems.list(2, 0);
    expect(page.total).toBe(3);
    expect(page.items.map((p) => p.incidentId)).toEqual([ids[1], ids[0]]);
    expect((await t.store.postmortems.list(2, 2)).items.map((p) => p.incidentId)).toEqual([ids[2]]);
  });

  it('adds action items and lists an incident\'s own in the order they were added', async () => {
    const a = await openIncident(t.store, 'a');
    const b = await openIncident(t.store, 'b');
    const first = await t.store.postmortems.addAction(action(a));
    const second = await t.store.postmortems.addAction(action(a, { title: 'Runbook for a full disk', owner: 'free text owner', dueAt: null }));
    await t.store.postmortems.addAction(action(b));
    expect(first).toEqual({ id: first.id, ...action(a), doneAt: null, remindedAt: null });
    expect(await t.store.postmortems.actions(a)).toEqual([first, second]);
    expect(await t.store.postmortems.actions(a + b + 100)).toEqual([]);
  });

  it('updates only the fields given; null clears a date; an unknown id gives null', async () => {
    const a = await openIncident(t.store, 'a');
    const item = await t.store.postmortems.addAction(action(a));
    const done = await t.store.postmortems.updateAction(item.id, { doneAt: T0 + DAY, owner: 'carol' });
    expect(done).toEqual({ ...item, doneAt: T0 + DAY, owner: 'carol' });
    const reopened = await t.store.postmortems.updateAction(item.id, { doneAt: null, dueAt: null, title: 'Renamed', remindedAt: T0 + 2 * DAY });
    expect(reopened).toEqual({ ...item, owner: 'carol', title: 'Renamed', doneAt: null, dueAt: null, remindedAt: T0 + 2 * DAY });
    expect(await t.store.postmortems.updateAction(item.id, {})).toEqual(reopened);
    expect(await t.store.postmortems.actions(a)).toEqual([reopened]);
    expect(await t.store.postmortems.updateAction(item.id + 100, { title: 'x' })).toBeNull();
    expect(await t.store.postmortems.updateAction(item.id + 100, {})).toBeNull();
  });

  it('finds open items due before now that were not reminded yet, soonest due first', async () => {
    const a = await openIncident(t.store, 'a');
    const b = await openIncident(t.store, 'b');
    const now = T0 + 10 * DAY;
    const add = (title: string, incidentId: number, dueAt: number | null) => t.store.postmortems.addAction(action(incidentId, { title, dueAt }));
    const late = await add('late', a, now - DAY);
    const later = await add('very late, other incident', b, now - 3 * DAY);
    const justLate = await add('due 1 ms ago', a, now - 1);
    await add('due now', a, now);
    await add('due tomorrow', a, now + DAY);
    await add('no due date', a, null);
    const done = await add('done', a, now - DAY);
    await t.store.postmortems.updateAction(done.id, { doneAt: now - 2 * DAY });
    const reminded = await add('reminded', b, now - DAY);
    await t.store.postmortems.updateAction(reminded.id, { remindedAt: now - DAY / 2 });

    expect((await t.store.postmortems.overdue(now)).map((i) => i.title)).toEqual([later.title, late.title, justLate.title]);
    await t.store.postmortems.updateAction(late.id, { remindedAt: now });
    expect(await t.store.postmortems.overdue(now)).toEqual([later, justLate]);
  });
});
