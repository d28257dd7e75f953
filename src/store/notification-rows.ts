import type { Insertable, Selectable } from 'kysely';
import type { NotificationMessage } from '../notify/notify-types.ts';
import type { DeliveryAttempt, NewNotification, NotificationRecord } from './ports.ts';
import type { NotificationAttemptsTable, NotificationsTable } from './store-tables.ts';

export function newNotificationRow(row: NewNotification): Insertable<NotificationsTable> {
  return {
    key: row.key,
    incident_id: row.incidentId,
    channel: row.channel,
    recipient: row.recipient,
    message: JSON.stringify(row.message),
    status: 'pending',
    created_at: row.createdAt,
    not_before: row.notBefore,
    // The first attempt is due when the row may be sent, so one index (status, next_attempt_at) finds every due row.
    next_attempt_at: row.notBefore,
  };
}

export function toNotificationRecord(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: row.id,
    key: row.key,
    incidentId: row.incident_id,
    channel: row.channel,
    recipient: row.recipient,
    message: JSON.parse(row.message) as NotificationMessage,
    createdAt: row.created_at,
    notBefore: row.not_before,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    finishedAt: row.finished_at,
  };
}

export function toDeliveryAttempt(row: Selectable<NotificationAttemptsTable>): DeliveryAttempt {
  return {
    id: row.id,
    notificationId: row.notification_id,
    at: row.at,
    attempt: row.attempt,
    outcome: row.outcome,
    detail: row.detail,
    durationMs: row.duration_ms,
  };
}

/** Oldest due first; RETURNING gives no order, so claims sort what they got. */
export function byDue(a: NotificationRecord, b: NotificationRecord): number {
  return a.nextAttemptAt - b.nextAttemptAt || a.id - b.id;
}
