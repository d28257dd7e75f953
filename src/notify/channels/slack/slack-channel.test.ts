import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelEnv, SendOutcome } from '../../notify-types.ts';
import { deadLetterMessage, hostileMessage, noticeMessage, sendContext, triggeredMessage } from '../test-support/message-fixtures.ts';
import { startHttpReceiver } from '../test-support/http-receiver.ts';
import type { Answer, HttpReceiver } from '../test-support/http-receiver.ts';
import { slackChannel } from './index.ts';

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(answer: () => Answer = () => ({ status: 200, body: 'ok' })): Promise<HttpReceiver> {
  const started = await startHttpReceiver(answer);
  receivers.push(started);
  return started;
}

function notifier(config: unknown, env: ChannelEnv['env'] = {}, timeoutMs = 2000) {
  return slackChannel.create(slackChannel.schema.parse(config), { smtp: null, env, timeoutMs });
}

describe('slack schema', () => {
  it.each([
    ['https://hooks.slack.test/T/B/x', { url: 'https://hooks.slack.test/T/B/x' }],
    [{ url_env: 'SLACK_URL', template: { text: '{{incident.title}}' } }, { url_env: 'SLACK_URL', template: { text: '{{incident.title}}' } }],
  ])('accepts %j', (input, output) => {
    expect(slackChannel.schema.parse(input)).toEqual(output);
  });

  it.each([
    [{}, /expected exactly one of url: or url_env:, found neither/],
    [{ url: 'https://h.test', url_env: 'X' }, /expected exactly one of url: or url_env:, found both/],
    [{ url: 'https://h.test', channel: '#ops' }, /channel/],
    ['not a url', /expected an http:\/\/ or https:\/\/ URL/],
    [['https://h.test'], /expected a webhook URL or a map with url: or url_env:, found a list/],
  ])('rejects %j', (input, message) => {
    const result = slackChannel.schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});

describe('slack delivery', () => {
  it('posts text and blocks: header, section with fields, context, and a button back to the incident', async () => {
    const hook = await receiver();
    expect(await notifier(`${hook.url}/services/T/B/x`).send(triggeredMessage(), sendContext())).toMatchObject({ ok: true });
    const request = hook.requests[0]!;
    expect(request.path).toBe('/services/T/B/x');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      text: '[P1] Incident #12: Payments down (triggered)',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Incident #12 triggered: Payments down' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*<https://ops.example.test/incidents/12|Incident #12>* Payments down\nNotifying *Ana Ruiz* (escalation level 1, round 1)\nRunbook: runbooks/payments-down.md',
          },
          fields: [
            { type: 'mrkdwn', text: '*Severity:*\nP1' },
            { type: 'mrkdwn', text: '*Service:*\npayments' },
            { type: 'mrkdwn', text: '*Status:*\ntriggered' },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Accelerapp · opened 2026-03-01 10:00Z · sent by Opsdeck' }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open incident' }, url: 'https://ops.example.test/incidents/12' }] },
      ],
    });
  });

  it('escapes what alert authors control, so a title cannot mention the channel', async () => {
    const hook = await receiver();
    await notifier(hook.url).send(hostileMessage(), sendContext());
    const body = JSON.parse(hook.requests[0]!.body);
    const mrkdwn = [body.text, body.blocks[1].text.text, ...body.blocks[1].fields.map((f: { text: string }) => f.text)].join('\n');
    expect(mrkdwn).toContain('&lt;/script&gt; &amp; &lt;!channel&gt; "quoted"');
    expect(mrkdwn).toContain('a&lt;b&gt;');
    expect(mrkdwn).not.toMatch(/<!channel>|<script>|a<b>/);
  });

  it.each([
    ['notice', noticeMessage(), 'Silence "db-maintenance" expires in 15 minutes', 'Open console'],
    ['dead letter', deadLetterMessage(), 'Last error: receiver answered 503', 'Open incident'],
  ])('a %s says what it is about', async (_name, message, says, button) => {
    const hook = await receiver();
    await notifier(hook.url).send(message, sendContext());
    const body = JSON.parse(hook.requests[0]!.body);
    expect(body.blocks[1].text.text).toContain(says);
    expect(body.blocks.at(-1).elements[0].text.text).toBe(button);
  });

  it('uses a custom template for the section, escaped for mrkdwn', async () => {
    const hook = await receiver();
    await notifier({ url: hook.url, template: { text: '*{{incident.severity}}* {{incident.title}} <{{incident.url}}|open>' } }).send(hostileMessage(), sendContext());
    expect(JSON.parse(hook.requests[0]!.body).blocks[1].text.text).toBe(
      '*P1* &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt; "quoted" <https://ops.example.test/incidents/12|open>',
    );
  });

  it('reads url_env at send time, and fails without retry when it is missing or not a URL', async () => {
    const hook = await receiver();
    const env: Record<string, string | undefined> = {};
    const slack = notifier({ url_env: 'SLACK_URL' }, env);
    expect(await slack.send(triggeredMessage(), sendContext())).toEqual({
      ok: false,
      retryable: false,
      reason: expect.stringMatching(/^environment variable SLACK_URL \(the Slack webhook URL\) is not set/),
    });
    env.SLACK_URL = 'hooks.slack.test/no-scheme';
    expect(await slack.send(triggeredMessage(), sendContext())).toEqual({
      ok: false,
      retryable: false,
      reason: 'environment variable SLACK_URL should hold an http(s) webhook URL, and does not',
    });
    env.SLACK_URL = `${hook.url}/from-env`;
    expect(await slack.send(triggeredMessage(), sendContext())).toMatchObject({ ok: true });
    expect(hook.requests.map((r) => r.path)).toEqual(['/from-env']);
  });

  it.each<[number, string, SendOutcome]>([
    [200, 'ok', { ok: true, detail: expect.stringMatching(/^Slack webhook 127\.0\.0\.1:\d+ answered 200$/) }],
    [400, 'invalid_payload', { ok: false, retryable: false, reason: expect.stringMatching(/answered 400: invalid_payload$/) }],
    [403, 'action_prohibited', { ok: false, retryable: false, reason: expect.stringMatching(/answered 403: action_prohibited$/) }],
    [404, 'channel_not_found', { ok: false, retryable: false, reason: expect.stringMatching(/answered 404: channel_not_found$/) }],
    [410, 'channel_is_archived', { ok: false, retryable: false, reason: expect.stringMatching(/answered 410: channel_is_archived$/) }],
    [429, 'rate_limited', { ok: false, retryable: true, reason: expect.stringMatching(/answered 429: rate_limited$/) }],
    [500, 'rollup_error', { ok: false, retryable: true, reason: expect.stringMatching(/answered 500: rollup_error$/) }],
    [503, '', { ok: false, retryable: true, reason: expect.stringMatching(/answered 503$/) }],
  ])('answer %i %j is %o', async (status, body, outcome) => {
    const hook = await receiver(() => ({ status, body }));
    expect(await notifier(hook.url).send(triggeredMessage(), sendContext())).toEqual(outcome);
  });

  it('times out retryably and closes the socket', async () => {
    const hook = await receiver(() => 'hang');
    expect(await notifier(hook.url, {}, 150).send(triggeredMessage(), sendContext())).toEqual({
      ok: false,
      retryable: true,
      reason: expect.stringMatching(/^no answer from 127\.0\.0\.1:\d+ within 150 ms$/),
    });
    await hook.waitForNoSockets(1000);
  });
});
