import type { z } from 'zod';
import type { SmtpSettings } from '../config/config-types.ts';

/**
 * What a notification says, as a snapshot taken when it is queued: the outbox stores it as JSON
 * and a channel renders it at send time with its template, so a retry after a restart sends the
 * same message.
 */
export type NotificationKind =
  | 'incident.triggered'
  | 'incident.escalated'
  | 'incident.reassigned'
  | 'dead-letter'
  | 'notice'
  // To status-page subscribers (issue 5): a public incident update, the double opt-in mail, a maintenance notice.
  | 'status.update'
  | 'subscription.confirm'
  | 'maintenance.announcement';

export interface NotificationMessage {
  kind: NotificationKind;
  organization: string;
  /** Base URL of the console (server.public_url or the listen address); links are built on it. */
  consoleUrl: string;
  incident: {
    id: number;
    title: string;
    service: string | null;
    severity: string;
    status: string;
    openedAt: number;
    /** Link to the incident in the console. */
    url: string;
    runbook: string | null;
  } | null;
  /** Escalation level (0-based) and repeat round that caused it, for incident messages. */
  level: number | null;
  round: number | null;
  /** Who it is for (a user id and name), when it is for a person. */
  recipient: { id: string; name: string } | null;
  /** Free text: the body of a notice, or the reason a dead letter died. */
  text: string | null;
  /** For dead letters: the notification that could not be delivered. */
  deadLetter: { notificationId: number; channel: string; attempts: number; lastError: string } | null;
  /** Subscriber messages: the subject line written for them (template variable `subject`); absent otherwise. */
  subject?: string | null;
  /**
   * Subscriber messages: where they go and the link that ends the subscription (the email channel
   * adds it as RFC 8058 List-Unsubscribe headers). Absent on messages to the team.
   */
  subscriber?: { id: number; kind: 'email' | 'webhook'; address: string; token: string; unsubscribeUrl: string } | null;
}

/** A channel answers with one of these; only the delivery worker's retry stage decides what happens next. */
export type SendOutcome =
  | { ok: true; detail?: string }
  | { ok: false; retryable: boolean; reason: string };

export interface SendContext {
  /** Stable across retries and restarts: (incident, escalation step, recipient, channel). Receivers dedupe on it. */
  idempotencyKey: string;
  /** Aborted on timeout or shutdown; a channel must release its socket. */
  signal: AbortSignal;
}

export interface Notifier {
  send(message: NotificationMessage, ctx: SendContext): Promise<SendOutcome>;
}

/** What a channel may use besides its own config. */
export interface ChannelEnv {
  smtp: SmtpSettings | null;
  /** Where secrets come from (process.env in the app; a plain object in tests). */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
}

/**
 * A channel type is one folder under src/notify/channels/ exporting one of these, plus one line in
 * src/notify/channels/registry.ts.
 */
export interface ChannelType<C = unknown> {
  /** The key in YAML: `ops: { slack: { url: ... } }`, or a user's `contact: { email: ... }`. */
  name: string;
  /** Validates the type's own block; strict. */
  schema: z.ZodType<C>;
  /** Called at config load; the notifier is reused for every send. */
  create(config: C, env: ChannelEnv): Notifier;
}
