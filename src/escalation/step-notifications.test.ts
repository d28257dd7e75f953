import { describe, expect, it } from 'vitest';
import type { TargetRef } from '../config/config-types.ts';
import type { Incident } from '../incidents/index.ts';
import { testConfig } from './escalation-test-config.ts';
import { choosePolicy, resolvePolicy, userPolicyId } from './policy-choice.ts';
import { planStep } from './step-notifications.ts';
import { resolveTargets } from './target-resolve.ts';

const M = 60_000;
const T0 = Date.parse('2026-03-01T03:00:00Z');
const incident: Incident = {
  id: 42, key: 'api/down', title: 'API down', service: 'api', severity: 'P1', status: 'triggered',
  openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null,
  respondBreachedAt: null, resolveBreachedAt: null, runbook: 'runbooks/api.md', updatedAt: T0,
};
const onCall: Record<string, string | null> = { primary: 'ana', secondary: 'ben', empty: null, ghost: 'zed' };

async function plan(targets: TargetRef[], step: { round: number; level: number } = { round: 0, level: 0 }) {
  const asked: Array<[string, number]> = [];
  const resolved = await resolveTargets(targets, T0 + 60_000, async (schedule, at) => {
    asked.push([schedule, at]);
    return onCall[schedule] ?? null;
  });
  const out = planStep({
    config: testConfig(), incident, ...step, kind: 'incident.triggered', targets: resolved,
    now: T0 + 60_000, consoleUrl: 'https://ops.example.com/', runStartedAt: T0,
  });
  return { ...out, asked };
}

const S = `inc:42:s${T0}`;

describe('planStep', () => {
  // [name, targets, step, expected rows as [key, channel, recipient, notBefore minutes after T0], summary]
  it.each([
    ['a schedule expands to whoever is on call, by their personal rules', [{ kind: 'schedule', id: 'primary' }], { round: 0, level: 0 }, [
      [`${S}:r0:l0:ana:user:ana/webhook`, 'user:ana/webhook', 'ana', 1],
      [`${S}:r0:l0:ana:user:ana/email`, 'user:ana/email', 'ana', 6],
    ], 'Level 1: notified Ana Lima (schedule primary) via webhook, email after 5m'],
    ['a user directly, in a later round and level', [{ kind: 'user', id: 'ben' }], { round: 2, level: 1 }, [
      [`${S}:r2:l1:ben:user:ben/email`, 'user:ben/email', 'ben', 1],
    ], 'Level 2 (repeat 2): notified Ben Ortiz via email'],
    ['a user with no rules gets every contact at once', [{ kind: 'user', id: 'lea' }], { round: 0, level: 2 }, [
      [`${S}:r0:l2:lea:user:lea/slack`, 'user:lea/slack', 'lea', 1],
    ], 'Level 3: notified Lea Kim via slack'],
    ['a named channel', [{ kind: 'channel', id: 'ops-slack' }], { round: 0, level: 0 }, [
      [`${S}:r0:l0:channel:ops-slack`, 'ops-slack', null, 1],
    ], 'Level 1: posted to channel ops-slack'],
    ['someone on call and named directly is told once', [{ kind: 'schedule', id: 'secondary' }, { kind: 'user', id: 'ben' }], { round: 0, level: 0 }, [
      [`${S}:r0:l0:ben:user:ben/email`, 'user:ben/email', 'ben', 1],
    ], 'Level 1: notified Ben Ortiz (schedule secondary) via email'],
    ['an empty schedule is recorded and the rest carries on', [{ kind: 'schedule', id: 'empty' }, { kind: 'user', id: 'ben' }], { round: 0, level: 1 }, [
      [`${S}:r0:l1:ben:user:ben/email`, 'user:ben/email', 'ben', 1],
    ], 'Level 2: nobody on call for schedule empty; notified Ben Ortiz via email'],
    ['nobody reachable at all', [{ kind: 'schedule', id: 'empty' }, { kind: 'user', id: 'nox' }], { round: 0, level: 0 }, [],
      'Level 1: nobody on call for schedule empty; Nox Quiet has no contact methods'],
    ['ids the config does not know', [{ kind: 'schedule', id: 'ghost' }, { kind: 'channel', id: 'nope' }], { round: 0, level: 0 }, [],
      'Level 1: unknown user zed (schedule ghost); unknown channel nope'],
  ] as const)('%s', async (_name, targets, step, rows, summary) => {
    const out = await plan([...targets], step);
    expect(out.rows.map((r) => [r.key, r.channel, r.recipient, (r.notBefore - T0) / M])).toEqual(rows);
    expect(out.summary).toBe(summary);
    expect(out.rows.every((r) => r.incidentId === 42 && r.createdAt === T0 + M)).toBe(true);
  });

  it('looks schedules up at the time it is given', async () => {
    const out = await plan([{ kind: 'schedule', id: 'primary' }, { kind: 'user', id: 'ben' }]);
    expect(out.asked).toEqual([['primary', T0 + M]]);
  });

  it('snapshots the incident into the message, with a console link', async () => {
    const out = await plan([{ kind: 'user', id: 'ben' }, { kind: 'channel', id: 'ops-slack' }], { round: 1, level: 2 });
    expect(out.rows[0]!.message).toEqual({
      kind: 'incident.triggered', organization: 'Accelerapp', consoleUrl: 'https://ops.example.com',
      incident: {
        id: 42, title: 'API down', service: 'api', severity: 'P1', status: 'triggered', openedAt: T0,
        url: 'https://ops.example.com/incidents/42', runbook: 'runbooks/api.md',
      },
      level: 2, round: 1, recipient: { id: 'ben', name: 'Ben Ortiz' }, text: null, deadLetter: null,
    });
    expect(out.rows[1]!.message.recipient).toBeNull();
  });
});

describe('choosePolicy', () => {
  it.each([
    ["the rule's own policy wins", 'late', 'P1', 'late'],
    ["else the severity's", null, 'P1', 'default'],
    ['else the default policy', null, 'P4', 'lead-only'],
    ['an unknown severity falls to the default', null, 'P9', 'lead-only'],
  ] as const)('%s', (_name, rule, severity, expected) => {
    expect(choosePolicy(testConfig(), rule, severity)).toBe(expected);
  });

  it('is null when nothing names a policy', () => {
    const config = testConfig();
    expect(choosePolicy({ ...config, notifications: { ...config.notifications, defaultPolicy: null } }, null, 'P4')).toBeNull();
  });
});

describe('resolvePolicy', () => {
  it('finds config policies and builds one-person policies for reassignment', () => {
    expect(resolvePolicy(testConfig(), 'late')?.levels[0]!.afterMs).toBe(5 * M);
    expect(resolvePolicy(testConfig(), userPolicyId('ben'))).toEqual({
      id: 'user:ben', levels: [{ afterMs: 0, targets: [{ kind: 'user', id: 'ben' }] }], repeat: 0, repeatAfterMs: 0,
    });
    expect(resolvePolicy(testConfig(), 'gone')).toBeNull();
    expect(resolvePolicy(testConfig(), userPolicyId('zed'))).toBeNull();
  });
});
