import type { NotificationMessage } from '../../notify-types.ts';
import type { MessageRenderer } from '../../templates/index.ts';

/**
 * The JSON document a generic webhook receives. Field names are snake_case and stable: receivers
 * are scripts written against this shape. `text` is the rendered plain text, for receivers that
 * only forward it to a person.
 */
export function webhookBody(message: NotificationMessage, idempotencyKey: string, renderer: MessageRenderer): string {
  const incident = message.incident;
  return JSON.stringify({
    kind: message.kind,
    idempotency_key: idempotencyKey,
    organization: message.organization,
    incident: incident && {
      id: incident.id,
      title: incident.title,
      service: incident.service,
      severity: incident.severity,
      status: incident.status,
      opened_at: new Date(incident.openedAt).toISOString(),
      url: incident.url,
      runbook: incident.runbook,
    },
    level: message.level,
    round: message.round,
    recipient: message.recipient,
    subject: renderer.subject(message),
    text: renderer.text(message),
    dead_letter: message.deadLetter && {
      notification_id: message.deadLetter.notificationId,
      channel: message.deadLetter.channel,
      attempts: message.deadLetter.attempts,
      last_error: message.deadLetter.lastError,
    },
    links: { incident: incident?.url ?? null, console: message.consoleUrl },
  });
}
