import { describe, expect, it } from 'vitest';
import { IncidentError, type Incident, type NewIncident } from '../incidents/index.ts';
import type { NotificationRecord, Store, StoreTransaction } from '../store/index.ts';
import { testDialects, useTestStore } from '../store/store-test-dialects.ts';
import { FakeClock } from '../time/index.ts';
import { testConfig } from './escalation-test-config.ts';
import { EscalationService } from './escalation-service.ts';

const M = 60_000;
const T0 = Date.parse('2026-03-01T03:00:00Z');

function newIncident(at: number): NewIncident {
  return {
    key: 'api/down', title: 'API down', service: 'api', severity: 'P1', status: 'triggered', openedAt: at,
    acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null,
  };
}

describe.each(testDialects)('EscalationService on $name', (dialect) => {
  const t = useTestStore(dialect);

  function setup() {
    const clock = new FakeClock(T0);
    const onCall: Record<string, string | null> = { primary: 'ana', secondary: 'ben' };
    const lookups: Array<{ schedule: string; at: number; inTransaction: boolean }> = [];
    let kicks = 0;
    const service = new EscalationService({
      clock, config: () => testConfig(), consoleUrl: () => 'https://ops.example.com',
      onCallUser: async (schedule, at, tx) => {
        lookups.push({ schedule, at, inTransaction: tx !== undefined });
        return onCall[schedule] ?? null;
      },
      onEnqueued: () => void kicks++,
    });
    const store = (): Store => t.store;
    const open = (policy: string | null = 'default', hold: string | null = null) =>
      store().withTransaction(async (tx) => {
        const { incident } = await tx.incidents.openOrAppend(newIncident(clock.now()), {
          at: clock.now(), kind: 'opened', actor: 'alert:api/down', message: 'Alert api/down firing', data: null,
        });
        await service.start(tx, incident, policy, hold);
        return incident;
      });
    const inTx = <T,>(fn: (tx: StoreTransaction) => Promise<T>) => store().withTransaction(fn);
    const rows = async (incident: Incident): Promise<NotificationRecord[]> =>
      (await store().notifications.list({ incidentId: incident.id, limit: 500, offset: 0 })).items.sort((a, b) => a.id - b.id);
    const sent = async (incident: Incident) => (await rows(incident)).map((r) => `${r.recipient ?? '-'} ${r.channel} r${r.message.round}l${r.message.level}`);
    const timeline = async (incident: Incident) =>
      (await store().incidents.timeline(incident.id)).filter((e) => e.kind === 'escalation').map((e) => e.message);
    const runAt = async (minutes: number) => {
      clock.set(T0 + minutes * M);
      return service.runDue(store());
    };
    return { clock, onCall, lookups, service, open, inTx, rows, sent, timeline, runAt, kicks: () => kicks };
  }

  it('start pages level 1 in the same transaction as the incident', async () => {
    const s = setup();
    const incident = await s.open();
    const rows = await s.rows(incident);
    expect(rows.map((r) => [r.key, r.channel, r.recipient, r.notBefore - T0, r.status, r.message.kind])).toEqual([
      [`inc:${incident.id}:s${T0}:r0:l0:ana:user:ana/webhook`, 'user:ana/webhook', 'ana', 0, 'pending', 'incident.triggered'],
      [`inc:${incident.id}:s${T0}:r0:l0:ana:user:ana/email`, 'user:ana/email', 'ana', 5 * M, 'pending', 'incident.triggered'],
      [`inc:${incident.id}:s${T0}:r0:l0:channel:ops-slack`, 'ops-slack', null, 0, 'pending', 'incident.triggered'],
    ]);
    expect(rows[0]!.message.incident?.url).toBe(`https://ops.example.com/incidents/${incident.id}`);
    expect(await t.store.escalations.get(incident.id)).toEqual({
      incidentId: incident.id, policy: 'default', startedAt: T0, nextStep: 1, nextAt: T0 + 15 * M, state: 'active', reason: null, updatedAt: T0,
    });
    expect(await s.timeline(incident)).toEqual(['Level 1: notified Ana Lima (schedule primary) via webhook, email after 5m; posted to channel ops-slack']);
    expect(s.lookups).toEqual([{ schedule: 'primary', at: T0, inTransaction: true }]);
  });

  it('a failure after start leaves no incident, no notification and no escalation', async () => {
    const s = setup();
    let opened: Incident | undefined;
    await expect(s.inTx(async (tx) => {
      const { incident } = await tx.incidents.openOrAppend(newIncident(T0), { at: T0, kind: 'opened', actor: 'test', message: 'x', data: null });
      opened = incident;
      await s.service.start(tx, incident, 'default', null);
      throw new Error('crash before commit');
    })).rejects.toThrow('crash before commit');
    expect(opened).toBeDefined();
    expect(await t.store.incidents.get(opened!.id)).toBeNull();
    expect(await t.store.escalations.get(opened!.id)).toBeNull();
    expect((await t.store.notifications.list({ limit: 10, offset: 0 })).total).toBe(0);
  });

  it('runDue pages level 2 when its delay has passed, once', async () => {
    const s = setup();
    const incident = await s.open();
    expect(await s.runAt(14.9)).toBe(0);
    expect(s.kicks()).toBe(0);
    expect(await s.runAt(15)).toBe(1);
    expect(s.kicks()).toBe(1);
    expect(await s.runAt(15)).toBe(0);
    expect((await s.sent(incident)).slice(3)).toEqual(['ben user:ben/email r0l1']);
    expect((await s.rows(incident))[3]!.message.kind).toBe('incident.escalated');
    expect((await s.timeline(incident)).at(-1)).toBe('Level 2: notified Ben Ortiz (schedule secondary) via email');
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ nextStep: 2, nextAt: T0 + 30 * M, state: 'active' });
  });

  it('an acknowledged incident stops at the next due step and its delayed rows are cancelled', async () => {
    const s = setup();
    const incident = await s.open();
    s.clock.set(T0 + 2 * M);
    await t.store.incidents.update(incident.id, { status: 'acknowledged', acknowledgedAt: T0 + 2 * M }, {
      at: T0 + 2 * M, kind: 'status', actor: 'user:ana', message: 'Acknowledged', data: null,
    });
    expect(await s.runAt(15)).toBe(0);
    const rows = await s.rows(incident);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ state: 'stopped', nextAt: null, reason: 'the incident is acknowledged' });
    expect((await s.timeline(incident)).at(-1)).toBe('Escalation stopped: the incident is acknowledged; 3 pending notifications cancelled');
    expect(await s.runAt(60)).toBe(0);
    expect(await s.rows(incident)).toHaveLength(3);
  });

  it('stop cancels what is pending and is quiet the second time', async () => {
    const s = setup();
    const incident = await s.open();
    await s.inTx((tx) => s.service.stop(tx, incident.id, 'Acknowledged by token:cli', 'token:cli'));
    await s.inTx((tx) => s.service.stop(tx, incident.id, 'Investigating by token:cli', 'token:cli'));
    expect((await s.rows(incident)).every((r) => r.status === 'cancelled')).toBe(true);
    expect((await s.timeline(incident)).slice(1)).toEqual(['Escalation stopped: Acknowledged by token:cli; 3 pending notifications cancelled']);
  });

  it('held from the start: nothing is sent until release, then the policy starts from the release', async () => {
    const s = setup();
    const incident = await s.open('default', 'silence #3');
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ state: 'held', reason: 'silence #3', nextAt: null });
    expect(await s.runAt(60)).toBe(0);
    expect(await s.rows(incident)).toEqual([]);
    await s.inTx((tx) => s.service.release(tx, incident.id, 'silence #3 expired'));
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ state: 'active', startedAt: T0 + 60 * M, nextStep: 0, nextAt: T0 + 60 * M });
    expect(await s.runAt(60)).toBe(1);
    expect(await s.sent(incident)).toEqual(['ana user:ana/webhook r0l0', 'ana user:ana/email r0l0', '- ops-slack r0l0']);
    expect((await s.rows(incident))[0]!.message.kind).toBe('incident.triggered');
    expect(await s.runAt(74)).toBe(0);
    expect(await s.runAt(75)).toBe(1);
    expect(await s.timeline(incident)).toEqual([
      'Notifications resume: silence #3 expired',
      'Level 1: notified Ana Lima (schedule primary) via webhook, email after 5m; posted to channel ops-slack',
      'Level 2: notified Ben Ortiz (schedule secondary) via email',
    ]);
  });

  it('held midway: pending rows are cancelled, and release catches up what fell due', async () => {
    const s = setup();
    const incident = await s.open();
    s.clock.set(T0 + 3 * M);
    await s.inTx((tx) => s.service.hold(tx, incident.id, 'maintenance weekly-prod'));
    expect((await s.rows(incident)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await s.runAt(20)).toBe(0);
    await s.inTx((tx) => s.service.release(tx, incident.id, 'maintenance weekly-prod ended'));
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ state: 'active', startedAt: T0, nextStep: 1, nextAt: T0 + 20 * M });
    expect(await s.runAt(20)).toBe(1);
    expect((await s.sent(incident)).slice(3)).toEqual(['ben user:ben/email r0l1']);
    expect((await s.timeline(incident)).slice(1, 3)).toEqual([
      'Notifications held: maintenance weekly-prod; 3 pending notifications cancelled',
      'Notifications resume: maintenance weekly-prod ended',
    ]);
  });

  it('reassigning to a person cancels the old escalation and pages them at once', async () => {
    const s = setup();
    const incident = await s.open();
    s.clock.set(T0 + 2 * M);
    await s.inTx((tx) => s.service.reassign(tx, incident, { user: 'ben' }, 'token:lead'));
    const rows = await s.rows(incident);
    expect(rows.map((r) => [r.status, r.recipient, r.message.kind])).toEqual([
      ['cancelled', 'ana', 'incident.triggered'],
      ['cancelled', 'ana', 'incident.triggered'],
      ['cancelled', null, 'incident.triggered'],
      ['pending', 'ben', 'incident.reassigned'],
    ]);
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ policy: 'user:ben', startedAt: T0 + 2 * M, state: 'active', nextAt: null });
    expect((await s.timeline(incident)).slice(1)).toEqual([
      'Previous escalation stopped; 3 pending notifications cancelled',
      'Level 1: notified Ben Ortiz via email',
    ]);
    expect(await s.runAt(60)).toBe(0);
    expect(await s.rows(incident)).toHaveLength(4);
  });

  it('reassigning to the same policy pages its first level again, under new keys', async () => {
    const s = setup();
    const incident = await s.open();
    s.clock.set(T0 + 20 * M);
    await s.inTx((tx) => s.service.reassign(tx, incident, { policy: 'default' }, 'token:lead'));
    expect((await s.rows(incident)).filter((r) => r.status === 'pending').map((r) => r.key)).toEqual([
      `inc:${incident.id}:s${T0 + 20 * M}:r0:l0:ana:user:ana/webhook`,
      `inc:${incident.id}:s${T0 + 20 * M}:r0:l0:ana:user:ana/email`,
      `inc:${incident.id}:s${T0 + 20 * M}:r0:l0:channel:ops-slack`,
    ]);
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ nextStep: 1, nextAt: T0 + 35 * M });
  });

  it('refuses to reassign to someone the config does not know, changing nothing', async () => {
    const s = setup();
    const incident = await s.open();
    const attempt = s.inTx((tx) => s.service.reassign(tx, incident, { user: 'zed' }, 'token:lead'));
    await expect(attempt).rejects.toThrow(new IncidentError('invalid', 'no user "zed" in the config; expected one of: ana, ben, lea, nox', 'user'));
    await expect(attempt).rejects.toBeInstanceOf(IncidentError);
    expect((await s.rows(incident)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('repeats the whole policy, rounds apart by the last delay plus repeat_after', async () => {
    const s = setup();
    const incident = await s.open();
    // Levels 0m/15m/30m, repeat 2, repeat_after 10m: rounds start at 0, 40 and 80 minutes.
    for (const minute of [15, 30, 40, 55, 70, 80, 95, 110]) expect(await s.runAt(minute)).toBe(1);
    expect(await s.runAt(500)).toBe(0);
    expect((await s.sent(incident)).filter((line) => !line.startsWith('ana user:ana/email') && !line.startsWith('-'))).toEqual([
      'ana user:ana/webhook r0l0', 'ben user:ben/email r0l1', 'lea user:lea/slack r0l2',
      'ana user:ana/webhook r1l0', 'ben user:ben/email r1l1', 'lea user:lea/slack r1l2',
      'ana user:ana/webhook r2l0', 'ben user:ben/email r2l1', 'lea user:lea/slack r2l2',
    ]);
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ state: 'active', nextStep: 9, nextAt: null });
    expect((await s.timeline(incident)).at(-1)).toBe('Level 3 (repeat 2): notified Lea Kim via slack');
  });

  it('after a long pause pages each missed level once, at its latest round, with whoever is on call now', async () => {
    const s = setup();
    const incident = await s.open();
    s.onCall['primary'] = 'ben';
    s.onCall['secondary'] = null;
    // Due by +60m: steps 1 (15m), 2 (30m), 3 (40m, round 1 level 0), 4 (55m, round 1 level 1).
    expect(await s.runAt(60)).toBe(3);
    expect((await s.timeline(incident)).slice(1)).toEqual([
      'Level 3: notified Lea Kim via slack',
      'Level 1 (repeat 1): notified Ben Ortiz (schedule primary) via email; posted to channel ops-slack',
      'Level 2 (repeat 1): nobody on call for schedule secondary',
    ]);
    expect(s.lookups.slice(1).map((l) => [l.schedule, l.at])).toEqual([['primary', T0 + 60 * M], ['secondary', T0 + 60 * M]]);
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ nextStep: 5, nextAt: T0 + 70 * M });
  });

  it.each([
    ['no policy', null, 'No escalation policy: nobody is paged'],
    ['a policy the config lost', 'gone', 'Escalation policy gone is not in the config: nobody is paged'],
  ])('%s: nobody is paged and the timeline says so', async (_name, policy, message) => {
    const s = setup();
    const incident = await s.open(policy);
    expect(await s.rows(incident)).toEqual([]);
    expect(await t.store.escalations.get(incident.id)).toMatchObject({ state: 'stopped', nextAt: null });
    expect(await s.timeline(incident)).toEqual([message]);
    expect(await s.runAt(60)).toBe(0);
  });

  it('a first level with a delay waits for it', async () => {
    const s = setup();
    const incident = await s.open('late');
    expect(await s.rows(incident)).toEqual([]);
    expect(await s.timeline(incident)).toEqual(['Escalation policy late started: level 1 in 5m']);
    expect(await s.runAt(5)).toBe(1);
    expect(await s.sent(incident)).toEqual(['ben user:ben/email r0l0']);
    expect((await s.rows(incident))[0]!.message.kind).toBe('incident.triggered');
  });
});
