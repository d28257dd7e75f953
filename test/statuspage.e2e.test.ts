import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/api.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';
import { MAINTENANCE_START, startStatusFixture, type StatusFixture } from './statuspage-fixture.ts';

type Summary = { status: { indicator: string }; components: { id: string; status: string; uptime90d: number | null }[]; activeIncidents: { id: number; title: string; updates: { message: string }[] }[]; maintenance: { title: string; active: boolean }[] };

describe.each(DIALECTS)('status pages through the whole app on $name', (dialect) => {
  let f: StatusFixture | null = null;
  let options: { databaseUrl?: string; schema?: string } | null = null;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${f!.app.url}${path}`, { headers, redirect: 'manual' });
  const summary = async (): Promise<Summary> => (await get('/status/summary.json')).json() as Promise<Summary>;
  const statusOf = async (id: string) => (await summary()).components.find((c) => c.id === id)!.status;

  beforeAll(async () => {
    options = await dialect.options();
    if (options) f = await startStatusFixture(options);
  });
  afterAll(async () => {
    await f?.stop();
    if (options?.schema) await dropSchema(options.schema);
  });

  it('derives component statuses from incidents, checks and maintenance, and shows public updates only', async (ctx) => {
    if (!f) return ctx.skip();
    let s = await summary();
    expect(s.status.indicator).toBe('operational');
    expect(s.components).toHaveLength(20);
    // Component 5 was down 35 minutes on one day of the 90 (maintenance none): 1 - 35 / (90 days, today to noon).
    expect(s.components.find((c) => c.id === 'c05')!.uptime90d).toBe(Math.round((1 - 35 / ((89 * 1440) + 720)) * 100_000) / 1000);
    expect(s.maintenance).toEqual([expect.objectContaining({ title: 'Database upgrade', active: false })]);

    const id = await f.trigger('Checkout errors', 'error');
    expect(await statusOf('c01')).toBe('partial');
    const internal = await f.api('POST', `/incidents/${id}/updates`, { visibility: 'internal', message: 'db-3 is swapping' });
    expect(internal.status).toBe(200);
    const posted = await f.api('POST', `/incidents/${id}/updates`, { visibility: 'public', message: 'Some payments fail; we are on it.', status: 'identified' });
    expect(posted.status).toBe(200);
    s = await summary();
    expect(s.status.indicator).toBe('partial');
    expect(s.activeIncidents).toEqual([expect.objectContaining({ id, title: expect.stringContaining('Checkout errors'), updates: [expect.objectContaining({ message: 'Some payments fail; we are on it.' })] })]);
    const html = await (await get('/status')).text();
    expect(html).toContain('Some payments fail; we are on it.');
    expect(html).not.toContain('db-3 is swapping');

    // The failing check of s03 runs once the clock passes its interval: one check, all failing.
    f.clock.advance(11_000);
    await waitFor('component 3 in a major outage', async () => (await statusOf('c03')) === 'major');
    expect((await summary()).status.indicator).toBe('major');

    // Inside the window, component 2 is under maintenance without anyone invalidating anything.
    f.clock.set(MAINTENANCE_START + 60_000);
    expect(await statusOf('c02')).toBe('maintenance');
    expect((await summary()).maintenance).toEqual([expect.objectContaining({ active: true })]);
  });

  it('serves a page per shown incident, a history once resolved, and 404 for the rest', async (ctx) => {
    if (!f) return ctx.skip();
    const id = await f.trigger('Search is slow', 'warning');
    const page = await get(`/status/incidents/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Search is slow');
    expect((await get('/status/incidents/999999')).status).toBe(404);
    expect((await f.api('POST', `/incidents/${id}/resolve`)).status).toBe(200);
    const html = await (await get('/status')).text();
    const history = html.slice(html.indexOf('id="history"'));
    expect(history).toContain('Search is slow');
    expect(history).toContain('Resolved');
  });

  it('renders once, answers 304 to its ETag, and renders again after a change or a minute', async (ctx) => {
    if (!f) return ctx.skip();
    const first = await get('/status');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    expect((await get('/status')).headers.get('etag')).toBe(etag);
    expect((await get('/status', { 'if-none-match': etag })).status).toBe(304);

    const id = await f.trigger('Images missing', 'warning');
    const changed = await get('/status');
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('Images missing');
    const after = changed.headers.get('etag')!;
    expect((await get('/status')).headers.get('etag')).toBe(after);
    f.clock.advance(61_000);
    expect((await get('/status')).headers.get('etag')).not.toBe(after);
    await f.api('POST', `/incidents/${id}/resolve`);
  });

  it('writes a well-formed Atom feed with updates and the maintenance announcement', async (ctx) => {
    if (!f) return ctx.skip();
    const response = await get('/status/feed.atom');
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"><id>urn:uuid:[0-9a-f-]{36}<\/id><title>Demo Shop status<\/title><updated>\d{4}-\d\d-\d\dT/);
    expect(xml).toContain('<title>Maintenance: Database upgrade</title>');
    expect(xml).toContain('<content type="text">Some payments fail; we are on it.</content>');
    expect(xml).not.toContain('db-3 is swapping');
    // Every entry has the four things Atom requires of it.
    const entries = xml.match(/<entry>.*?<\/entry>/g)!;
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const entry of entries) expect(entry).toMatch(/^<entry><id>urn:uuid:[^<]+<\/id><title>[^<]+<\/title><updated>[^<]+<\/updated><link rel="alternate" type="text\/html" href="http:\/\/127\.0\.0\.1:\d+\/status[^"]*"\/><content type="text">/);
  });

  it('keeps a private page for tokens: Bearer, or ?token= swapped for an HttpOnly cookie; revoked tokens stop at once', async (ctx) => {
    if (!f) return ctx.skip();
    expect((await get('/status/internal')).status).toBe(401);
    expect((await get('/status/internal/summary.json')).status).toBe(401);
    expect((await get('/status/internal', { authorization: 'Bearer nope' })).status).toBe(401);
    const viewer = await f.api('POST', '/tokens', { name: 'status-viewer', role: 'viewer' });
    expect(viewer.status).toBe(200);
    const secret: string = viewer.body.secret;
    const bearer = await get('/status/internal', { authorization: `Bearer ${secret}` });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get('cache-control')).toBe('private, max-age=10');
    expect(await bearer.text()).toContain('Database');

    const swap = await get(`/status/internal?token=${encodeURIComponent(secret)}`);
    expect(swap.status).toBe(303);
    expect(swap.headers.get('location')).toBe('/status/internal');
    const cookie = swap.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^opsdeck_status=[^;]+; Path=\/status\/internal; Max-Age=43200; HttpOnly; SameSite=Lax$/);
    const withCookie = await get('/status/internal', { cookie: cookie.split(';')[0]! });
    expect(withCookie.status).toBe(200);
    // The public page does not need it, and the private page's cookie is not sent there.
    expect((await get('/status')).status).toBe(200);

    expect((await f.api('DELETE', `/tokens/${viewer.body.token.id}`)).status).toBe(200);
    expect((await get('/status/internal', { cookie: cookie.split(';')[0]! })).status).toBe(401);
  });
});
