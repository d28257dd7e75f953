import { describe, expect, it } from 'vitest';
import { testConfig } from '../escalation/escalation-test-config.ts';
import type { Store } from '../store/index.ts';
import { testDialects, useTestStore } from '../store/store-test-dialects.ts';
import { FakeClock } from '../time/index.ts';
import { remindOverdueActions } from './action-reminders.ts';

const H = 3_600_000;

async function resolvedIncident(store: Store, at: number): Promise<number> {
  const { incident } = await store.incidents.openOrAppend(
    { key: null, title: 'Web is down', service: 'web', severity: 'P1', status: 'triggered', openedAt: at, acknowledgedAt: null, resolvedAt: null,
      respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
    { at, kind: 'opened', actor: 'system', message: 'Opened', data: null },
  );
  await store.incidents.update(incident.id, { status: 'resolved', resolvedAt: at + H }, { at: at + H, kind: 'status', actor: 'token:ana', message: 'Resolved', data: null });
  return incident.id;
}

describe.each(testDialects)('overdue action item reminders on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('reminds each overdue item once, through the owner\'s first channel or the fallback, and notes it on the timeline', async () => {
    const clock = new FakeClock('2026-04-01T09:00:00Z');
    const config = testConfig({ notifications: { ...testConfig().notifications, fallback: 'ops-slack' } });
    const deps = { store: t.store, clock, config: () => config, consoleUrl: () => 'http://opsdeck.test' };
    const incidentId = await resolvedIncident(t.store, clock.now() - 48 * H);
    const due = clock.now() + H;
    const ana = await t.store.postmortems.addAction({ incidentId, title: 'Add a replica', owner: 'ana', dueAt: due, createdAt: clock.now() });
    const team = await t.store.postmortems.addAction({ incidentId, title: 'Write the runbook', owner: 'the DB team', dueAt: due, createdAt: clock.now() });
    const done = await t.store.postmortems.addAction({ incidentId, title: 'Done in time', owner: 'ana', dueAt: due, createdAt: clock.now() });
    await t.store.postmortems.updateAction(done.id, { doneAt: clock.now() });
    await t.store.postmortems.addAction({ incidentId, title: 'No due date', owner: 'ana', dueAt: null, createdAt: clock.now() });

    // Not due yet: nothing.
    expect(await remindOverdueActions(deps)).toBe(0);
    clock.advance(H);
    // Due exactly now is not overdue yet ("due before now").
    expect(await remindOverdueActions(deps)).toBe(0);
    clock.advance(60_000);
    expect(await remindOverdueActions(deps)).toBe(2);
    // A minute later, and an hour later: still once.
    clock.advance(60_000);
    expect(await remindOverdueActions(deps)).toBe(0);
    clock.advance(H);
    expect(await remindOverdueActions(deps)).toBe(0);

    const sent = (await t.store.notifications.list({ limit: 10, offset: 0 })).items.sort((a, b) => a.id - b.id);
    expect(sent.map((n) => [n.key, n.channel, n.recipient])).toEqual([
      [`action-overdue:${ana.id}`, 'user:ana/webhook', 'ana'],
      [`action-overdue:${team.id}`, 'ops-slack', null],
    ]);
    expect(sent[0]!.message).toMatchObject({ kind: 'notice', incident: { id: incidentId, url: `http://opsdeck.test/incidents/${incidentId}/postmortem` }, recipient: { id: 'ana', name: 'Ana Lima' } });
    expect(sent[0]!.message.text).toContain(`Action item #${ana.id} from the post-mortem of incident #${incidentId} (Web is down) was due 2026-04-01 10:00:00 UTC and is not done: "Add a replica"`);

    const remindedAt = Date.parse('2026-04-01T10:01:00Z');
    expect((await t.store.postmortems.actions(incidentId)).map((a) => [a.title, a.remindedAt])).toEqual([
      ['Add a replica', remindedAt], ['Write the runbook', remindedAt], ['Done in time', null], ['No due date', null],
    ]);
    const notes = (await t.store.incidents.timeline(incidentId)).filter((e) => e.kind === 'reminder');
    expect(notes.map((e) => [e.at, e.actor, e.message.split(':')[0]])).toEqual([
      [remindedAt, 'system', 'Reminder sent to Ana Lima (user'],
      [remindedAt, 'system', 'Reminder sent to the fallback channel (ops-slack)'],
    ]);
  });

  it('notes an item nobody can be reminded of, once', async () => {
    const clock = new FakeClock('2026-04-01T09:00:00Z');
    const deps = { store: t.store, clock, config: () => testConfig(), consoleUrl: () => 'http://opsdeck.test' };
    const incidentId = await resolvedIncident(t.store, clock.now() - 48 * H);
    await t.store.postmortems.addAction({ incidentId, title: 'Tidy up', owner: 'nox', dueAt: clock.now() - 1, createdAt: clock.now() - H });
    expect(await remindOverdueActions(deps)).toBe(1);
    expect(await remindOverdueActions(deps)).toBe(0);
    expect((await t.store.notifications.list({ limit: 10, offset: 0 })).total).toBe(0);
    const notes = (await t.store.incidents.timeline(incidentId)).filter((e) => e.kind === 'reminder');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('Nobody could be reminded: the owner is not a user with contacts and notifications.fallback is not set.');
  });
});
