import type { NotificationMessage, SendContext } from '../../notify-types.ts';

/** 2026-03-01T10:00:00Z */
export const OPENED_AT = Date.UTC(2026, 2, 1, 10, 0, 0);

/** A P1 incident paging its primary, level 0 round 0: the message most channels send most often. */
export function triggeredMessage(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  return {
    kind: 'incident.triggered',
    organization: 'Accelerapp',
    consoleUrl: 'https://ops.example.test',
    incident: {
      id: 12,
      title: 'Payments down',
      service: 'payments',
      severity: 'P1',
      status: 'triggered',
      openedAt: OPENED_AT,
      url: 'https://ops.example.test/incidents/12',
      runbook: 'runbooks/payments-down.md',
    },
    level: 0,
    round: 0,
    recipient: { id: 'ana', name: 'Ana Ruiz' },
    text: null,
    deadLetter: null,
    ...overrides,
  };
}

export function escalatedMessage(): NotificationMessage {
  return triggeredMessage({ kind: 'incident.escalated', level: 1, round: 0, recipient: { id: 'ben', name: 'Ben Okafor' } });
}

export function deadLetterMessage(): NotificationMessage {
  return triggeredMessage({
    kind: 'dead-letter',
    level: null,
    round: null,
    recipient: null,
    deadLetter: { notificationId: 77, channel: 'user:ana/webhook', attempts: 8, lastError: 'receiver answered 503' },
  });
}

export function noticeMessage(text = 'Silence "db-maintenance" expires in 15 minutes\nExtend it if the work is not done.'): NotificationMessage {
  return triggeredMessage({ kind: 'notice', incident: null, level: null, round: null, recipient: null, text });
}

/** Titles come from alert labels, which anyone able to fire an alert controls. */
export function hostileMessage(): NotificationMessage {
  const base = triggeredMessage();
  return { ...base, incident: { ...base.incident!, title: '<script>alert(1)</script> & <!channel> "quoted"', service: 'a<b>' } };
}

export function sendContext(idempotencyKey = 'inc-12.step-0.ana.user:ana/webhook', signal = new AbortController().signal): SendContext {
  return { idempotencyKey, signal };
}
