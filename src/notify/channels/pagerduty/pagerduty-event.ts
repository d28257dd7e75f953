import type { NotificationMessage } from '../../notify-types.ts';
import type { MessageRenderer } from '../../templates/index.ts';
import type { PagerDutySeverity } from './pagerduty-schema.ts';

const DEFAULT_SEVERITIES: Record<string, PagerDutySeverity> = { P1: 'critical', P2: 'error', P3: 'warning', P4: 'info' };
// An unmapped severity pages as "error": loud enough to be seen, without claiming an outage.
const UNMAPPED: PagerDutySeverity = 'error';
const SUMMARY_CHARS = 1024;

export interface EventOptions {
  routingKey: string;
  severityMap: Record<string, PagerDutySeverity>;
  idempotencyKey: string;
}

/**
 * An Events API v2 `trigger`. Every message about one incident shares the dedup key
 * `opsdeck-incident-<id>`, so escalations and repeats land on the one PagerDuty alert instead
 * of opening new ones; a dead letter is its own problem and gets its own key.
 */
export function pagerdutyEvent(message: NotificationMessage, renderer: MessageRenderer, options: EventOptions): string {
  const incident = message.incident;
  const summary = renderer.subject(message);
  const customDetails: Record<string, unknown> = { kind: message.kind, text: renderer.text(message), console: incident?.url ?? message.consoleUrl };
  if (incident !== null) {
    Object.assign(customDetails, { incident: incident.id, service: incident.service, status: incident.status, opsdeck_severity: incident.severity, runbook: incident.runbook });
  }
  if (message.level !== null) Object.assign(customDetails, { level: message.level + 1, round: (message.round ?? 0) + 1 });
  if (message.recipient !== null) customDetails.recipient = message.recipient.name;
  if (message.deadLetter !== null) {
    const d = message.deadLetter;
    customDetails.dead_letter = { notification_id: d.notificationId, channel: d.channel, attempts: d.attempts, last_error: d.lastError };
  }
  const payload: Record<string, unknown> = {
    summary: summary.length > SUMMARY_CHARS ? `${summary.slice(0, SUMMARY_CHARS - 1)}…` : summary,
    source: message.organization,
    severity: severityOf(message, options.severityMap),
  };
  if (incident !== null) {
    payload.timestamp = new Date(incident.openedAt).toISOString();
    if (incident.service !== null) payload.component = incident.service;
  }
  payload.class = message.kind;
  payload.custom_details = customDetails;
  return JSON.stringify({
    routing_key: options.routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey(message, options.idempotencyKey),
    payload,
    client: 'Opsdeck',
    client_url: message.consoleUrl,
    links: incident ? [{ href: incident.url, text: `Incident #${incident.id} in Opsdeck` }] : [{ href: message.consoleUrl, text: 'Opsdeck console' }],
  });
}

export function dedupKey(message: NotificationMessage, idempotencyKey: string): string {
  if (message.kind === 'dead-letter' && message.deadLetter) return `opsdeck-dead-letter-${message.deadLetter.notificationId}`;
  if (message.incident) return `opsdeck-incident-${message.incident.id}`;
  return `opsdeck-${idempotencyKey}`;
}

function severityOf(message: NotificationMessage, overrides: Record<string, PagerDutySeverity>): PagerDutySeverity {
  // A dead letter is as urgent as the page that was lost: it takes its incident's severity below.
  if (message.incident === null) return message.kind === 'dead-letter' ? UNMAPPED : 'info';
  const id = message.incident.severity;
  return overrides[id] ?? DEFAULT_SEVERITIES[id] ?? UNMAPPED;
}
