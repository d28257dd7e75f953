import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { apiAs } from './support/api.ts';
import { opsdeck } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const CONFIG = `
organization: Changes
timezone: Europe/Berlin
severities:
  P1: { name: Critical }
services:
  api: { name: API }
  web: { name: Web }
`;

// Change events from CI through the native API and the CLI, and where they show: the service page
// and the incident's "changes in the two hours before", on SQLite and PostgreSQL.
describe.each(DIALECTS)('change events on $name', (dialect) => {
  const clock = new FakeClock('2026-04-01T12:00:00Z');
  let app: Opsdeck | null = null;
  let schema: string | undefined;
  let api: ReturnType<typeof apiAs>;
  let responder: string;

  beforeAll(async () => {
    const options = await dialect.options();
    if (!options) return;
    schema = options.schema;
    app = await startOpsdeck({ ...options, configDir: configDir({ 'opsdeck.yaml': CONFIG }), clock, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
    responder = (await api('POST', '/tokens', { name: 'ci', role: 'responder' })).body.secret;
  });
  afterAll(async () => {
    await app?.stop();
    if (schema) await dropSchema(schema);
  });

  it('records a change with its links and details, and lists it newest first', async (ctx) => {
    if (!app) return ctx.skip();
    const ci = apiAs(app.url, responder);
    const posted = await ci('POST', '/changes', {
      summary: 'deploy v1.4.2', service: 'api', source: 'github-actions',
      links: [{ href: 'https://ci.example.com/run/42', text: 'run 42' }], custom_details: { commit: 'abc123', author: 'ana' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.change).toEqual({
      id: expect.any(Number), service: 'api', summary: 'deploy v1.4.2', origin: 'token:ci', source: 'github-actions', at: clock.now(),
      links: [{ href: 'https://ci.example.com/run/42', text: 'run 42' }], customDetails: { commit: 'abc123', author: 'ana' },
    });
    // A local time without an offset is in the config's zone (Berlin, UTC+2 on 1 April).
    const later = await ci('POST', '/changes', { summary: 'feature flag checkout-v2 on', timestamp: '2026-04-01T14:05' });
    expect(later.body.change).toMatchObject({ service: null, at: Date.parse('2026-04-01T12:05:00Z'), links: [], customDetails: null, source: null });

    const all = await api('GET', '/changes?limit=10');
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { summary: string }) => c.summary).slice(0, 2)).toEqual(['feature flag checkout-v2 on', 'deploy v1.4.2']);
    const onApi = await api('GET', '/changes?service=api');
    expect(onApi.body.items.every((c: { service: string }) => c.service === 'api')).toBe(true);
    expect(onApi.body.total).toBeGreaterThanOrEqual(1);
    // Every native change is in the inbound log too, under its token.
    expect(await app.store.inboundEvents.count({ source: 'changes-api', integration: 'token:ci' })).toBeGreaterThanOrEqual(2);
  });

  it.for<[string, Record<string, unknown>, string, RegExp]>([
    ['an unknown service', { summary: 'deploy', service: 'payments' }, 'service', /^service: no service "payments" in the config; expected one of "api", "web", or no service at all$/],
    ['a timestamp that is not a time', { summary: 'deploy', timestamp: 'yesterday' }, 'timestamp', /^timestamp: expected a local date-time like .* or an instant like "2026-12-24T16:00:00Z", found "yesterday"$/],
    ['an impossible date', { summary: 'deploy', timestamp: '2026-02-30T10:00:00Z' }, 'timestamp', /^timestamp: expected an instant like .*found "2026-02-30T10:00:00Z"/],
    ['no summary', { service: 'api' }, 'summary', /^summary: /],
    ['an empty summary', { summary: '   ' }, 'summary', /^summary: expected a summary like "deploy v1.4.2"$/],
    ['a summary past 1024 characters', { summary: 'x'.repeat(1025) }, 'summary', /^summary: /],
    ['a javascript: link', { summary: 'deploy', links: [{ href: 'javascript:alert(1)' }] }, 'links.0.href', /^links\.0\.href: expected an http\(s\) URL/],
    ['an unknown field', { summary: 'deploy', servce: 'api' }, 'body', /servce/],
  ])('refuses %s with 400 naming the field', async ([, body, field, message], ctx) => {
    if (!app) return ctx.skip();
    const before = (await api('GET', '/changes?limit=1')).body.total;
    const answer = await api('POST', '/changes', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(message);
    if (field !== 'body') expect(answer.body.field).toBe(field);
    expect((await api('GET', '/changes?limit=1')).body.total).toBe(before);
  });

  it('needs a responder to record and a viewer to read', async (ctx) => {
    if (!app) return ctx.skip();
    const viewer = apiAs(app.url, (await api('POST', '/tokens', { name: 'dash', role: 'viewer' })).body.secret);
    expect((await viewer('POST', '/changes', { summary: 'deploy' })).status).toBe(403);
    expect((await viewer('GET', '/changes')).status).toBe(200);
    expect((await apiAs(app.url, null)('GET', '/changes')).status).toBe(401);
  });

  it('shows a service its own recent changes and those tied to no service, not another service\'s', async (ctx) => {
    if (!app) return ctx.skip();
    await api('POST', '/changes', { summary: 'web deploy w7', service: 'web' });
    const summaries = (await api('GET', '/services/api')).body.changes.map((c: { summary: string }) => c.summary);
    expect(summaries).toContain('deploy v1.4.2');
    expect(summaries).toContain('feature flag checkout-v2 on');
    expect(summaries).not.toContain('web deploy w7');
    expect((await api('GET', '/services/web')).body.changes.map((c: { summary: string }) => c.summary)).toContain('web deploy w7');
  });

  it('shows an incident the changes from two hours before it opened until it resolved, newest first', async (ctx) => {
    if (!app) return ctx.skip();
    const openedAt = Date.parse('2026-04-02T09:00:00Z');
    const { incident } = await app.store.incidents.openOrAppend(
      {
        key: 'api/down', title: 'API is down', service: 'api', severity: 'P1', status: 'triggered', openedAt, acknowledgedAt: null, resolvedAt: null,
        respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null,
      },
      { at: openedAt, kind: 'opened', actor: 'system', message: 'opened', data: null },
    );
    const add = (summary: string, at: number, service?: string) => api('POST', '/changes', { summary, timestamp: iso(at), ...(service ? { service } : {}) });
    await add('too early', openedAt - 2 * HOUR - 1, 'api');
    await add('exactly two hours before', openedAt - 2 * HOUR, 'api');
    await add('global config push', openedAt - 30 * 60_000);
    await add('other service', openedAt - 10 * 60_000, 'web');
    await add('hotfix while open', openedAt + 20 * 60_000, 'api');
    const shown = async () => (await api('GET', `/incidents/${incident.id}`)).body.changesBefore.map((c: { summary: string }) => c.summary);

    // Open, and the hotfix is still in the future: not yet.
    clock.set(openedAt + 10 * 60_000);
    expect(await shown()).toEqual(['global config push', 'exactly two hours before']);
    // Open, and now is past the hotfix: a change made during the incident is a suspect too.
    clock.set(openedAt + HOUR);
    expect(await shown()).toEqual(['hotfix while open', 'global config push', 'exactly two hours before']);

    await app.store.incidents.update(incident.id, { status: 'resolved', resolvedAt: openedAt + 15 * 60_000 }, { at: openedAt + 15 * 60_000, kind: 'status', actor: 'system', message: 'resolved', data: null });
    // Resolved before the hotfix: it is not a suspect.
    expect(await shown()).toEqual(['global config push', 'exactly two hours before']);
  });

  it('records and lists changes with the opsdeck command', async (ctx) => {
    if (!app) return ctx.skip();
    const env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: responder };
    const added = await opsdeck(['changes', 'add', '--service', 'api', '--summary', 'deploy v1.4.3', '--link', 'https://ci.example.com/run/43', '--source', 'ci'], env);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^change #\d+ at \d{4}-\d\d-\d\d \d\d:\d\dZ on api: deploy v1.4.3\n$/);
    const listed = await opsdeck(['changes', 'list', '--service', 'api', '--limit', '1'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ api +deploy v1\.4\.3 {2}\(ci\) {2}https:\/\/ci\.example\.com\/run\/43\n1 of \d+\n$/);

    const bad = await opsdeck(['changes', 'add', '--service', 'nope', '--summary', 'deploy'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^opsdeck: 400: service: no service "nope" in the config/);
  });
});
