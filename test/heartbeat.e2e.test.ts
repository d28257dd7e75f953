import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

const CONFIG = `
organization: Heartbeats
severities:
  P1: { name: Critical }
  P2: { name: High }
services:
  db: { name: Database }
heartbeats:
  minutely: { name: Minutely export, cron: "* * * * *", grace: 30s, service: db, severity: P2 }
  runner: { period: 1h, grace: 30s, service: db }
  table: { period: 1h, grace: 1h }
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Acceptance 6 on the real server with a fake clock, on SQLite and PostgreSQL: a cron heartbeat
// every minute with 30 s grace opens an incident when a ping is missed and a late success resolves
// it; a start with no end within the grace opens one; and every ping form and error of the
// integrations README answers as written, with the body kept (truncated) as the run's log.
describe.each(DIALECTS)('heartbeats end to end on $name', (dialect) => {
  let app: Opsdeck;
  let api: ReturnType<typeof apiAs>;
  let options: { databaseUrl?: string; schema?: string } | null;
  const clock = new FakeClock('2026-03-02T10:00:00Z');
  const urls: Record<string, string> = {};
  let dir: string;
  let token: string;
  const start = () => startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, clock, logger: pino({ level: 'silent' }), ...options });

  /** Jumps the fake clock, then lets one more second pass so the once-a-second deadline check runs at the new time. */
  const moveTo = async (iso: string) => {
    clock.set(Date.parse(iso) - 1_000);
    await sleep(30);
    clock.advance(1_000);
  };
  const open = (id: string) => app.store.incidents.findOpenByKey(`heartbeat:${id}`);
  const ping = (url: string, init: RequestInit = {}) => fetch(url, init).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }));

  beforeAll(async () => {
    options = await dialect.options();
    if (!options) return;
    dir = configDir({ 'opsdeck.yaml': CONFIG });
    app = await start();
    token = app.bootstrapSecret!;
    api = apiAs(app.url, token);
    const listed = await api('GET', '/heartbeats');
    for (const h of listed.body.items) urls[h.id] = h.pingUrl;
  });

  afterAll(async () => {
    await app?.stop();
    if (options?.schema) await dropSchema(options.schema);
  });

  it('lists every heartbeat with an unguessable ping URL on this server, new until its first ping', async (t) => {
    if (!options) return t.skip();
    const listed = await api('GET', '/heartbeats');
    expect(listed.body.items.map((h: any) => [h.id, h.status, h.schedule])).toEqual([
      ['minutely', 'new', { kind: 'cron', expr: '* * * * *', timezone: 'UTC' }],
      ['runner', 'new', { kind: 'period', everyMs: 3_600_000 }],
      ['table', 'new', { kind: 'period', everyMs: 3_600_000 }],
    ]);
    expect(urls['minutely']).toMatch(new RegExp(`^${app.url}/ping/[A-Za-z0-9_-]{32}$`));
    expect(new Set(Object.values(urls)).size).toBe(3);
  });

  it('cron every minute, 30 s grace: a missed ping opens an incident at 30 s past the minute; a late success resolves it', async (t) => {
    if (!options) return t.skip();
    await moveTo('2026-03-02T10:00:05Z');
    expect(await ping(urls['minutely']!)).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: 'OK' });
    await moveTo('2026-03-02T10:01:29Z');
    await sleep(100);
    expect(await open('minutely')).toBeNull();
    await moveTo('2026-03-02T10:01:31Z');
    const incident = await waitFor('the missed-ping incident', () => open('minutely'));
    expect(incident).toMatchObject({ service: 'db', severity: 'P2', title: expect.stringContaining('Minutely export: no ping since the run expected at 2026-03-02 10:01 UTC') });
    const shown = await api('GET', '/heartbeats/minutely');
    expect(shown.body.heartbeat).toMatchObject({ status: 'down', reason: { kind: 'missed', expectedBy: Date.parse('2026-03-02T10:01:00Z') }, downSince: Date.parse('2026-03-02T10:01:30Z'), deadline: null });

    await moveTo('2026-03-02T10:02:40Z');
    expect((await ping(urls['minutely']!, { method: 'POST', body: 'exported 120 rows' })).status).toBe(200);
    await waitFor('the incident to resolve', async () => (await app.store.incidents.get(incident.id))?.status === 'resolved');
    const after = await api('GET', '/heartbeats/minutely');
    expect(after.body.heartbeat).toMatchObject({ status: 'up', reason: null, deadline: Date.parse('2026-03-02T10:03:30Z') });
    expect(after.body.heartbeat.logs.map((p: any) => [p.kind, p.method, p.body])).toEqual([['success', 'POST', 'exported 120 rows'], ['success', 'GET', '']]);
  });

  it('a start with no end within the grace opens an incident; the late end resolves it', async (t) => {
    if (!options) return t.skip();
    expect((await ping(urls['runner']!)).status).toBe(200);
    await moveTo('2026-03-02T10:05:00Z');
    expect((await ping(`${urls['runner']}/start`)).status).toBe(200);
    await moveTo('2026-03-02T10:05:29Z');
    await sleep(100);
    expect(await open('runner')).toBeNull();
    await moveTo('2026-03-02T10:05:31Z');
    const incident = await waitFor('the unfinished-run incident', () => open('runner'));
    expect(incident.title).toBe('runner: started at 2026-03-02 10:05 UTC and did not finish within 30s');
    await moveTo('2026-03-02T10:07:00Z');
    expect((await ping(`${urls['runner']}/0`)).status).toBe(200);
    await waitFor('the incident to resolve', async () => (await app.store.incidents.get(incident.id))?.status === 'resolved');
  });

  it('answers every form of the integrations README as written, and keeps what each ping said', async (t) => {
    if (!options) return t.skip();
    const url = urls['table']!;
    const rid = randomUUID();
    const big = 'x'.repeat(150 * 1024);
    const rows: [string, string, RequestInit, number, string, object | null][] = [
      ['GET', '', {}, 200, 'OK', { kind: 'success', exitStatus: null, body: '' }],
      ['HEAD', '', {}, 200, '', { kind: 'success', method: 'HEAD' }],
      ['POST', '', { body: 'backup done: 42 GB' }, 200, 'OK', { kind: 'success', body: 'backup done: 42 GB', bodyBytes: 18, truncated: false }],
      ['GET', '/start', {}, 200, 'OK', { kind: 'start', rid: null }],
      ['POST', `/start?rid=${rid}`, { body: 'starting' }, 200, 'OK', { kind: 'start', rid, body: 'starting' }],
      ['POST', `/0?rid=${rid}`, { body: 'done' }, 200, 'OK', { kind: 'success', exitStatus: 0, rid }],
      ['GET', '/fail', {}, 200, 'OK', { kind: 'fail', exitStatus: null }],
      ['POST', '/log', { body: 'step 2 of 5', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 200, 'OK', { kind: 'log', body: 'step 2 of 5' }],
      ['GET', '/1', {}, 200, 'OK', { kind: 'fail', exitStatus: 1 }],
      ['GET', '/255', {}, 200, 'OK', { kind: 'fail', exitStatus: 255 }],
      ['POST', '', { body: big }, 200, 'OK', { kind: 'success', bodyBytes: 150 * 1024, truncated: true }],
      ['GET', '/256', {}, 400, 'invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "256"', null],
      ['GET', '/-1', {}, 400, 'invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "-1"', null],
      ['POST', '/abc', {}, 400, 'invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "abc"', null],
      ['GET', '?rid=not-a-uuid', {}, 400, 'invalid rid: expected a UUID like 3f2c6e0a-1b2d-4c5e-8f90-a1b2c3d4e5f6, found "not-a-uuid"', null],
      ['GET', '/start?rid=123', {}, 400, 'invalid rid: expected a UUID like 3f2c6e0a-1b2d-4c5e-8f90-a1b2c3d4e5f6, found "123"', null],
    ];
    for (const [method, suffix, init, status, text, stored] of rows) {
      const before = await app.store.heartbeats.count('table');
      const answer = await ping(`${url}${suffix}`, { method, ...init });
      expect([method, suffix, answer.status, answer.text, answer.type]).toEqual([method, suffix, status, text, 'text/plain; charset=utf-8']);
      const pings = await api('GET', '/heartbeats/table/pings?limit=1');
      expect(pings.body.total).toBe(before + (stored ? 1 : 0));
      if (stored) expect(pings.body.items[0]).toMatchObject({ method, ...stored });
    }
    const last = (await api('GET', '/heartbeats/table/pings?limit=1')).body.items[0];
    expect(last.body.length).toBe(100 * 1024);

    for (const path of ['/ping/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/ping/nope/start', '/ping/nope/0']) {
      expect(await ping(`${app.url}${path}`)).toEqual({ status: 404, type: 'text/plain; charset=utf-8', text: 'not found' });
    }
  });

  it('measures a run from start to end with rid, shows durations and logs, and keeps the ping URL from viewers', async (t) => {
    if (!options) return t.skip();
    const rid = randomUUID();
    await moveTo('2026-03-02T10:10:00Z');
    await ping(`${urls['runner']}/start?rid=${rid}`);
    await moveTo('2026-03-02T10:10:07Z');
    await ping(`${urls['runner']}?rid=${rid}`, { method: 'POST', body: 'ok' });
    const shown = (await api('GET', '/heartbeats/runner')).body.heartbeat;
    expect(shown.durations[0]).toEqual({ at: Date.parse('2026-03-02T10:10:07Z'), durationMs: 7_000, kind: 'success', rid });
    expect(shown.lastDurationMs).toBe(7_000);
    expect(shown.logs[0]).toMatchObject({ kind: 'success', body: 'ok', rid });
    const created = await api('POST', '/tokens', { name: 'watcher', role: 'viewer' });
    const viewer = apiAs(app.url, created.body.secret);
    const seen = await viewer('GET', '/heartbeats');
    expect(seen.status).toBe(200);
    expect(seen.body.items.every((h: any) => h.pingUrl === null)).toBe(true);
    expect((await api('GET', '/heartbeats/nope')).status).toBe(404);
  });

  it('keeps each heartbeat state and key across a restart without a second incident, and a reload that removes a down heartbeat resolves its alert', async (t) => {
    if (!options) return t.skip();
    await moveTo('2026-03-02T10:20:00Z');
    expect((await ping(`${urls['table']}/fail`)).status).toBe(200);
    const incident = await waitFor('the failure incident', () => open('table'));
    await app.stop();
    app = await start();
    api = apiAs(app.url, token);
    const after = (await api('GET', '/heartbeats/table')).body.heartbeat;
    expect(after).toMatchObject({ status: 'down', reason: { kind: 'failed', exitStatus: null } });
    expect(new URL(after.pingUrl).pathname).toBe(new URL(urls['table']!).pathname);
    const runner = (await api('GET', '/heartbeats/runner')).body.heartbeat;
    expect(runner).toMatchObject({ status: 'up', lastDurationMs: 7_000 });
    await app.settle();
    expect((await open('table'))?.id).toBe(incident.id);
    expect((await app.store.incidents.list({ status: 'open', limit: 50, offset: 0 })).items.filter((i) => i.title.startsWith('table')).length).toBe(1);

    writeFileSync(path.join(dir, 'opsdeck.yaml'), CONFIG.replace('  table: { period: 1h, grace: 1h }\n', ''));
    expect((await app.reload()).ok).toBe(true);
    // The once-a-second check is where a reload takes effect.
    clock.advance(1_000);
    await waitFor('the removed heartbeat\'s incident to resolve', async () => (await app.store.incidents.get(incident.id))?.status === 'resolved');
    expect((await ping(after.pingUrl)).status).toBe(404);
  });
});
