import type { ChannelDef, Config, EscalationPolicyDef, UserDef } from '../config/config-types.ts';

/**
 * A small resolved Config for the escalation tests, built the way the loader resolves one:
 * ana and ben on schedules, lea the lead, a shared Slack channel, and a policy of three levels.
 */
const M = 60_000;

function contact(user: string, name: string, type: string): ChannelDef {
  return { id: `user:${user}/${name}`, type, typeConfig: {} };
}

export const users: UserDef[] = [
  {
    id: 'ana', name: 'Ana Lima', timezone: 'Europe/Berlin', email: 'ana@example.com', phone: null,
    contacts: [contact('ana', 'webhook', 'webhook'), contact('ana', 'email', 'email')],
    rules: [{ channel: 'user:ana/webhook', afterMs: 0 }, { channel: 'user:ana/email', afterMs: 5 * M }],
  },
  {
    id: 'ben', name: 'Ben Ortiz', timezone: 'America/New_York', email: 'ben@example.com', phone: null,
    contacts: [contact('ben', 'email', 'email')],
    rules: [{ channel: 'user:ben/email', afterMs: 0 }],
  },
  {
    // No rules written: the loader's default is every contact at once.
    id: 'lea', name: 'Lea Kim', timezone: 'UTC', email: null, phone: null,
    contacts: [contact('lea', 'slack', 'slack')],
    rules: [],
  },
  { id: 'nox', name: 'Nox Quiet', timezone: 'UTC', email: null, phone: null, contacts: [], rules: [] },
];

export const policies: EscalationPolicyDef[] = [
  {
    id: 'default',
    levels: [
      { afterMs: 0, targets: [{ kind: 'schedule', id: 'primary' }, { kind: 'channel', id: 'ops-slack' }] },
      { afterMs: 15 * M, targets: [{ kind: 'schedule', id: 'secondary' }] },
      { afterMs: 30 * M, targets: [{ kind: 'user', id: 'lea' }] },
    ],
    repeat: 2,
    repeatAfterMs: 10 * M,
  },
  { id: 'lead-only', levels: [{ afterMs: 0, targets: [{ kind: 'user', id: 'lea' }] }], repeat: 0, repeatAfterMs: 0 },
  { id: 'late', levels: [{ afterMs: 5 * M, targets: [{ kind: 'user', id: 'ben' }] }], repeat: 0, repeatAfterMs: 0 },
];

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    directory: '/etc/opsdeck',
    organization: 'Accelerapp',
    timezone: 'UTC',
    server: { host: '127.0.0.1', port: 8080, publicUrl: null, dataDir: '/tmp' },
    retention: { rawMs: 86_400_000, minuteMs: 7 * 86_400_000, hourMs: 90 * 86_400_000 },
    engine: { concurrency: 4, intervalMs: 30_000, timeoutMs: 10_000 },
    severities: [
      { id: 'P1', name: 'Critical', respondWithinMs: 15 * M, resolveWithinMs: null, updateEveryMs: null, escalation: 'default' },
      { id: 'P4', name: 'Low', respondWithinMs: null, resolveWithinMs: null, updateEveryMs: null, escalation: null },
    ],
    services: [],
    users,
    schedules: [],
    escalationPolicies: policies,
    channels: [{ id: 'ops-slack', type: 'slack', typeConfig: {} }],
    notifications: { smtp: null, retry: { initialMs: 1_000, maxDelayMs: 60_000, maxAgeMs: 3_600_000 }, fallback: null, defaultPolicy: 'lead-only' },
    inhibitRules: [],
    integrations: [],
    datasources: [],
    statusPages: [],
    maintenance: [],
    templates: [],
    subscriptions: { email: false, webhook: false },
    runbooks: [],
    heartbeats: [],
    routines: [],
    ...overrides,
  };
}
