import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig } from './index.ts';
import type { Config } from './index.ts';
import { loadConfigWith } from './config-load.ts';
import { checkTypes, parseCondition, placeholdersFor } from '../checks/index.ts';
import { defaultStart } from './section-schedules.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/config');

async function load(name: string): Promise<Config> {
  const loaded = await loadConfig(path.join(FIXTURES, name));
  if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
  return loaded.config;
}

describe('on-call fixtures', () => {
  it('has the cases that pin the on-call error messages (run by config-load.test.ts)', () => {
    const cases = readdirSync(FIXTURES);
    expect(cases).toEqual(expect.arrayContaining(['oncall-valid', 'oncall-references', 'oncall-times', 'oncall-contacts', 'oncall-escalation', 'inhibit-matchers', 'oncall-unknown-keys']));
  });
});

describe('the oncall-valid fixture resolves to', () => {
  it('users with contacts as channels, `email:` as the email contact, and personal rules', async () => {
    const { users } = await load('oncall-valid');
    expect(users.map((u) => u.id)).toEqual(['ana', 'ben', 'chen', 'lead']);
    const [ana, ben, chen, lead] = users;
    expect(ana).toEqual({
      id: 'ana',
      name: 'Ana Lima',
      timezone: 'America/New_York',
      email: 'ana@example.com',
      phone: '+1 555 0100',
      contacts: [
        { id: 'user:ana/webhook', type: 'webhook', typeConfig: { url: 'http://127.0.0.1:9000/hook' } },
        { id: 'user:ana/slack', type: 'slack', typeConfig: { url_env: 'ANA_SLACK_URL' } },
        { id: 'user:ana/email', type: 'email', typeConfig: { to: ['ana@example.com'] } },
      ],
      rules: [{ channel: 'user:ana/webhook', afterMs: 0 }, { channel: 'user:ana/email', afterMs: 300_000 }],
    });
    // No rules written: every contact at once; no zone written: the top-level one.
    expect(ben).toMatchObject({ name: 'ben', timezone: 'Europe/Berlin', email: null, phone: null, rules: [{ channel: 'user:ben/webhook', afterMs: 0 }] });
    expect(chen).toMatchObject({ timezone: 'America/New_York', contacts: [{ id: 'user:chen/email', type: 'email' }], rules: [{ channel: 'user:chen/email', afterMs: 0 }] });
    expect(lead!.contacts.map((c) => c.id)).toEqual(['user:lead/slack', 'user:lead/email']);
  });

  it('schedules with layers, the inline shorthand, default names, starts and zones, and overrides as instants', async () => {
    const { schedules } = await load('oncall-valid');
    expect(schedules.map((s) => [s.id, s.name, s.timezone])).toEqual([
      ['primary', 'Primary on-call', 'America/New_York'],
      ['secondary', 'secondary', 'Europe/Berlin'],
      ['follow-the-sun', 'follow-the-sun', 'Asia/Kolkata'],
    ]);
    const [primary, secondary, sun] = schedules;
    expect(primary!.layers).toEqual([
      { name: 'weekly', rotation: { unit: 'week', count: 1 }, handoff: { weekday: 5, minute: 1020 }, start: '2026-01-02T17:00', members: ['ana', 'ben', 'chen'], restrictions: [] },
      {
        name: 'layer 2',
        rotation: { unit: 'day', count: 1 },
        handoff: { weekday: null, minute: 540 },
        start: '2026-01-01T09:00',
        members: ['chen'],
        restrictions: [{ days: [1, 2, 3, 4, 5], fromMinute: 540, toMinute: 1020 }, { days: [6], fromMinute: 1320, toMinute: 360 }],
      },
    ]);
    expect(primary!.overrides).toEqual([
      // 17:00 EST (UTC-5) and 09:00 EST; then an instant with Z, ending at a bare local date's midnight.
      { user: 'ben', from: Date.UTC(2026, 11, 24, 22), to: Date.UTC(2026, 11, 26, 14) },
      { user: 'ana', from: Date.UTC(2026, 11, 26, 14), to: Date.UTC(2026, 11, 27, 5) },
    ]);
    // 2026-01-05 is the first Monday on or after 2026-01-01.
    expect(secondary!.layers).toEqual([{ name: 'layer 1', rotation: { unit: 'week', count: 1 }, handoff: { weekday: 1, minute: 570 }, start: '2026-01-05T09:30', members: ['ben', 'chen', 'ana'], restrictions: [] }]);
    expect(sun!.layers[0]).toMatchObject({ rotation: { unit: 'hour', count: 12 }, handoff: { weekday: null, minute: 480 }, start: '2026-01-01T08:00' });
  });

  it('escalation policies with typed targets, repeats and their defaults', async () => {
    const { escalationPolicies } = await load('oncall-valid');
    expect(escalationPolicies).toEqual([
      {
        id: 'default',
        levels: [
          { afterMs: 0, targets: [{ kind: 'schedule', id: 'primary' }] },
          { afterMs: 900_000, targets: [{ kind: 'schedule', id: 'secondary' }, { kind: 'user', id: 'lead' }, { kind: 'channel', id: 'ops-slack' }] },
        ],
        repeat: 0,
        repeatAfterMs: 900_000,
      },
      {
        id: 'critical',
        levels: [
          { afterMs: 0, targets: [{ kind: 'schedule', id: 'primary' }, { kind: 'channel', id: 'ops-hook' }] },
          { afterMs: 300_000, targets: [{ kind: 'user', id: 'lead' }] },
        ],
        repeat: 2,
        repeatAfterMs: 600_000,
      },
    ]);
  });

  it('channels, notification settings, inhibit rules, and the escalation and labels of severities and alerts', async () => {
    const config = await load('oncall-valid');
    expect(config.channels).toEqual([
      { id: 'ops-slack', type: 'slack', typeConfig: { url: 'http://127.0.0.1:9001/slack' } },
      { id: 'ops-hook', type: 'webhook', typeConfig: { url: 'http://127.0.0.1:9002/hook', secret_env: 'OPS_HOOK_SECRET' } },
    ]);
    expect(config.notifications).toEqual({
      smtp: { host: '127.0.0.1', port: 2525, secure: false, starttls: 'never', tlsVerify: true, user: 'opsdeck', passwordEnv: 'SMTP_PASSWORD', from: 'Opsdeck <opsdeck@example.com>' },
      retry: { initialMs: 5_000, maxDelayMs: 300_000, maxAgeMs: 3_600_000 },
      fallback: 'ops-slack',
      // Not written: the policy named "default".
      defaultPolicy: 'default',
    });
    expect(config.inhibitRules).toEqual([
      { source: [{ label: 'alertname', op: '=', value: 'down' }], target: [{ label: 'alertname', op: '=', value: 'latency' }], equal: ['service'] },
      { source: [{ label: 'alertname', op: '=~', value: 'down|dead' }, { label: 'team', op: '!=', value: 'db' }], target: [{ label: 'severity', op: '=', value: 'P2' }], equal: [] },
    ]);
    expect(config.severities.map((s) => s.escalation)).toEqual(['critical', null]);
    expect(config.services[0]!.alerts.map((a) => [a.escalation, a.labels])).toEqual([['critical', { team: 'core' }], [null, {}]]);
  });
});

describe('a config without on-call sections', () => {
  it('gets empty lists and the documented defaults', async () => {
    const config = await load('valid');
    expect({ users: config.users, schedules: config.schedules, escalationPolicies: config.escalationPolicies, channels: config.channels, inhibitRules: config.inhibitRules }).toEqual({
      users: [], schedules: [], escalationPolicies: [], channels: [], inhibitRules: [],
    });
    expect(config.notifications).toEqual({ smtp: null, retry: { initialMs: 10_000, maxDelayMs: 300_000, maxAgeMs: 3_600_000 }, fallback: null, defaultPolicy: null });
  });
});

describe('channel types come from the catalog the loader is given', () => {
  it('refuses every channel block when the catalog has none, and `email:` is then no contact', async () => {
    const loaded = await loadConfigWith(path.join(FIXTURES, 'oncall-valid'), { types: checkTypes, placeholdersFor, parseCondition });
    const messages = loaded.ok ? [] : loaded.errors.map(formatConfigError);
    expect(messages).toContain('opsdeck.yaml:20:16: channels.ops-slack.slack: unknown key "slack"; expected one channel type (none are registered)');
    expect(messages).toContain('people.yaml:13:3: users.chen: user "chen" cannot be reached: email: needs the email channel type, which is not registered; add a method under contact:');
  });
});

describe('a layer without start', () => {
  it.each([
    [{ weekday: 5, minute: 1020 }, '2026-01-02T17:00'],
    [{ weekday: 4, minute: 0 }, '2026-01-01T00:00'],
    [{ weekday: 3, minute: 90 }, '2026-01-07T01:30'],
    [{ weekday: null, minute: 1439 }, '2026-01-01T23:59'],
  ])('hands off %o first at %s', (handoff, start) => {
    expect(defaultStart(handoff)).toBe(start);
  });
});
