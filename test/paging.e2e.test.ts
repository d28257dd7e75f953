import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Acceptance 2: an incident opens; the primary's webhook and email arrive (a real SMTP server on
// 127.0.0.1); nobody acknowledges for the level's delay and the secondary is notified; an
// acknowledgement stops all further notifications.
describe('paging end to end: schedules, escalation, webhook and email', () => {
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
organization: Paging
severities:
  P1: { name: Critical, respond_within: 15m, escalation: default }
users:
  ana: { name: Ana Lima, email: ana@example.test, contact: { webhook: "${hooks.url}/ana" } }
  ben: { name: Ben Okafor, contact: { webhook: "${hooks.url}/ben" } }
  carol: { name: Carol Diaz, contact: { webhook: "${hooks.url}/carol" } }
notifications:
  smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false, starttls: never, from: "Opsdeck <opsdeck@example.test>" }
schedules:
  primary: { timezone: UTC, rotation: weekly, handoff: "Mon 09:00", start: "2026-01-05T09:00", members: [ana] }
  secondary: { timezone: Europe/Berlin, rotation: daily, handoff: "09:00", start: "2026-01-05T09:00", members: [ben] }
escalation_policies:
  default:
    levels:
      - { after: 0s, notify: [schedule:primary] }
      - { after: 4s, notify: [schedule:secondary] }
      - { after: 9s, notify: [user:carol] }
services:
  payments:
    name: Payments
    checks:
      health: { http: { url: "${target.url}/health" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Payments is down" }
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

  it('pages the primary by webhook and email, escalates to the secondary, and stops on acknowledgement', async () => {
    target.setStatus(503);
    const incident = await waitFor('the incident', async () => (await api('GET', '/incidents')).body.items[0], 15_000);
    const toAna = await waitFor('ana\'s webhook', async () => hooks.requests.find((r) => r.path === '/ana'), 10_000);
    const body = JSON.parse(toAna.body);
    expect(body).toMatchObject({ kind: 'incident.triggered', incident: { id: incident.id, title: 'Payments is down', severity: 'P1' } });
    expect(toAna.headers['idempotency-key']).toMatch(new RegExp(`^inc:${incident.id}:`));
    const mail = await waitFor('ana\'s email', async () => smtp.mails.find((m) => JSON.stringify(m.to).includes('ana@example.test')), 10_000);
    expect(mail.subject).toContain('Payments is down');
    expect(mail.text).toContain(`/incidents/${incident.id}`);
    expect(hooks.requests.some((r) => r.path === '/ben')).toBe(false);

    // Level 2 after 4 s without an acknowledgement.
    const toBen = await waitFor('ben\'s webhook', async () => hooks.requests.find((r) => r.path === '/ben'), 10_000);
    expect(JSON.parse(toBen.body)).toMatchObject({ kind: 'incident.escalated', level: 1 });
    const benAt = Date.now();

    const ack = await api('POST', `/incidents/${incident.id}/acknowledge`, {});
    expect(ack.status).toBe(200);
    // Carol's level was due 9 s after the start; wait well past it.
    await sleep(Math.max(0, 7_000 - (Date.now() - benAt)));
    expect(hooks.requests.filter((r) => r.path === '/carol')).toEqual([]);
    expect(hooks.requests.filter((r) => r.path === '/ana')).toHaveLength(1);
    expect(hooks.requests.filter((r) => r.path === '/ben')).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);

    const { body: detail } = await api('GET', `/incidents/${incident.id}`);
    const kinds = detail.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('escalation');
    expect(kinds).toContain('delivery');
    const escalation = await api('GET', `/incidents/${incident.id}/escalation`);
    expect(escalation.body.escalation).toMatchObject({ state: 'stopped' });
    const sent = await api('GET', `/notifications?incident=${incident.id}&status=sent`);
    expect(sent.body.total).toBe(3);
  }, 60_000);
});
