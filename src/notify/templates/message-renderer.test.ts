import { describe, expect, it } from 'vitest';
import {
  deadLetterMessage,
  escalatedMessage,
  hostileMessage,
  noticeMessage,
  triggeredMessage,
} from '../channels/test-support/message-fixtures.ts';
import type { NotificationMessage } from '../notify-types.ts';
import { messageRenderer, templateSchema } from './message-renderer.ts';
import { escapeHtml, escapeMrkdwn, textToHtml } from './text-escape.ts';

const defaults = messageRenderer(undefined);

describe('default wording', () => {
  it.each<[string, NotificationMessage, string]>([
    ['triggered', triggeredMessage(), '[P1] Incident #12: Payments down (triggered)'],
    ['escalated', escalatedMessage(), '[P1] Incident #12: Payments down (escalated to level 2)'],
    ['reassigned', triggeredMessage({ kind: 'incident.reassigned' }), '[P1] Incident #12: Payments down (reassigned to Ana Ruiz)'],
    ['dead letter', deadLetterMessage(), 'Undelivered notification: [P1] Incident #12: Payments down'],
    ['notice', noticeMessage(), 'Notice from Accelerapp: Silence "db-maintenance" expires in 15 minutes'],
    ['empty notice', noticeMessage(''), 'Notice from Accelerapp'],
  ])('subject of %s', (_name, message, subject) => {
    expect(defaults.subject(message)).toBe(subject);
  });

  it('text of a triggered incident has the facts and the link back', () => {
    expect(defaults.text(triggeredMessage())).toBe(
      [
        'Incident #12 triggered: Payments down',
        'Severity: P1 | Service: payments | Status: triggered',
        'Opened: 2026-03-01T10:00:00.000Z',
        'Escalation: level 1, round 1, notifying Ana Ruiz',
        'Runbook: runbooks/payments-down.md',
        'Open in console: https://ops.example.test/incidents/12',
      ].join('\n'),
    );
  });

  it.each<[string, NotificationMessage, string[]]>([
    ['escalated', escalatedMessage(), ['Incident #12 escalated to level 2: Payments down', 'level 2, round 1, notifying Ben Okafor']],
    ['dead letter', deadLetterMessage(), ['Notification #77 to user:ana/webhook was not delivered', 'Gave up after 8 attempts. Last error: receiver answered 503']],
    ['notice', noticeMessage(), ['Notice from Accelerapp', 'Extend it if the work is not done.', 'Console: https://ops.example.test']],
  ])('text of %s says what happened', (_name, message, parts) => {
    const text = defaults.text(message);
    for (const part of parts) expect(text).toContain(part);
  });

  it('leaves out lines that do not apply', () => {
    const base = triggeredMessage();
    const text = defaults.text({ ...base, incident: { ...base.incident!, service: null, runbook: null }, recipient: null });
    expect(text).not.toMatch(/Service:|Runbook:|notifying/);
    expect(text).toContain('Severity: P1 | Status: triggered');
  });

  it('escapes every value it is given an escape for', () => {
    const text = defaults.text(hostileMessage(), escapeMrkdwn);
    expect(text).toContain('Incident #12 triggered: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt; "quoted"');
    expect(text).toContain('Service: a&lt;b&gt;');
    expect(text).not.toMatch(/<(script|!channel|b>)/);
  });
});

describe('custom templates', () => {
  it('replace only the parts they give', () => {
    const renderer = messageRenderer({ subject: '{{incident.severity}} {{incident.title}} for {{recipient.name}}' });
    expect(renderer.subject(triggeredMessage())).toBe('P1 Payments down for Ana Ruiz');
    expect(renderer.headline(triggeredMessage())).toBe('P1 Payments down for Ana Ruiz');
    expect(renderer.text(triggeredMessage())).toBe(defaults.text(triggeredMessage()));
  });

  it('are checked by the schema with the column of the mistake', () => {
    const result = templateSchema.safeParse({ subject: 'ok {{incident.title}}', text: 'Hi {{recipient.nmae}}' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['text', expect.stringMatching(/^text template, column 6: unknown template variable "recipient.nmae"/)],
    ]);
  });

  it('passes the offset of a one-line mistake to the config loader, which points inside the string', () => {
    const result = templateSchema.safeParse({ subject: '[{{incident.sev}}]' });
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { column: 3 } });
    const multiLine = templateSchema.safeParse({ text: 'ok\n{{incident.sev}}' });
    expect(multiLine.error?.issues[0]?.message).toMatch(/^text template, line 2, column 3: /);
    // A column counted from the start of the string would point at the wrong line of the file.
    expect(multiLine.error?.issues[0]).not.toHaveProperty('params.column');
  });

  it.each([[{ subject: 'x', body: 'y' }], [{ text: 3 }]])('the schema is strict: %j', (input) => {
    expect(templateSchema.safeParse(input).success).toBe(false);
  });
});

describe('escaping', () => {
  it.each([
    [escapeHtml, `<a href="x">Tom & 'Jerry'</a>`, '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;'],
    [escapeMrkdwn, '<!here> a&b *bold*', '&lt;!here&gt; a&amp;b *bold*'],
    [textToHtml, 'a < b\nsee https://x.test/i?a=1&b=2.', 'a &lt; b<br>\nsee <a href="https://x.test/i?a=1&amp;b=2.">https://x.test/i?a=1&amp;b=2.</a>'],
    [textToHtml, 'at "https://x.test/q"', 'at &quot;<a href="https://x.test/q">https://x.test/q</a>&quot;'],
  ])('%o(%j)', (escape, input, output) => {
    expect(escape(input)).toBe(output);
  });
});
