import type { NotificationMessage } from '../../notify-types.ts';
import { escapeMrkdwn } from '../../templates/index.ts';
import type { MessageRenderer } from '../../templates/index.ts';

// Slack's limits: longer text makes the whole request fail with invalid_blocks.
const HEADER_CHARS = 150;
const SECTION_CHARS = 3000;
const FIELD_CHARS = 2000;

/**
 * `{ text, blocks }` for a Slack-compatible incoming webhook. `text` is what phones and
 * receivers without block support show; the blocks give the headline, the facts as fields,
 * a context line and a button back to the console. Every value passes through escapeMrkdwn, so
 * an alert titled `<!channel>` cannot ping a whole channel.
 */
export function slackPayload(message: NotificationMessage, renderer: MessageRenderer, customText: boolean): string {
  const incident = message.incident;
  const link = incident?.url ?? message.consoleUrl;
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: cut(renderer.headline(message), HEADER_CHARS) } }];
  const body = customText ? renderer.text(message, escapeMrkdwn) : defaultSection(message);
  const section: Record<string, unknown> = { type: 'section', text: { type: 'mrkdwn', text: cut(body || ' ', SECTION_CHARS) } };
  if (incident !== null) {
    const fields = [['Severity', incident.severity], ['Service', incident.service ?? 'none'], ['Status', incident.status]];
    section.fields = fields.map(([name, value]) => ({ type: 'mrkdwn', text: cut(`*${name}:*\n${escapeMrkdwn(value ?? '')}`, FIELD_CHARS) }));
  }
  blocks.push(section);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: contextLine(message) }] });
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: incident ? 'Open incident' : 'Open console' }, url: link }],
  });
  return JSON.stringify({ text: renderer.subject(message, escapeMrkdwn), blocks });
}

function defaultSection(m: NotificationMessage): string {
  const e = escapeMrkdwn;
  const lines: string[] = [];
  const incident = m.incident;
  if (incident !== null) lines.push(`*<${e(incident.url)}|Incident #${incident.id}>* ${e(incident.title)}`);
  if (m.kind === 'dead-letter' && m.deadLetter) {
    lines.push(`Gave up on notification #${m.deadLetter.notificationId} to \`${e(m.deadLetter.channel)}\` after ${m.deadLetter.attempts} attempts.`);
    lines.push(`Last error: ${e(m.deadLetter.lastError)}`);
  } else if (m.text) {
    lines.push(e(m.text));
  }
  if (incident !== null && m.kind !== 'dead-letter' && m.level !== null) {
    const who = m.recipient ? `Notifying *${e(m.recipient.name)}*` : 'Notifying';
    lines.push(`${who} (escalation level ${m.level + 1}, round ${(m.round ?? 0) + 1})`);
  }
  if (incident?.runbook) lines.push(`Runbook: ${e(incident.runbook)}`);
  return lines.join('\n');
}

function contextLine(m: NotificationMessage): string {
  const parts = [escapeMrkdwn(m.organization)];
  if (m.incident) parts.push(`opened ${new Date(m.incident.openedAt).toISOString().replace(/:\d\d\.\d+Z$/, 'Z').replace('T', ' ')}`);
  parts.push('sent by Opsdeck');
  return parts.join(' · ');
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
