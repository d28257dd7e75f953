import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { notifySubscribers, subscriberNotifiers, Subscriptions, SubscriptionError } from '../src/subscriptions/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.ts';

const PUBLIC = 'https://status.example.test';

// Subscriptions against a real store (SQLite and PostgreSQL) and a real SMTP server: who is in the
// audience of which components, once per key, and nothing sent to someone who left after queueing.
describe.each(DIALECTS)('subscriptions on $name', (dialect) => {
  let store: Store | null = null;
  let schema: string | undefined;
  let config: Config;
  let smtp: SmtpReceiver;
  const clock = new FakeClock('2026-05-04T08:00:00Z');
  let subscriptions: Subscriptions;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    const loaded = await loadConfig(configDir({
      'opsdeck.yaml': `
organization: Subs
notifications:
  smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false, starttls: never, from: "Subs <status@example.test>" }
subscriptions: { email: true, webhook: false }
services:
  api: { name: API, checks: { health: { http: { url: "http://127.0.0.1:9/" } } } }
  web: { name: Web, checks: { home: { http: { url: "http://127.0.0.1:9/" } } } }
status_pages:
  public:
    components:
      - { id: api, name: API, services: [api] }
      - { id: web, name: Website, services: [web] }
`,
    }));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    config = loaded.config;
    const options = await dialect.options();
    if (!options) return;
    schema = options.schema;
    store = await openStore({ ...options, dataDir: mkdtempSync(path.join(tmpdir(), 'opsdeck-subs-')) });
    subscriptions = new Subscriptions({ store, clock, config: () => config, publicUrl: () => PUBLIC });
  });
  afterAll(async () => {
    await store?.close();
    await smtp?.close();
    if (schema) await dropSchema(schema);
  });

  it('queues a confirmation, counts only confirmed subscribers of the components, and queues each key once', async (ctx) => {
    if (!store) return ctx.skip();
    const all = await subscriptions.subscribeEmail(' all@example.test ');
    const webOnly = await subscriptions.subscribeEmail('web@example.test', ['web']);
    const never = await subscriptions.subscribeEmail('never@example.test');
    expect(all).toMatchObject({ kind: 'email', address: 'all@example.test', components: [], confirmedAt: null });
    expect('token' in all).toBe(false);

    const { items } = await store.notifications.list({ limit: 50, offset: 0 });
    const confirm = items.find((n) => n.key === `subscription-confirm:${all.id}`)!;
    expect(confirm).toMatchObject({ channel: `subscriber:${all.id}`, incidentId: null, message: { kind: 'subscription.confirm', subscriber: { address: 'all@example.test' } } });
    const token = confirm.message.subscriber!.token;
    expect(confirm.message.text).toContain(`Confirm: ${PUBLIC}/status/confirm/${token}`);
    const webToken = items.find((n) => n.key === `subscription-confirm:${webOnly.id}`)!.message.subscriber!.token;

    expect((await subscriptions.confirm(token)).outcome).toBe('confirmed');
    expect((await subscriptions.confirm(token)).outcome).toBe('already');
    await subscriptions.confirm(webToken);

    const context = { organization: 'Subs', publicUrl: PUBLIC, now: clock.now() };
    const notice = { kind: 'status.update' as const, subject: 'API slow', text: 'Investigating.', incident: null };
    expect(await notifySubscribers(store, context, { ...notice, key: 'status-update:1', components: ['api'] })).toBe(1);
    expect(await notifySubscribers(store, context, { ...notice, key: 'status-update:1', components: ['api'] })).toBe(0);
    expect(await notifySubscribers(store, context, { ...notice, key: 'status-update:2', components: ['web'] })).toBe(2);
    const queued = (await store.notifications.list({ limit: 50, offset: 0 })).items.filter((n) => n.key.startsWith('status-update:'));
    expect(queued.map((n) => n.key).sort()).toEqual([`status-update:1:${all.id}`, `status-update:2:${all.id}`, `status-update:2:${webOnly.id}`]);
    expect(queued.some((n) => n.key.endsWith(`:${never.id}`))).toBe(false);
    expect(queued[0]!.message.text).toContain(`Unsubscribe: ${PUBLIC}/status/unsubscribe/`);
  });

  it('refuses what it cannot honour, saying what was expected', async (ctx) => {
    if (!store) return ctx.skip();
    await expect(subscriptions.subscribeEmail('nobody')).rejects.toThrow('expected an email address like you@example.com, found "nobody"');
    await expect(subscriptions.subscribeEmail('a@example.test', ['db'])).rejects.toThrow('unknown component "db"; components: api, web');
    await expect(subscriptions.addWebhook('https://hooks.example.test/x')).rejects.toThrow('webhook subscriptions are switched off (subscriptions.webhook in the config)');
    await expect(subscriptions.confirm('A'.repeat(43))).rejects.toBeInstanceOf(SubscriptionError);
  });

  it('sends through the real SMTP server, and not to someone who unsubscribed after the message was queued', async (ctx) => {
    if (!store) return ctx.skip();
    const sub = await subscriptions.subscribeEmail('leaver@example.test');
    const row = (await store.notifications.list({ limit: 100, offset: 0 })).items.find((n) => n.key === `subscription-confirm:${sub.id}`)!;
    const notifierFor = subscriberNotifiers({ store, smtp: () => config.notifications.smtp, env: {}, timeoutMs: 3000 });
    expect(notifierFor('ops-slack')).toBeUndefined();
    const notifier = notifierFor(row.channel)!;
    const signal = new AbortController().signal;

    expect(await notifier.send(row.message, { idempotencyKey: row.key, signal })).toMatchObject({ ok: true, detail: expect.stringContaining('accepted for leaver@example.test') });
    const mail = smtp.mails.find((m) => JSON.stringify(m.to).includes('leaver@example.test'))!;
    expect(mail.subject).toBe('Confirm your subscription to Subs status updates');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, ' ')).toBe(`List-Unsubscribe: <${row.message.subscriber!.unsubscribeUrl}>`);

    await subscriptions.unsubscribe(row.message.subscriber!.token);
    const before = smtp.mails.length;
    expect(await notifier.send(row.message, { idempotencyKey: row.key, signal })).toEqual({ ok: true, detail: 'not sent: leaver@example.test unsubscribed at 2026-05-04T08:00:00.000Z' });
    expect(smtp.mails.length).toBe(before);
  });
});
