import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import type { NotificationRecord } from '../src/store/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

// Acceptance 4 (a): a recurring Saturday 02:00-06:00 UTC window over service api, the whole app
// on a fake clock. An alert at 03:00 Saturday notifies nobody and is recorded as muted; the same
// alert at 07:00 notifies; the 7-day notice goes out exactly once, across a restart too.

const KEY = `mw-${randomBytes(8).toString('hex')}`;
process.env['OPSDECK_TEST_MAINTENANCE_KEY'] = KEY;
const at = (text: string) => Date.parse(text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SAT = at('2026-02-28T02:00:00Z');
const NEXT_SAT = at('2026-03-07T02:00:00Z');
const WEEK = 7 * 86_400_000;

describe.each(DIALECTS)('a weekly maintenance window through the whole app on $name', (dialect) => {
  const clock = new FakeClock('2026-02-27T12:00:00Z');
  let hooks: HttpReceiver;
  let dir: string;
  let options: { databaseUrl?: string; schema?: string } | null;
  let app: Opsdeck | null = null;
  let api: ReturnType<typeof apiAs>;
  // Made on the first start only; a restarted app keeps its tokens.
  let secret: string | null = null;

  const start = async () => {
    app = await startOpsdeck({ ...options, configDir: dir, clock, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    secret ??= app.bootstrapSecret;
    api = apiAs(app.url, secret);
  };
  const send = async (action: 'trigger' | 'resolve') => {
    const response = await fetch(`${app!.url}/v2/enqueue`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: KEY, event_action: action, dedup_key: 'api-5xx', payload: { summary: 'api 5xx above 5%', source: 'lb-1', severity: 'critical' } }),
    });
    expect(response.status).toBe(202);
  };
  /** Moves the fake clock, then gives the periodic tasks it fired (5 s, 30 s) the real time to finish. */
  const moveTo = async (t: number) => {
    clock.set(t);
    await sleep(300);
    clock.advance(30_000);
    await sleep(300);
  };
  const outbox = async (): Promise<NotificationRecord[]> => (await app!.store.notifications.list({ limit: 500, offset: 0 })).items;
  const announcementsOf = async (start: number) =>
    (await outbox()).filter((n) => n.message.kind === 'maintenance.announcement' && n.key.startsWith(`maintenance:weekly-prod:${start}:`));

  beforeAll(async () => {
    options = await dialect.options();
    hooks = await startHttpReceiver(() => ({ status: 200, body: 'ok' }));
    dir = configDir({
      'opsdeck.yaml': `
organization: Maint
severities:
  P1: { name: Critical }
users:
  ana: { name: Ana Lima, contact: { webhook: "${hooks.url}/ana" } }
notifications:
  default_policy: page-ana
escalation_policies:
  page-ana: { levels: [ { after: 0s, notify: [user:ana] } ] }
services:
  api: { name: API, component: API }
status_pages:
  public: { title: Maint status }
subscriptions: { webhook: true }
integrations:
  lb:
    events_v2: { service: api, routing_key_env: OPSDECK_TEST_MAINTENANCE_KEY }
maintenance:
  weekly-prod: { every: "Sat 02:00", lasts: 4h, timezone: UTC, services: [api], notice: 7d, message: "Database upgrades" }
`,
    });
    if (options) await start();
  });

  afterAll(async () => {
    await app?.stop();
    await hooks?.close();
    if (options?.schema) await dropSchema(options.schema);
  });

  it('mutes at 03:00 Saturday, notifies at 07:00, and announces each occurrence once at its notice time', async (ctx) => {
    if (!app) return ctx.skip();
    const subscriber = await api('POST', '/subscribers', { url: `${hooks.url}/subscriber`, components: ['api'] });
    expect(subscriber.status).toBe(200);

    // The first tick: the coming Saturday's notice time (a week before it) has passed, so it is announced at once.
    await moveTo(clock.now());
    expect(await announcementsOf(SAT)).toHaveLength(1);
    expect(await announcementsOf(NEXT_SAT)).toHaveLength(0);

    // A second before the next Saturday's notice time, still nothing for it; from that time on, exactly one.
    await moveTo(NEXT_SAT - WEEK - 31_000);
    expect(await announcementsOf(NEXT_SAT)).toHaveLength(0);
    await moveTo(NEXT_SAT - WEEK);
    const [notice] = await announcementsOf(NEXT_SAT);
    expect(notice!.message).toMatchObject({ kind: 'maintenance.announcement', subject: 'Maint scheduled maintenance: weekly-prod, 2026-03-07 02:00 UTC' });
    expect(notice!.message.text).toContain('When: 2026-03-07 02:00 UTC to 2026-03-07 06:00 UTC');
    expect(notice!.message.text).toContain('Database upgrades');
    const received = await waitFor('the announcement at the subscriber', async () => hooks.requests.filter((r) => r.path === '/subscriber' && r.body.includes('2026-03-07 02:00 UTC')));
    expect(received).toHaveLength(1);

    // 03:00 Saturday, inside the window: the alert opens its incident, muted; nobody is paged.
    await moveTo(at('2026-02-28T03:00:00Z'));
    await send('trigger');
    const muted = await waitFor('the muted incident', async () => (await api('GET', '/incidents?service=api')).body.items[0]);
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000);
      await sleep(100);
    }
    const { body: detail } = await api('GET', `/incidents/${muted.id}`);
    expect(detail.timeline.find((e: { kind: string }) => e.kind === 'muted').message).toContain('maintenance window "weekly-prod" until 06:00 UTC');
    expect((await api('GET', `/incidents/${muted.id}/escalation`)).body.escalation.state).toBe('held');
    expect((await outbox()).filter((n) => n.recipient === 'ana')).toEqual([]);
    expect(hooks.requests.filter((r) => r.path === '/ana')).toEqual([]);
    await send('resolve');
    await waitFor('the muted incident resolved', async () => (await api('GET', `/incidents/${muted.id}`)).body.incident.status === 'resolved');

    // 07:00, the window over: the same alert pages ana through her real webhook.
    await moveTo(at('2026-02-28T07:00:00Z'));
    await send('trigger');
    const paged = await waitFor('the incident at 07:00', async () =>
      (await api('GET', '/incidents?service=api')).body.items.find((i: { id: number }) => i.id !== muted.id));
    const page = await waitFor('ana paged', async () => {
      clock.advance(1_000);
      return hooks.requests.find((r) => r.path === '/ana');
    });
    expect(JSON.parse(page.body)).toMatchObject({ kind: 'incident.triggered', incident: { id: paged.id } });
    expect((await api('GET', `/incidents/${paged.id}`)).body.timeline.some((e: { kind: string }) => e.kind === 'muted')).toBe(false);

    // Further on, and across a restart of the app (and its announcer): still one notice per occurrence.
    await moveTo(at('2026-03-01T12:00:00Z'));
    await app.stop();
    await start();
    await moveTo(clock.now());
    await moveTo(at('2026-03-03T12:00:00Z'));
    expect(await announcementsOf(SAT)).toHaveLength(1);
    expect(await announcementsOf(NEXT_SAT)).toHaveLength(1);
    expect(hooks.requests.filter((r) => r.path === '/subscriber' && r.body.includes('2026-03-07 02:00 UTC'))).toHaveLength(1);
  }, 60_000);

  it('a one-off window made through the API mutes, is extended, and ended now releases the held page at once', async (ctx) => {
    if (!app) return ctx.skip();
    const now = clock.now();
    expect(await api('POST', '/maintenance', { title: 'Hotfix', start: new Date(now).toISOString(), services: ['api'] })).toMatchObject({
      status: 400, body: { field: 'lasts' },
    });
    expect((await api('POST', '/maintenance', { title: 'Hotfix', start: new Date(now).toISOString(), lasts: '1h', services: ['nope'] })).body.field).toBe('services.0');
    const created = await api('POST', '/maintenance', { title: 'Hotfix', start: new Date(now).toISOString(), lasts: '1h', services: ['api'] });
    expect(created.status).toBe(200);
    const { window, start } = created.body.occurrence;
    expect(created.body.occurrence).toMatchObject({ state: 'active', start: now, end: now + 3_600_000, components: ['api'] });

    const before = hooks.requests.filter((r) => r.path === '/ana').length;
    await send('resolve');
    await send('trigger');
    // The pipeline takes the resolve and then the trigger a moment after their 202s: wait for the muted firing.
    const incident = await waitFor('the hotfix incident', async () => {
      const open = (await api('GET', '/incidents?service=api')).body.items.find((i: { status: string }) => i.status === 'triggered');
      const timeline = open ? (await api('GET', `/incidents/${open.id}`)).body.timeline : [];
      return timeline.some((e: { kind: string }) => e.kind === 'muted') ? open : undefined;
    });
    const { body: detail } = await api('GET', `/incidents/${incident.id}`);
    expect(detail.timeline.find((e: { kind: string }) => e.kind === 'muted').message).toContain('maintenance window "Hotfix"');
    expect((await api('GET', `/incidents/${incident.id}/escalation`)).body.escalation.state).toBe('held');

    const extended = await api('POST', `/maintenance/${window}/${start}/extend`, { by: '30m' });
    expect(extended).toMatchObject({ status: 200, body: { occurrence: { end: now + 90 * 60_000, changed: { kind: 'extend' } } } });
    expect((await api('POST', `/maintenance/${window}/${start}/extend`, { by: '30m', until: '2030-01-01T00:00Z' })).status).toBe(400);
    expect((await api('GET', '/maintenance')).body.windows.find((w: { id: string }) => w.id === window).occurrences[0]).toMatchObject({ state: 'active', end: now + 90 * 60_000 });

    clock.advance(60_000);
    const ended = await api('POST', `/maintenance/${window}/${start}/end`, {});
    expect(ended).toMatchObject({ status: 200, body: { occurrence: { end: now + 60_000, changed: { kind: 'end-early' } } } });
    // Released by the change itself, before any tick; the escalation's next step then pages ana.
    expect((await api('GET', `/incidents/${incident.id}/escalation`)).body.escalation.state).not.toBe('held');
    const page = await waitFor('ana paged once the window ended', async () => {
      clock.advance(1_000);
      return hooks.requests.filter((r) => r.path === '/ana')[before];
    });
    expect(JSON.parse(page.body)).toMatchObject({ incident: { id: incident.id } });
    expect((await api('POST', `/maintenance/${window}/${start}/end`, {})).status).toBe(409);
    expect((await api('POST', `/maintenance/weekly-prod/${NEXT_SAT}/end`, {})).status).toBe(409);
    expect((await api('POST', `/maintenance/weekly-prod/${NEXT_SAT + 1}/end`, {})).status).toBe(404);
  }, 60_000);
});
