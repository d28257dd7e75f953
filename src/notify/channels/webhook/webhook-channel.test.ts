import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelEnv, SendOutcome } from '../../notify-types.ts';
import { deadLetterMessage, sendContext, triggeredMessage } from '../test-support/message-fixtures.ts';
import { startHttpReceiver } from '../test-support/http-receiver.ts';
import type { Answer, HttpReceiver } from '../test-support/http-receiver.ts';
import { webhookChannel } from './index.ts';

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(answer: (index: number) => Answer = () => ({ status: 200 })): Promise<HttpReceiver> {
  const started = await startHttpReceiver(answer);
  receivers.push(started);
  return started;
}

function env(overrides: Partial<ChannelEnv> = {}): ChannelEnv {
  return { smtp: null, env: { HOOK_SECRET: 's3cret' }, timeoutMs: 2000, ...overrides };
}

function notifier(config: unknown, channelEnv = env()) {
  return webhookChannel.create(webhookChannel.schema.parse(config), channelEnv);
}

describe('webhook schema', () => {
  it.each([
    ['https://hooks.example.test/x', { url: 'https://hooks.example.test/x' }],
    [{ url: 'http://h.test', secret_env: 'HOOK_SECRET', headers: { 'X-Team': 'pay' } }, { url: 'http://h.test', secret_env: 'HOOK_SECRET', headers: { 'X-Team': 'pay' } }],
  ])('accepts %j', (input, output) => {
    expect(webhookChannel.schema.parse(input)).toEqual(output);
  });

  it.each([
    ['ftp://h.test', /expected an http:\/\/ or https:\/\/ URL/],
    [{ url: 'http://h.test', secret: 'x' }, /secret/],
    [{ url: 'http://h.test', secret_env: 'not a name' }, /expected the name of an environment variable/],
    [{ url: 'http://h.test', headers: { 'Idempotency-Key': 'x' } }, /header "Idempotency-Key" is set by Opsdeck itself/],
    [{ url: 'http://h.test', headers: { 'X Team': 'x' } }, /expected a header name \(letters, digits, -\), found "X Team"/],
    [{ url: 'http://h.test', headers: { 'X-Team': 'a\r\nX-Evil: 1' } }, /expected a header value on one line, found a line break/],
    [{ url: 'http://h.test', template: { text: '{{incident.nope}}' } }, /unknown template variable "incident.nope"/],
    [42, /expected a URL or a map with url:, found number/],
  ])('rejects %j', (input, message) => {
    const result = webhookChannel.schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});

describe('webhook delivery', () => {
  it('POSTs the message as JSON with the idempotency key and a verifiable signature', async () => {
    const hook = await receiver();
    const before = Math.floor(Date.now() / 1000);
    const outcome = await notifier({ url: `${hook.url}/hook?team=pay`, secret_env: 'HOOK_SECRET', headers: { 'X-Team': 'pay' } }).send(
      triggeredMessage(),
      sendContext('key-1'),
    );
    expect(outcome).toEqual({ ok: true, detail: expect.stringMatching(/answered 200$/) });
    const [request] = hook.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hook?team=pay');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe('key-1');
    expect(request?.headers['x-team']).toBe('pay');
    const timestamp = Number(request?.headers['x-opsdeck-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}.${request?.body}`).digest('hex');
    expect(request?.headers['x-opsdeck-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(request!.body)).toEqual({
      kind: 'incident.triggered',
      idempotency_key: 'key-1',
      organization: 'Accelerapp',
      incident: {
        id: 12,
        title: 'Payments down',
        service: 'payments',
        severity: 'P1',
        status: 'triggered',
        opened_at: '2026-03-01T10:00:00.000Z',
        url: 'https://ops.example.test/incidents/12',
        runbook: 'runbooks/payments-down.md',
      },
      level: 0,
      round: 0,
      recipient: { id: 'ana', name: 'Ana Ruiz' },
      subject: '[P1] Incident #12: Payments down (triggered)',
      text: expect.stringContaining('Incident #12 triggered: Payments down\n'),
      dead_letter: null,
      links: { incident: 'https://ops.example.test/incidents/12', console: 'https://ops.example.test' },
    });
  });

  it('sends no signature headers without secret_env, and renders a custom template', async () => {
    const hook = await receiver();
    await notifier({ url: hook.url, template: { text: '{{recipient.name}}: {{incident.title}}' } }).send(triggeredMessage(), sendContext());
    const request = hook.requests[0]!;
    expect(request.headers['x-opsdeck-signature']).toBeUndefined();
    expect(request.headers['x-opsdeck-timestamp']).toBeUndefined();
    expect(JSON.parse(request.body).text).toBe('Ana Ruiz: Payments down');
  });

  it('carries a dead letter', async () => {
    const hook = await receiver();
    await notifier(hook.url).send(deadLetterMessage(), sendContext());
    expect(JSON.parse(hook.requests[0]!.body)).toMatchObject({
      kind: 'dead-letter',
      dead_letter: { notification_id: 77, channel: 'user:ana/webhook', attempts: 8, last_error: 'receiver answered 503' },
    });
  });

  it('fails without retry when the secret is missing from the environment, and sends nothing', async () => {
    const hook = await receiver();
    const outcome = await notifier({ url: hook.url, secret_env: 'OTHER_SECRET' }).send(triggeredMessage(), sendContext());
    expect(outcome).toEqual({ ok: false, retryable: false, reason: expect.stringMatching(/^environment variable OTHER_SECRET \(the webhook signing secret\) is not set/) });
    expect(hook.requests).toHaveLength(0);
  });

  it.each<[number, string, SendOutcome]>([
    [200, 'ok', { ok: true, detail: expect.any(String) }],
    [202, '', { ok: true, detail: expect.any(String) }],
    [204, '', { ok: true, detail: expect.any(String) }],
    [408, 'slow', { ok: false, retryable: true, reason: expect.stringMatching(/answered 408: slow$/) }],
    [425, '', { ok: false, retryable: true, reason: expect.stringMatching(/answered 425$/) }],
    [429, 'rate limited', { ok: false, retryable: true, reason: expect.stringMatching(/answered 429: rate limited$/) }],
    [500, 'boom', { ok: false, retryable: true, reason: expect.stringMatching(/answered 500: boom$/) }],
    [503, '', { ok: false, retryable: true, reason: expect.any(String) }],
    [301, '', { ok: false, retryable: false, reason: expect.stringMatching(/answered 301/) }],
    [400, '{"error":\n "bad field"}', { ok: false, retryable: false, reason: expect.stringMatching(/answered 400: \{"error": "bad field"\}$/) }],
    [401, 'who are you', { ok: false, retryable: false, reason: expect.stringMatching(/answered 401: who are you$/) }],
    [404, '', { ok: false, retryable: false, reason: expect.any(String) }],
    [410, '', { ok: false, retryable: false, reason: expect.any(String) }],
  ])('answer %i %j is %o', async (status, body, outcome) => {
    const hook = await receiver(() => ({ status, body }));
    expect(await notifier(hook.url).send(triggeredMessage(), sendContext())).toEqual(outcome);
  });

  it('keeps the reason short when the receiver answers with a page of HTML', async () => {
    const hook = await receiver(() => ({ status: 502, body: `<html>${'x'.repeat(5000)}</html>` }));
    const outcome = await notifier(hook.url).send(triggeredMessage(), sendContext());
    expect(outcome.ok === false && outcome.reason.length).toBeLessThan(300);
  });

  it('times out a receiver that never answers, retryably, and closes the socket', async () => {
    const hook = await receiver(() => 'hang');
    const started = performance.now();
    const outcome = await notifier(hook.url, env({ timeoutMs: 200 })).send(triggeredMessage(), sendContext());
    expect(performance.now() - started).toBeLessThan(1500);
    expect(outcome).toEqual({ ok: false, retryable: true, reason: `no answer from ${new URL(hook.url).host} within 200 ms` });
    await hook.waitForNoSockets(1000);
  });

  it('gives up when the worker aborts (shutdown), retryably, and closes the socket', async () => {
    const hook = await receiver(() => 'hang');
    const controller = new AbortController();
    const sending = notifier(hook.url, env({ timeoutMs: 10_000 })).send(triggeredMessage(), sendContext('k', controller.signal));
    while (hook.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await sending).toEqual({ ok: false, retryable: true, reason: expect.stringMatching(/^aborted before 127\.0\.0\.1:\d+ answered/) });
    await hook.waitForNoSockets(1000);
  });

  it('a connection refused is retryable and says where', async () => {
    const hook = await receiver();
    const url = hook.url;
    await hook.close();
    receivers.length = 0;
    const outcome = await notifier(url).send(triggeredMessage(), sendContext());
    expect(outcome).toEqual({ ok: false, retryable: true, reason: `could not reach ${new URL(url).host}: connection refused by ${new URL(url).host}` });
  });
});
