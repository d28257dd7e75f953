import type { NotificationMessage } from '../notify-types.ts';
import type { ValueEscape } from './template-compile.ts';

/**
 * What a notification says when its channel has no template. Written as code, not as template
 * strings, because lines come and go with the message (no service, no runbook, no recipient).
 * Every value from the message passes through `escape`; the wording around it does not.
 */

const plain: ValueEscape = (value) => value;

/** One line that says what happened, e.g. "Incident #12 escalated to level 2: Payments down". */
export function defaultHeadline(m: NotificationMessage, escape: ValueEscape = plain): string {
  const incident = m.incident;
  switch (m.kind) {
    case 'dead-letter':
      return m.deadLetter
        ? `Notification #${m.deadLetter.notificationId} to ${escape(m.deadLetter.channel)} was not delivered`
        : 'A notification was not delivered';
    case 'notice':
      return `Notice from ${escape(m.organization)}`;
  }
  if (incident === null) return `Notification from ${escape(m.organization)}`;
  const title = escape(incident.title);
  if (m.kind === 'incident.escalated') return `Incident #${incident.id} escalated to level ${levelNumber(m)}: ${title}`;
  if (m.kind === 'incident.reassigned') {
    return m.recipient ? `Incident #${incident.id} reassigned to ${escape(m.recipient.name)}: ${title}` : `Incident #${incident.id} reassigned: ${title}`;
  }
  return `Incident #${incident.id} ${escape(incident.status)}: ${title}`;
}

/** Mail subject: the severity first so inbox rules and eyes can sort on it. */
export function defaultSubject(m: NotificationMessage, escape: ValueEscape = plain): string {
  const incident = m.incident;
  if (m.kind === 'notice') {
    const firstLine = (m.text ?? '').split('\n')[0]?.trim() ?? '';
    const short = firstLine.length > 100 ? `${firstLine.slice(0, 99)}…` : firstLine;
    return short === '' ? `Notice from ${escape(m.organization)}` : `Notice from ${escape(m.organization)}: ${escape(short)}`;
  }
  if (incident === null) return defaultHeadline(m, escape);
  const base = `[${escape(incident.severity)}] Incident #${incident.id}: ${escape(incident.title)}`;
  switch (m.kind) {
    case 'dead-letter':
      return `Undelivered notification: ${base}`;
    case 'incident.escalated':
      return `${base} (escalated to level ${levelNumber(m)})`;
    case 'incident.reassigned':
      return m.recipient ? `${base} (reassigned to ${escape(m.recipient.name)})` : `${base} (reassigned)`;
    default:
      return `${base} (${escape(incident.status)})`;
  }
}

/** The plain-text body: the headline, the facts a responder needs, and the link back. */
export function defaultText(m: NotificationMessage, escape: ValueEscape = plain): string {
  const lines = [defaultHeadline(m, escape)];
  const incident = m.incident;
  if (m.kind === 'dead-letter' && m.deadLetter) {
    lines.push(`Gave up after ${m.deadLetter.attempts} attempts. Last error: ${escape(m.deadLetter.lastError)}`);
    if (m.text) lines.push(escape(m.text));
  } else if (m.kind === 'notice' && m.text) {
    lines.push(escape(m.text));
  }
  if (incident !== null) {
    if (m.kind === 'dead-letter') lines.push(`Incident #${incident.id}: ${escape(incident.title)}`);
    const facts = [`Severity: ${escape(incident.severity)}`];
    if (incident.service !== null) facts.push(`Service: ${escape(incident.service)}`);
    facts.push(`Status: ${escape(incident.status)}`);
    lines.push(facts.join(' | '));
    lines.push(`Opened: ${new Date(incident.openedAt).toISOString()}`);
    if (m.level !== null && m.kind !== 'dead-letter') {
      const who = m.recipient ? `, notifying ${escape(m.recipient.name)}` : '';
      lines.push(`Escalation: level ${levelNumber(m)}, round ${(m.round ?? 0) + 1}${who}`);
    }
    if (incident.runbook !== null) lines.push(`Runbook: ${escape(incident.runbook)}`);
    lines.push(`Open in console: ${escape(incident.url)}`);
  } else {
    lines.push(`Console: ${escape(m.consoleUrl)}`);
  }
  return lines.join('\n');
}

function levelNumber(m: NotificationMessage): number {
  return (m.level ?? 0) + 1;
}
