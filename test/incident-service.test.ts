import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config/index.ts';
import { EscalationService } from '../src/escalation/index.ts';
import { IncidentService, type AlertRuleRef, type SeverityCatalog } from '../src/incidents/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

const catalog: SeverityCatalog = {
  targets: (id) => ({ P1: { respondWithinMs: 15 * 60_000, resolveWithinMs: 4 * 3_600_000 }, P3: { respondWithinMs: 4 * 3_600_000, resolveWithinMs: null } })[id],
  has: (id) => id === 'P1' || id === 'P3',
  ids: () => ['P1', 'P3'],
};
const rule: AlertRuleRef = {
  id: 'api/down', service: 'api', name: 'down', severity: 'P1', runbook: 'runbooks/api.md', autoResolve: true, cooldownMs: 10 * 60_000, summary: null, escalation: null,
};

/** A config without escalation policies: incidents here page nobody, and their timelines say so. */
async function quietConfig(): Promise<Config> {
  const loaded = await loadConfig(configDir({ 'opsdeck.yaml': 'organization: Quiet\nseverities:\n  P1: { name: Critical }\n  P3: { name: Low }\n' }));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

describe.each(DIALECTS)('incident service on $name', (dialect) => {
  let store: Store | null = null;
  let schema: string | undefined;
  const clock = new FakeClock('2026-03-29T00:30:00Z');

  let config: Config;
  const incidentService = (s: Store) => new IncidentService({
    store: s, clock, severities: () => catalog,
    escalation: new EscalationService({ clock, config: () => config, onCallUser: async () => null, consoleUrl: () => 'http://127.0.0.1:8080' }),
  });

  beforeAll(async () => {
    config = await quietConfig();
    const options = await dialect.options();
    if (!options) return;
    schema = options.schema;
    store = await openStore({ ...options, dataDir: mkdtempSync(path.join(tmpdir(), 'opsdeck-incidents-')) });
  });
  afterAll(async () => {
    await store?.close();
    if (schema) await dropSchema(schema);
  });

  it('reopens within the flap cool-down, opens a new incident after it, and records breaches once', async (ctx) => {
    if (!store) return ctx.skip();
    const service = incidentService(store);

    const first = await service.alertFired(rule, '2 runs failed');
    expect(first.created).toBe(true);
    expect(first.incident).toMatchObject({ title: 'api: down firing', status: 'triggered', runbook: 'runbooks/api.md', respondBy: clock.now() + 15 * 60_000 });
    expect((await service.alertFired(rule, 'again')).created).toBe(false);

    clock.advance(60_000);
    expect((await service.alertResolved(rule, 'passing'))?.status).toBe('resolved');

    clock.advance(5 * 60_000); // inside the 10-minute cool-down: the same incident comes back
    const flap = await service.alertFired(rule, 'failing again');
    expect(flap).toMatchObject({ created: false, incident: { id: first.incident.id, status: 'triggered', resolvedAt: null } });

    clock.advance(60_000);
    await service.alertResolved(rule, 'passing');
    clock.advance(11 * 60_000); // past the cool-down: a new incident
    const second = await service.alertFired(rule, 'down');
    expect(second.created).toBe(true);
    expect(second.incident.id).not.toBe(first.incident.id);

    // Respond target passes unacknowledged: recorded once, with a timeline entry.
    clock.advance(16 * 60_000);
    expect(await service.recordBreaches()).toBe(1);
    expect(await service.recordBreaches()).toBe(0);
    const breached = await service.get(second.incident.id);
    expect(breached.respondBreachedAt).toBe(clock.now());
    const timeline = await store.incidents.timeline(second.incident.id);
    // Without an escalation policy nobody is paged, and the timeline says so right after the alert.
    expect(timeline.map((e) => e.kind)).toEqual(['alert', 'escalation', 'breach']);
    expect(timeline[1]!.message).toBe('No escalation policy: nobody is paged');
    expect(timeline[2]!.message).toMatch(/^Response target missed \(due 2026-03-29T01:0/);

    // Severity change moves the due times, measured from the opening.
    const lowered = await service.changeSeverity(second.incident.id, 'P3', 'token:ana');
    expect(lowered.respondBy).toBe(second.incident.openedAt + 4 * 3_600_000);
    expect(lowered.resolveBy).toBeNull();
    await expect(service.changeSeverity(second.incident.id, 'P9', 'token:ana')).rejects.toThrow('unknown severity "P9"; defined: P1, P3');
    await expect(service.addNote(second.incident.id, '   ', 'token:ana')).rejects.toThrow('expected a non-empty note');
    await expect(service.get(9999)).rejects.toThrow('no incident 9999');

    const firstTimeline = await store.incidents.timeline(first.incident.id);
    expect(firstTimeline.map((e) => `${e.kind}:${e.actor}`)).toEqual([
      'alert:alert:api/down', 'escalation:system', 'alert:alert:api/down', 'alert:alert:api/down', 'status:alert:api/down',
      'status:alert:api/down', 'escalation:system', 'alert:alert:api/down', 'status:alert:api/down',
    ]);
  });

  it('keeps a rule without auto-resolve open and notes the clearing on the timeline', async (ctx) => {
    if (!store) return ctx.skip();
    const service = incidentService(store);
    const manual = { ...rule, id: 'db/down', service: 'db', autoResolve: false };
    const { incident } = await service.alertFired(manual, 'down');
    const after = await service.alertResolved(manual, 'passing');
    expect(after?.status).toBe('triggered');
    expect((await store.incidents.timeline(incident.id)).at(-1)!.message).toBe('Alert db/down resolved: passing');
  });
});
