import type { NotificationMessage } from '../notify-types.ts';

/**
 * The names a custom template may use, each with how its value is read from a message. A value
 * that does not apply (no incident on a notice, no recipient on a channel message) renders as
 * the empty string rather than "null". Levels and rounds are stored 0-based and shown as people
 * count them: the first level is 1.
 */
const VARIABLES: Record<string, (message: NotificationMessage) => string> = {
  kind: (m) => m.kind,
  organization: (m) => m.organization,
  'console.url': (m) => m.consoleUrl,
  'incident.id': (m) => (m.incident ? String(m.incident.id) : ''),
  'incident.title': (m) => m.incident?.title ?? '',
  'incident.severity': (m) => m.incident?.severity ?? '',
  'incident.status': (m) => m.incident?.status ?? '',
  'incident.service': (m) => m.incident?.service ?? '',
  'incident.url': (m) => m.incident?.url ?? '',
  'incident.runbook': (m) => m.incident?.runbook ?? '',
  'incident.opened_at': (m) => (m.incident ? new Date(m.incident.openedAt).toISOString() : ''),
  level: (m) => (m.level === null ? '' : String(m.level + 1)),
  round: (m) => (m.round === null ? '' : String(m.round + 1)),
  'recipient.id': (m) => m.recipient?.id ?? '',
  'recipient.name': (m) => m.recipient?.name ?? '',
  text: (m) => m.text ?? '',
  subject: (m) => m.subject ?? '',
  'dead_letter.notification_id': (m) => (m.deadLetter ? String(m.deadLetter.notificationId) : ''),
  'dead_letter.channel': (m) => m.deadLetter?.channel ?? '',
  'dead_letter.attempts': (m) => (m.deadLetter ? String(m.deadLetter.attempts) : ''),
  'dead_letter.error': (m) => m.deadLetter?.lastError ?? '',
};

export const TEMPLATE_VARIABLES: readonly string[] = Object.keys(VARIABLES);

export function isTemplateVariable(name: string): boolean {
  return Object.hasOwn(VARIABLES, name);
}

/** Reads one variable; only names for which isTemplateVariable is true reach here (compileTemplate checks). */
export function variableValue(name: string, message: NotificationMessage): string {
  const read = VARIABLES[name];
  if (read === undefined) throw new Error(`unknown template variable ${name}; expected one of ${TEMPLATE_VARIABLES.join(', ')}`);
  return read(message);
}
