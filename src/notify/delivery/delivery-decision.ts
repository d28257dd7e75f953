import type { DeliveryAttempt, NewNotification, NotificationRecord } from '../../store/index.ts';
import { formatDuration } from '../../time/index.ts';
import type { SendOutcome } from '../notify-types.ts';
import { retryDelay } from './retry-backoff.ts';
import type { RetryPolicy } from './retry-backoff.ts';

export interface DeliveryInput {
  row: NotificationRecord;
  outcome: SendOutcome;
  startedAt: number;
  durationMs: number;
  /** When the attempt ended. */
  now: number;
  policy: RetryPolicy;
  fallbackChannel: string | null;
  random: () => number;
}

export type NextState = { status: 'sent' | 'dead'; finishedAt: number } | { status: 'pending'; nextAttemptAt: number };

export interface DeliveryDecision {
  attempt: Omit<DeliveryAttempt, 'id' | 'notificationId'>;
  next: NextState;
  /** The delivery log line on the incident timeline. */
  timeline: string;
  deadLetter: NewNotification | null;
}

/**
 * The retry stage: the only place that decides what a channel's answer means (STYLE.md,
 * Alertmanager). A pure function of the attempt and the time.
 */
export function decideDelivery(input: DeliveryInput): DeliveryDecision {
  const { row, outcome, now } = input;
  const number = row.attempts + 1;
  const attempt = { at: input.startedAt, attempt: number, durationMs: input.durationMs };
  if (outcome.ok) {
    return {
      attempt: { ...attempt, outcome: 'sent', detail: outcome.detail ?? 'sent' },
      next: { status: 'sent', finishedAt: now },
      timeline: number === 1 ? `sent to ${row.channel}` : `sent to ${row.channel} on attempt ${number}`,
      deadLetter: null,
    };
  }
  const age = now - row.createdAt;
  if (outcome.retryable && age < input.policy.maxAgeMs) {
    const delay = retryDelay(number, input.policy, input.random);
    return {
      attempt: { ...attempt, outcome: 'failed', detail: outcome.reason },
      next: { status: 'pending', nextAttemptAt: now + delay },
      timeline: `${row.channel}: attempt ${number} failed (${outcome.reason}), retry in ${formatDuration(delay)}`,
      deadLetter: null,
    };
  }
  const why = outcome.retryable ? `past the maximum age of ${formatDuration(input.policy.maxAgeMs)}` : 'not retryable';
  const deadLetter = deadLetterFor(row, number, outcome.reason, input.fallbackChannel, now);
  const attempts = number === 1 ? '1 attempt' : `${number} attempts`;
  return {
    attempt: { ...attempt, outcome: 'failed-final', detail: outcome.reason },
    next: { status: 'dead', finishedAt: now },
    timeline:
      `${row.channel}: gave up after ${attempts} (${why}): ${outcome.reason}` +
      (deadLetter ? `; dead letter sent to ${deadLetter.channel}` : ''),
    deadLetter,
  };
}

/**
 * Not for a dead letter (it would loop), nor without a fallback, nor when the fallback is the
 * channel that just failed. The dead letter carries no incidentId: acknowledging the incident
 * cancels its pending pages, but a broken channel is still news to whoever owns the fallback.
 */
function deadLetterFor(row: NotificationRecord, attempts: number, lastError: string, fallback: string | null, now: number): NewNotification | null {
  if (row.message.kind === 'dead-letter' || fallback === null || fallback === row.channel) return null;
  const about = row.message.incident ? `incident #${row.message.incident.id} (${row.message.incident.title})` : `a ${row.message.kind} message`;
  return {
    key: `dead:${row.id}`,
    incidentId: null,
    channel: fallback,
    recipient: null,
    message: {
      ...row.message,
      kind: 'dead-letter',
      level: null,
      round: null,
      recipient: null,
      text: `Could not deliver ${about} to ${row.channel} after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}: ${lastError}`,
      deadLetter: { notificationId: row.id, channel: row.channel, attempts, lastError },
    },
    createdAt: now,
    notBefore: now,
  };
}
