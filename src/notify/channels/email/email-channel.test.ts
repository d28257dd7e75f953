import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates } from '../../../checks/test-support/self-signed-certificates.ts';
import type { TestCertificates } from '../../../checks/test-support/self-signed-certificates.ts';
import type { SmtpSettings } from '../../../config/config-types.ts';
import type { ChannelEnv } from '../../notify-types.ts';
import { hostileMessage, noticeMessage, sendContext, triggeredMessage } from '../test-support/message-fixtures.ts';
import { startSilentServer, startSmtpReceiver } from '../test-support/smtp-receiver.ts';
import type { SmtpReceiver, SmtpReceiverOptions } from '../test-support/smtp-receiver.ts';
import { emailChannel, messageIdFor } from './index.ts';

let certs: TestCertificates;
beforeAll(() => {
  certs = makeTestCertificates();
});

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function smtpServer(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const server = await startSmtpReceiver(options);
  servers.push(server);
  return server;
}

function settings(port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return { host: '127.0.0.1', port, secure: false, starttls: 'never', tlsVerify: true, user: null, passwordEnv: null, from: 'Opsdeck <opsdeck@example.test>', ...overrides };
}

function notifier(config: unknown, smtp: SmtpSettings | null, env: ChannelEnv['env'] = {}, timeoutMs = 3000) {
  return emailChannel.create(emailChannel.schema.parse(config), { smtp, env, timeoutMs });
}

describe('email schema', () => {
  it.each([
    ['ana@example.test', { to: ['ana@example.test'] }],
    [{ to: ['a@x.test', 'b@x.test'], template: { subject: '{{incident.title}}' } }, { to: ['a@x.test', 'b@x.test'], template: { subject: '{{incident.title}}' } }],
  ])('accepts %j', (input, output) => {
    expect(emailChannel.schema.parse(input)).toEqual(output);
  });

  it.each([
    ['not-an-address', /expected an email address like ops@example.com, found "not-an-address"/],
    [{ to: [] }, /expected at least one address/],
    [{ to: 'a@x.test', cc: 'b@x.test' }, /cc/],
    [12, /expected an email address or a map with to:, found number/],
  ])('rejects %j', (input, message) => {
    const result = emailChannel.schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});

describe('messageIdFor', () => {
  it.each([
    ['inc-12.step-0.ana', '<inc-12.step-0.ana@opsdeck>'],
    ['inc-12/step-0/user:ana/email', '<inc-12/step-0/user=3Aana/email@opsdeck>'],
    ['a=b c<d>@é', '<a=3Db=20c=3Cd=3E=40=C3=A9@opsdeck>'],
    ['.a..b.', '<=2Ea=2E.b=2E@opsdeck>'],
  ])('%j -> %s', (key, id) => {
    expect(messageIdFor(key)).toBe(id);
  });
});

describe('email delivery', () => {
  it('sends text and escaped HTML with a Message-ID and header built from the idempotency key', async () => {
    const server = await smtpServer();
    const key = 'inc-12/step-0/user:ana/email';
    const outcome = await notifier({ to: ['ana@example.test', 'ops@example.test'] }, settings(server.port)).send(hostileMessage(), sendContext(key));
    expect(outcome).toEqual({ ok: true, detail: `127.0.0.1:${server.port} accepted for ana@example.test, ops@example.test` });
    const [received] = server.mails;
    expect(received?.to).toEqual(['ana@example.test', 'ops@example.test']);
    expect(received?.secure).toBe(false);
    const mail = received!.mail;
    expect(mail.subject).toBe('[P1] Incident #12: <script>alert(1)</script> & <!channel> "quoted" (triggered)');
    expect(mail.from?.text).toBe('"Opsdeck" <opsdeck@example.test>');
    expect(mail.messageId).toBe('<inc-12/step-0/user=3Aana/email@opsdeck>');
    expect(mail.headers.get('x-opsdeck-idempotency-key')).toBe(key);
    expect(mail.text).toContain('Incident #12 triggered: <script>alert(1)</script> & <!channel> "quoted"\nSeverity: P1 | Service: a<b> | Status: triggered');
    const html = String(mail.html);
    expect(html).toContain('Incident #12 triggered: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt; &quot;quoted&quot;<br>');
    expect(html).toContain('<a href="https://ops.example.test/incidents/12">https://ops.example.test/incidents/12</a>');
    expect(html).not.toContain('<script>');
  });

  it('uses the channel template for subject and text', async () => {
    const server = await smtpServer();
    const template = { subject: 'PAGE {{incident.severity}}: {{incident.title}}', text: 'Hi {{recipient.name}}, see {{incident.url}}' };
    await notifier({ to: 'ana@example.test', template }, settings(server.port)).send(triggeredMessage(), sendContext());
    expect(server.mails[0]?.mail.subject).toBe('PAGE P1: Payments down');
    expect(server.mails[0]?.mail.text?.trim()).toBe('Hi Ana Ruiz, see https://ops.example.test/incidents/12');
  });

  it('sends a notice, which has no incident', async () => {
    const server = await smtpServer();
    expect(await notifier('ops@example.test', settings(server.port)).send(noticeMessage(), sendContext())).toMatchObject({ ok: true });
    expect(server.mails[0]?.mail.subject).toBe('Notice from Accelerapp: Silence "db-maintenance" expires in 15 minutes');
  });

  it.each<[string, boolean, Partial<SmtpSettings>]>([
    ['STARTTLS required, self-signed certificate, verification off', false, { starttls: 'require', tlsVerify: false }],
    ['STARTTLS opportunistic, taken when offered', false, { starttls: 'opportunistic', tlsVerify: false }],
    ['implicit TLS', true, { secure: true, tlsVerify: false }],
  ])('encrypts with %s', async (_name, implicitTls, smtp) => {
    const server = await smtpServer({ secure: implicitTls, tls: { key: certs.key, cert: certs.valid } });
    expect(await notifier('ana@example.test', settings(server.port, smtp)).send(triggeredMessage(), sendContext())).toMatchObject({ ok: true });
    expect(server.mails[0]?.secure).toBe(true);
  });

  it('does not use STARTTLS when told never to, even when offered', async () => {
    const server = await smtpServer({ tls: { key: certs.key, cert: certs.valid } });
    expect(await notifier('ana@example.test', settings(server.port, { starttls: 'never' })).send(triggeredMessage(), sendContext())).toMatchObject({ ok: true });
    expect(server.mails[0]?.secure).toBe(false);
  });

  it.each<[string, SmtpReceiverOptions | 'certs', Partial<SmtpSettings>, boolean, RegExp]>([
    // The certificate may be fixed on the server within the retry window; a 5xx reply will not change.
    ['a self-signed certificate with verification on', 'certs', { starttls: 'require', tlsVerify: true }, true, /: self-signed certificate \(trust its issuer, or set tls_verify: false under notifications.smtp\)$/],
    ['STARTTLS required but not offered', {}, { starttls: 'require' }, false, /answered STARTTLS with 500 /],
    ['implicit TLS against a server that speaks plain SMTP', {}, { secure: true }, true, /: TLS handshake failed \(wrong version number\): the server does not speak TLS on this port/],
  ])('refuses to send in the clear or to an unverified server: %s', async (_name, serverOptions, smtp, retryable, reason) => {
    const server = await smtpServer(serverOptions === 'certs' ? { tls: { key: certs.key, cert: certs.valid } } : serverOptions);
    const outcome = await notifier('ana@example.test', settings(server.port, smtp)).send(triggeredMessage(), sendContext());
    expect(outcome).toEqual({ ok: false, retryable, reason: expect.stringMatching(reason) });
    expect(server.mails).toHaveLength(0);
  });

  it.each(['PLAIN', 'LOGIN'] as const)('logs in with AUTH %s, the password read from the environment at send time', async (method) => {
    const server = await smtpServer({ login: { user: 'opsdeck', pass: 'from-env-123', methods: [method] } });
    const env: Record<string, string | undefined> = {};
    const email = notifier('ana@example.test', settings(server.port, { user: 'opsdeck', passwordEnv: 'SMTP_PASSWORD' }), env);
    expect(await email.send(triggeredMessage(), sendContext())).toEqual({
      ok: false,
      retryable: false,
      reason: expect.stringMatching(/^environment variable SMTP_PASSWORD \(the SMTP password\) is not set/),
    });
    env.SMTP_PASSWORD = 'from-env-123';
    expect(await email.send(triggeredMessage(), sendContext())).toMatchObject({ ok: true });
    expect(server.mails[0]?.auth).toEqual({ method, user: 'opsdeck', pass: 'from-env-123' });
  });

  it('a wrong password is a permanent failure (535)', async () => {
    const server = await smtpServer({ login: { user: 'opsdeck', pass: 'right', methods: ['PLAIN'] } });
    const outcome = await notifier('ana@example.test', settings(server.port, { user: 'opsdeck', passwordEnv: 'P' }), { P: 'wrong' }).send(triggeredMessage(), sendContext());
    expect(outcome).toMatchObject({ ok: false, retryable: false, reason: expect.stringMatching(/answered AUTH PLAIN with 535 Invalid username or password$/) });
  });

  it.each([
    [550, '5.1.1 No such user here', false],
    [553, 'Mailbox name not allowed', false],
    [451, '4.3.0 Try again later', true],
    [452, 'Insufficient system storage', true],
  ])('RCPT answered %i %s: retryable %s', async (code, text, retryable) => {
    const server = await smtpServer({ rcpt: () => ({ code, text }) });
    const outcome = await notifier('ana@example.test', settings(server.port)).send(triggeredMessage(), sendContext());
    expect(outcome).toEqual({ ok: false, retryable, reason: `SMTP server 127.0.0.1:${server.port} answered RCPT TO with ${code} ${text}` });
    expect(server.mails).toHaveLength(0);
  });

  it('sends to the recipients the server took when it refuses some, and says which were refused', async () => {
    const server = await smtpServer({ rcpt: (address) => (address === 'gone@example.test' ? { code: 550, text: 'No such user' } : null) });
    const outcome = await notifier({ to: ['ana@example.test', 'gone@example.test'] }, settings(server.port)).send(triggeredMessage(), sendContext());
    expect(outcome).toEqual({ ok: true, detail: `127.0.0.1:${server.port} accepted for ana@example.test; rejected gone@example.test` });
    expect(server.mails[0]?.to).toEqual(['ana@example.test']);
  });

  it('a server that never greets times out, retryably, and the connection is closed', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const started = performance.now();
    const outcome = await notifier('ana@example.test', settings(silent.port), {}, 300).send(triggeredMessage(), sendContext());
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome).toEqual({ ok: false, retryable: true, reason: `SMTP server 127.0.0.1:${silent.port} did not take the message within 300 ms` });
    const deadline = Date.now() + 1000;
    while (silent.openSockets() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(silent.openSockets()).toBe(0);
  });

  it('a connection refused is retryable', async () => {
    const server = await smtpServer();
    const port = server.port;
    await servers.pop()!.close();
    const outcome = await notifier('ana@example.test', settings(port)).send(triggeredMessage(), sendContext());
    expect(outcome).toMatchObject({ ok: false, retryable: true, reason: expect.stringMatching(new RegExp(`^could not talk to SMTP server 127.0.0.1:${port}: .*ECONNREFUSED`)) });
  });

  it('without notifications.smtp, fails without retry and says what to add', async () => {
    expect(await notifier('ana@example.test', null).send(triggeredMessage(), sendContext())).toEqual({
      ok: false,
      retryable: false,
      reason: 'no notifications.smtp configured; add an smtp: block under notifications: to send email',
    });
  });
});
