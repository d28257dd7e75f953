import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mailsTo = (smtp: SmtpReceiver, address: string) => smtp.mails.filter((m) => JSON.stringify(m.to).includes(address));
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? null;
const link = (text: string | undefined, kind: 'confirm' | 'unsubscribe') => text?.match(new RegExp(`https?://\\S+/status/${kind}/[A-Za-z0-9_-]+`))?.[0] ?? null;

// Acceptance 3: subscribe, receive the confirmation on a real SMTP server on 127.0.0.1, confirm,
// publish a public update, receive it with a working unsubscribe link, unsubscribe, publish
// again, receive nothing. A webhook subscriber gets public updates; internal ones reach nobody.
describe('status-page subscribers end to end', () => {
  let app: Opsdeck;
  let target: HttpTarget;
  let hooks: HttpReceiver;
  let smtp: SmtpReceiver;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    target = await startHttpTarget(200);
    hooks = await startHttpReceiver(() => ({ status: 200, body: 'ok' }));
    smtp = await startSmtpReceiver();
    const dir = configDir({
      'opsdeck.yaml': `
organization: Demo Shop
severities:
  P1: { name: Critical, update_every: 30m }
notifications:
  smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false, starttls: never, from: "Demo Shop status <status@example.test>" }
subscriptions: { email: true, webhook: true }
services:
  api:
    name: API
    checks:
      health: { http: { url: "${target.url}/health" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Checkout API errors" }
  web:
    name: Website
    checks:
      home: { http: { url: "${target.url}/home" }, every: 1h }
status_pages:
  public:
    components:
      - { id: api, name: Checkout API, services: [api] }
      - { id: web, name: Website, services: [web] }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
  });

  afterAll(async () => {
    await app?.stop();
    await target?.close();
    await hooks?.close();
    await smtp?.close();
  });

  it('double opt-in, a public update with a working unsubscribe link, and nothing after unsubscribing', async () => {
    // A form post, as the status page's form sends it without JavaScript.
    const subscribed = await fetch(`${app.url}/status/subscribe`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=sam%40example.test',
    });
    expect(subscribed.status).toBe(202);
    expect(await subscribed.text()).toContain('We sent a confirmation link to sam@example.test');
    // Someone interested only in the website, by JSON.
    const wendy = await fetch(`${app.url}/status/subscribe`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'wendy@example.test', components: ['web'] }),
    });
    expect(wendy.status).toBe(202);
    expect(await wendy.json()).toEqual({ status: 'confirmation sent', email: 'wendy@example.test' });
    const refused = await fetch(`${app.url}/status/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'not-an-address' }) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'expected an email address like you@example.com, found "not-an-address"', field: 'email' });

    const confirmation = await waitFor('the confirmation email', async () => mailsTo(smtp, 'sam@example.test')[0], 10_000);
    expect(confirmation.subject).toBe('Confirm your subscription to Demo Shop status updates');
    const confirmLink = link(confirmation.text, 'confirm');
    expect(confirmLink).toMatch(new RegExp(`^${app.url}/status/confirm/`));

    // Unconfirmed, nobody is told anything yet: the webhook subscriber comes first.
    const hook = await api('POST', '/subscribers', { url: `${hooks.url}/status-hook` });
    expect(hook.status).toBe(200);
    expect(hook.body.subscriber).toMatchObject({ kind: 'webhook', address: `${hooks.url}/status-hook`, components: [], confirmedAt: expect.any(Number) });
    expect(hook.body.subscriber.token).toBeUndefined();

    const confirmed = await fetch(confirmLink!);
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await confirmed.text()).toContain('sam@example.test will now receive Demo Shop status updates');
    const wendyMail = await waitFor('wendy\'s confirmation', async () => mailsTo(smtp, 'wendy@example.test')[0], 10_000);
    expect((await fetch(link(wendyMail.text, 'confirm')!)).status).toBe(200);

    target.setStatus(503);
    const incident = await waitFor('the incident', async () => (await api('GET', '/incidents')).body.items[0], 15_000);
    const mailsBefore = smtp.mails.length;
    const internal = await api('POST', `/incidents/${incident.id}/updates`, { visibility: 'internal', template: 'internal-update' });
    expect(internal.status).toBe(200);
    expect(internal.body).toMatchObject({ notified: 0, update: { visibility: 'internal', components: ['api'] } });
    expect(internal.body.update.message).toContain(`Incident #${incident.id} - P1 - Checkout API errors`);

    const published = await api('POST', `/incidents/${incident.id}/updates`, {
      visibility: 'public', status: 'investigating', message: 'We are seeing errors at checkout and are investigating.',
    });
    expect(published.status).toBe(200);
    // Sam (everything) and the webhook; not Wendy, who follows the website only.
    expect(published.body).toMatchObject({ notified: 2, incident: { status: 'investigating' }, update: { status: 'investigating', visibility: 'public' } });

    const update = await waitFor('sam\'s update email', async () => mailsTo(smtp, 'sam@example.test').find((m) => m.subject?.includes('Checkout API errors')), 10_000);
    expect(update.subject).toBe('Demo Shop status: Checkout API errors (Investigating)');
    expect(update.text).toContain('We are seeing errors at checkout and are investigating.\n\nStatus: Investigating\nAffected: Checkout API');
    const unsubscribeLink = link(update.text, 'unsubscribe');
    expect(unsubscribeLink).toMatch(new RegExp(`^${app.url}/status/unsubscribe/`));
    expect(header(update, 'list-unsubscribe')).toBe(`<${unsubscribeLink}>`);
    expect(header(update, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(update.text).not.toContain(`${app.url}/incidents/`); // no console links in what customers read

    const delivered = await waitFor('the webhook subscriber\'s update', async () => hooks.requests.find((r) => r.path === '/status-hook'), 10_000);
    expect(JSON.parse(delivered.body)).toMatchObject({
      kind: 'status.update', subject: 'Demo Shop status: Checkout API errors (Investigating)',
      incident: { id: incident.id, status: 'investigating', runbook: null }, text: expect.stringContaining('We are seeing errors at checkout'),
    });
    expect(delivered.headers['idempotency-key']).toBe(`status-update:${published.body.update.id}:${hook.body.subscriber.id}`);
    // The internal update reached no subscriber: only the one public update went out.
    expect(smtp.mails.length - mailsBefore).toBe(1);
    expect(hooks.requests.filter((r) => r.path === '/status-hook')).toHaveLength(1);

    // GET asks (a link scanner must not unsubscribe anyone); POST unsubscribes.
    const page = await fetch(unsubscribeLink!);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post" action="\/status\/unsubscribe\/[A-Za-z0-9_-]+"><button type="submit">Unsubscribe<\/button><\/form>/);
    const gone = await fetch(unsubscribeLink!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(gone.status).toBe(200);
    expect(await gone.text()).toContain('sam@example.test will receive no more status updates');

    const again = await api('POST', `/incidents/${incident.id}/updates`, { visibility: 'public', message: 'A fix is being deployed.', status: 'identified' });
    expect(again.body.notified).toBe(1);
    await waitFor('the second webhook update', async () => hooks.requests.filter((r) => r.path === '/status-hook').length === 2, 10_000);
    await sleep(3_000); // several delivery polls
    expect(mailsTo(smtp, 'sam@example.test').map((m) => m.subject)).toEqual([
      'Confirm your subscription to Demo Shop status updates', 'Demo Shop status: Checkout API errors (Investigating)',
    ]);
    expect(mailsTo(smtp, 'wendy@example.test')).toHaveLength(1);

    const listed = await api('GET', '/subscribers?limit=10');
    expect(listed.body.total).toBe(3);
    expect(listed.body.items.find((s: { address: string }) => s.address === 'sam@example.test')).toMatchObject({ unsubscribedAt: expect.any(Number) });
    const updates = await api('GET', `/incidents/${incident.id}/updates`);
    expect(updates.body.items.map((u: { visibility: string; status: string }) => `${u.visibility}:${u.status}`)).toEqual(['internal:triggered', 'public:investigating', 'public:identified']);
    expect(updates.body.cadence).toMatchObject({ everyMs: 30 * 60_000, overdueSince: null });
    const timeline = (await api('GET', `/incidents/${incident.id}`)).body.timeline.filter((e: { kind: string }) => e.kind === 'update');
    expect(timeline).toHaveLength(3);

    expect((await fetch(`${app.url}/status/confirm/not-a-real-token-at-all`)).status).toBe(404);
  }, 60_000);
});
