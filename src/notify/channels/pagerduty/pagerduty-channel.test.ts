import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelEnv, NotificationMessage, SendOutcome } from '../../notify-types.ts';
import { deadLetterMessage, escalatedMessage, noticeMessage, sendContext, triggeredMessage } from '../test-support/message-fixtures.ts';
import { startHttpReceiver } from '../test-support/http-receiver.ts';
import type { Answer, HttpReceiver } from '../test-support/http-receiver.ts';
import { pagerdutyChannel } from './index.ts';

const ROUTING_KEY = 'e93facc04764012d7bfb002500d5d1a6';
const ACCEPTED = { status: 202, contentType: 'application/json', body: '{"status":"success","message":"Event processed","dedup_key":"opsdeck-incident-12"}' };
// PagerDuty's documented 400 response and trigger request (Events API v2 docs), verbatim.
const REJECTED = '{ "status": "invalid event", "message": "Event object is invalid", "errors": ["Length of \'routing_key\' is incorrect (should be 32 characters)"] }';
const DOCUMENTED_TRIGGER = {
  routing_key: 'e93facc04764012d7bfb002500d5d1a6',
  event_action: 'trigger',
  dedup_key: 'srv01/mysql',
  payload: {
    summary: 'DISK at 99% on machine prod-datapipe03.example.com',
    timestamp: '2015-07-17T08:42:58.315+0000',
    severity: 'critical',
    source: 'prod-datapipe03.example.com',
    component: 'mysql',
    group: 'prod-datapipe',
    class: 'disk',
    custom_details: { 'free space': '1%', 'ping time': '1500ms', 'load avg': 0.75 },
  },
  client: 'Sample Monitoring Service',
  client_url: 'https://monitoring.service.com',
  links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
  images: [{ src: 'https://example.com/chart.png', href: 'https://example.com', alt: 'An example link with an image' }],
};

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(answer: () => Answer = () => ACCEPTED): Promise<HttpReceiver> {
  const started = await startHttpReceiver(answer);
  receivers.push(started);
  return started;
}

function notifier(config: Record<string, unknown>, env: ChannelEnv['env'] = { PD_KEY: ROUTING_KEY }, timeoutMs = 2000) {
  return pagerdutyChannel.create(pagerdutyChannel.schema.parse(config), { smtp: null, env, timeoutMs });
}

async function sent(message: NotificationMessage, config: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const pd = await receiver();
  const outcome = await notifier({ routing_key_env: 'PD_KEY', url: `${pd.url}/v2/enqueue`, ...config }).send(message, sendContext('idem-1'));
  expect(outcome).toMatchObject({ ok: true });
  expect(pd.requests[0]?.path).toBe('/v2/enqueue');
  return JSON.parse(pd.requests[0]!.body);
}

describe('pagerduty schema', () => {
  it('defaults the URL to PagerDuty', () => {
    expect(pagerdutyChannel.schema.parse({ routing_key_env: 'PD_KEY' })).toEqual({ routing_key_env: 'PD_KEY', url: 'https://events.pagerduty.com/v2/enqueue' });
  });

  it.each([
    [{}, /expected exactly one of routing_key_env: \(preferred\) or routing_key:, found neither/],
    [{ routing_key: 'k', routing_key_env: 'K' }, /found both/],
    [{ routing_key_env: 'K', severity_map: { P1: 'urgent' } }, /critical/],
    [{ routing_key_env: 'K', dedup_key: 'x' }, /dedup_key/],
    ['e93facc04764012d7bfb002500d5d1a6', /expected a map with routing_key_env: \(or routing_key:\), found string/],
  ])('rejects %j', (input, message) => {
    const result = pagerdutyChannel.schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});

describe('pagerduty delivery', () => {
  it('sends an Events v2 trigger shaped like the documented one', async () => {
    const event = await sent(triggeredMessage());
    expect(event).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'opsdeck-incident-12',
      payload: {
        summary: '[P1] Incident #12: Payments down (triggered)',
        source: 'Accelerapp',
        severity: 'critical',
        timestamp: '2026-03-01T10:00:00.000Z',
        component: 'payments',
        class: 'incident.triggered',
        custom_details: {
          kind: 'incident.triggered',
          text: expect.stringContaining('Open in console: https://ops.example.test/incidents/12'),
          console: 'https://ops.example.test/incidents/12',
          incident: 12,
          service: 'payments',
          status: 'triggered',
          opsdeck_severity: 'P1',
          runbook: 'runbooks/payments-down.md',
          level: 1,
          round: 1,
          recipient: 'Ana Ruiz',
        },
      },
      client: 'Opsdeck',
      client_url: 'https://ops.example.test',
      links: [{ href: 'https://ops.example.test/incidents/12', text: 'Incident #12 in Opsdeck' }],
    });
    // Every key we send exists in PagerDuty's documented trigger.
    for (const key of Object.keys(event)) expect(DOCUMENTED_TRIGGER).toHaveProperty(key);
    for (const key of Object.keys(event.payload)) expect(DOCUMENTED_TRIGGER.payload).toHaveProperty(key);
  });

  it('keeps one dedup key per incident across escalations, and a separate one per dead letter', async () => {
    expect((await sent(escalatedMessage())).dedup_key).toBe('opsdeck-incident-12');
    expect((await sent(deadLetterMessage())).dedup_key).toBe('opsdeck-dead-letter-77');
    expect((await sent(noticeMessage())).dedup_key).toBe('opsdeck-idem-1');
  });

  function withSeverity(severity: string): NotificationMessage {
    const message = triggeredMessage();
    return { ...message, incident: { ...message.incident!, severity } };
  }

  it.each<[string, NotificationMessage, Record<string, string> | undefined, string]>([
    ['P1', withSeverity('P1'), undefined, 'critical'],
    ['P2', withSeverity('P2'), undefined, 'error'],
    ['P3', withSeverity('P3'), undefined, 'warning'],
    ['P4', withSeverity('P4'), undefined, 'info'],
    ['an unmapped SEV9', withSeverity('SEV9'), undefined, 'error'],
    ['P4 overridden', withSeverity('P4'), { P4: 'warning' }, 'warning'],
    ['SEV9 mapped', withSeverity('SEV9'), { SEV9: 'critical' }, 'critical'],
    ['a notice', noticeMessage(), undefined, 'info'],
    ['a dead letter of a P1', deadLetterMessage(), undefined, 'critical'],
  ])('severity of %s', async (_name, message, severityMap, severity) => {
    const event = await sent(message, severityMap ? { severity_map: severityMap } : {});
    expect(event.payload.severity).toBe(severity);
  });

  it('takes routing_key from config when given there, and fails without retry when the env var is missing', async () => {
    const pd = await receiver();
    await notifier({ routing_key: 'inline-key', url: pd.url }, {}).send(triggeredMessage(), sendContext());
    expect(JSON.parse(pd.requests[0]!.body).routing_key).toBe('inline-key');
    expect(await notifier({ routing_key_env: 'PD_KEY', url: pd.url }, {}).send(triggeredMessage(), sendContext())).toEqual({
      ok: false,
      retryable: false,
      reason: expect.stringMatching(/^environment variable PD_KEY \(the PagerDuty routing key\) is not set/),
    });
    expect(pd.requests).toHaveLength(1);
  });

  it.each<[string, Answer, SendOutcome]>([
    ['202', ACCEPTED, { ok: true, detail: expect.stringMatching(/answered 202$/) }],
    [
      '400 with errors',
      { status: 400, body: REJECTED, contentType: 'application/json' },
      { ok: false, retryable: false, reason: expect.stringMatching(/answered 400: Event object is invalid: Length of 'routing_key' is incorrect \(should be 32 characters\)$/) },
    ],
    ['400 from a proxy', { status: 400, body: '<h1>Bad Request</h1>' }, { ok: false, retryable: false, reason: expect.stringMatching(/answered 400: <h1>Bad Request<\/h1>$/) }],
    ['403', { status: 403, body: '' }, { ok: false, retryable: false, reason: expect.stringMatching(/answered 403$/) }],
    ['429', { status: 429, body: '{"status":"throttle event"}' }, { ok: false, retryable: true, reason: expect.stringMatching(/answered 429: \{"status":"throttle event"\}$/) }],
    ['500', { status: 500, body: '' }, { ok: false, retryable: true, reason: expect.stringMatching(/answered 500$/) }],
    ['502', { status: 502, body: 'bad gateway' }, { ok: false, retryable: true, reason: expect.stringMatching(/answered 502: bad gateway$/) }],
  ])('answer %s', async (_name, answer, outcome) => {
    const pd = await receiver(() => answer);
    expect(await notifier({ routing_key_env: 'PD_KEY', url: pd.url }).send(triggeredMessage(), sendContext())).toEqual(outcome);
  });

  it('times out retryably and closes the socket', async () => {
    const pd = await receiver(() => 'hang');
    const outcome = await notifier({ routing_key_env: 'PD_KEY', url: pd.url }, { PD_KEY: ROUTING_KEY }, 150).send(triggeredMessage(), sendContext());
    expect(outcome).toEqual({ ok: false, retryable: true, reason: expect.stringMatching(/^no answer from 127\.0\.0\.1:\d+ within 150 ms$/) });
    await pd.waitForNoSockets(1000);
  });
});
