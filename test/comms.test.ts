import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommunications, type Communications } from '../src/comms/index.ts';
import { loadConfig, type Config } from '../src/config/index.ts';
import { EscalationService } from '../src/escalation/index.ts';
import { IncidentService, type AlertRuleRef } from '../src/incidents/index.ts';
import { OnCallDirectory, onCallAt } from '../src/oncall/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { severityCatalog } from '../src/app/severity-catalog.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

const MIN = 60_000;

const CONFIG = `
organization: Comms
severities:
  P1: { name: Critical, respond_within: 15m, update_every: 30m, escalation: default }
  P3: { name: Low }
users:
  ana: { name: Ana Lima, contact: { webhook: "http://127.0.0.1:9/ana" } }
  ben: { name: Ben Okafor, contact: { webhook: "http://127.0.0.1:9/ben" } }
schedules:
  primary: { timezone: UTC, rotation: weekly, handoff: "Mon 09:00", start: "2026-01-05T09:00", members: [ben] }
escalation_policies:
  default:
    levels:
      - { after: 0s, notify: [schedule:primary] }
services:
  api:
    name: API
    checks:
      health: { http: { url: "http://127.0.0.1:9/health" } }
status_pages:
  public:
    components:
      - { id: api, name: API, services: [api] }
`;

const rule = (severity: string): AlertRuleRef => ({
  id: `api/down-${severity}`, service: 'api', name: 'down', severity, runbook: null, autoResolve: false, cooldownMs: 0, summary: 'API is down', escalation: null,
});

// Acceptance 2: a P1 incident (update every 30 minutes) without a public update for 31 minutes
// reminds its commander, once; the next reminder waits for the next due time after a new update.
describe.each(DIALECTS)('status update cadence on $name', (dialect) => {
  let store: Store | null = null;
  let schema: string | undefined;
  let config: Config;
  const clock = new FakeClock('2026-03-02T10:00:00Z');
  let incidents: IncidentService;
  let comms: Communications;

  beforeAll(async () => {
    const loaded = await loadConfig(configDir({ 'opsdeck.yaml': CONFIG }));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    config = loaded.config;
    const options = await dialect.options();
    if (!options) return;
    schema = options.schema;
    const s = await openStore({ ...options, dataDir: mkdtempSync(path.join(tmpdir(), 'opsdeck-comms-')) });
    store = s;
    const directory = new OnCallDirectory({ config: () => config, store: s });
    const escalation = new EscalationService({
      clock, config: () => config, consoleUrl: () => 'http://opsdeck.test',
      onCallUser: async (id, at) => {
        const schedule = directory.schedule(id);
        return schedule ? (onCallAt(schedule, at, [])?.user ?? null) : null;
      },
    });
    incidents = new IncidentService({ store: s, clock, severities: () => severityCatalog(config), escalation });
    comms = createCommunications({ store: s, clock, config: () => config, incidents, directory, baseUrl: () => 'http://opsdeck.test' });
  });
  afterAll(async () => {
    await store?.close();
    if (schema) await dropSchema(schema);
  });

  /** The app's 30-second tick, driven by the fake clock up to `until`. */
  async function tickUntil(until: number): Promise<void> {
    while (clock.now() + 30_000 <= until) {
      clock.advance(30_000);
      await comms.reminders.run();
    }
  }
  async function reminders(incidentId: number) {
    const { items } = await store!.notifications.list({ limit: 500, offset: 0 });
    return items.filter((n) => n.key.startsWith(`update-due:${incidentId}:`)).sort((a, b) => a.id - b.id);
  }
  async function reminderEvents(incidentId: number) {
    return (await store!.incidents.timeline(incidentId)).filter((e) => e.kind === 'reminder');
  }

  it('reminds the commander once when no public update came for 31 minutes, and again only after the next due time', async (ctx) => {
    if (!store) return ctx.skip();
    const opened = clock.now();
    const { incident } = await incidents.alertFired(rule('P1'), 'down');
    clock.advance(2 * MIN);
    await incidents.act(incident.id, { type: 'acknowledge' }, 'token:ana');

    // An internal update does not count: customers still heard nothing.
    clock.advance(10 * MIN);
    await comms.updates.post(incident.id, { visibility: 'internal', message: 'Looking at the database' }, 'token:ana');
    await tickUntil(opened + 29 * MIN + 30_000);
    expect(await reminders(incident.id)).toEqual([]);

    await tickUntil(opened + 31 * MIN);
    const first = await reminders(incident.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      key: `update-due:${incident.id}:${opened + 30 * MIN}`, channel: 'user:ana/webhook', recipient: 'ana', incidentId: null,
      message: { kind: 'notice', recipient: { id: 'ana', name: 'Ana Lima' }, incident: { id: incident.id } },
    });
    expect(first[0]!.message.text).toMatch(/^Public status update due for incident #\d+ \(P1, every 30m\): overdue since 2026-03-02 10:30 UTC/);
    expect((await reminderEvents(incident.id)).map((e) => e.message)).toEqual(['Public update overdue since 2026-03-02 10:30 UTC (every 30m): reminded ana (commander)']);
    const listed = await comms.updates.list(incident.id);
    expect(listed.cadence).toEqual({ everyMs: 30 * MIN, dueAt: opened + 30 * MIN, overdueSince: opened + 30 * MIN });

    // Still overdue, still once.
    await tickUntil(opened + 45 * MIN);
    expect(await reminders(incident.id)).toHaveLength(1);
    expect(await reminderEvents(incident.id)).toHaveLength(1);

    // A public update at 45 minutes: the next one is due at 75.
    const posted = await comms.updates.post(incident.id, { visibility: 'public', message: 'We are investigating elevated errors.', status: 'investigating' }, 'token:ana');
    expect(posted.incident.status).toBe('investigating');
    expect((await comms.updates.list(incident.id)).cadence).toEqual({ everyMs: 30 * MIN, dueAt: opened + 75 * MIN, overdueSince: null });
    await tickUntil(opened + 74 * MIN + 30_000);
    expect(await reminders(incident.id)).toHaveLength(1);
    await tickUntil(opened + 76 * MIN);
    const both = await reminders(incident.id);
    expect(both.map((n) => n.key)).toEqual([`update-due:${incident.id}:${opened + 30 * MIN}`, `update-due:${incident.id}:${opened + 75 * MIN}`]);

    // Resolved: nothing is owed any more.
    await comms.updates.post(incident.id, { visibility: 'public', message: 'Fixed.', status: 'resolved' }, 'token:ana');
    await tickUntil(opened + 200 * MIN);
    expect(await reminders(incident.id)).toHaveLength(2);
  });

  it('without a commander reminds whoever is on call for the policy\'s first schedule; a severity without update_every reminds nobody', async (ctx) => {
    if (!store) return ctx.skip();
    const opened = clock.now();
    const { incident } = await incidents.alertFired(rule('P1'), 'down again');
    const { incident: low } = await incidents.alertFired(rule('P3'), 'slow');
    await tickUntil(opened + 31 * MIN);
    expect((await reminders(incident.id)).map((n) => [n.channel, n.recipient])).toEqual([['user:ben/webhook', 'ben']]);
    expect((await reminderEvents(incident.id))[0]?.message).toMatch(/reminded ben \(on call\)$/);
    expect(await reminders(low.id)).toEqual([]);
  });

  it('a second process (or a restart) ticking at the same time queues and records nothing twice', async (ctx) => {
    if (!store) return ctx.skip();
    const opened = clock.now();
    const { incident } = await incidents.alertFired({ ...rule('P1'), id: 'api/twice' }, 'down');
    clock.set(opened + 31 * MIN);
    const other = createCommunications({ store: store!, clock, config: () => config, incidents, directory: new OnCallDirectory({ config: () => config, store: store! }), baseUrl: () => 'http://opsdeck.test' });
    const counts = await Promise.all([comms.reminders.run(), other.reminders.run()]);
    expect(await reminders(incident.id)).toHaveLength(1);
    expect(await reminderEvents(incident.id)).toHaveLength(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
