import { describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../store/index.ts';
import type { NotificationMessage, SendOutcome } from '../notify-types.ts';
import { decideDelivery } from './delivery-decision.ts';
import type { DeliveryInput } from './delivery-decision.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HOUR = 3_600_000;

const message: NotificationMessage = {
  kind: 'incident.escalated',
  organization: 'Acme',
  consoleUrl: 'http://console',
  incident: { id: 7, title: 'DB down', service: 'db', severity: 'sev1', status: 'triggered', openedAt: T0, url: 'http://console/incidents/7', runbook: null },
  level: 1,
  round: 0,
  recipient: { id: 'ana', name: 'Ana' },
  text: null,
  deadLetter: null,
};

function row(overrides: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: 42, key: 'inc:7:r0:l1:ana:user:ana/webhook', incidentId: 7, channel: 'user:ana/webhook', recipient: 'ana', message,
    createdAt: T0, notBefore: T0, status: 'pending', attempts: 0, nextAttemptAt: T0, lastError: null, finishedAt: null,
    ...overrides,
  };
}

function decide(outcome: SendOutcome, overrides: Partial<DeliveryInput> = {}) {
  return decideDelivery({
    row: row(),
    outcome,
    startedAt: T0,
    durationMs: 3,
    now: T0 + 5,
    policy: { initialMs: 10_000, maxDelayMs: 600_000, maxAgeMs: HOUR },
    fallbackChannel: 'ops-slack',
    random: () => 1,
    ...overrides,
  });
}

const http500: SendOutcome = { ok: false, retryable: true, reason: 'HTTP 500' };

describe('decideDelivery', () => {
  it.each<[string, Partial<DeliveryInput>, SendOutcome, string, string]>([
    ['first try', {}, { ok: true }, 'sent', 'sent to user:ana/webhook'],
    ['a later try', { row: row({ attempts: 2 }) }, { ok: true, detail: 'HTTP 202' }, 'sent', 'sent to user:ana/webhook on attempt 3'],
    ['a retryable failure', {}, http500, 'pending', 'user:ana/webhook: attempt 1 failed (HTTP 500), retry in 10s'],
    ['the fourth', { row: row({ attempts: 3 }) }, http500, 'pending', 'user:ana/webhook: attempt 4 failed (HTTP 500), retry in 1m20s'],
    ['one just inside the age', { now: T0 + HOUR - 1 }, http500, 'pending', 'user:ana/webhook: attempt 1 failed (HTTP 500), retry in 10s'],
    [
      'one at the maximum age',
      { now: T0 + HOUR, row: row({ attempts: 3 }) },
      http500,
      'dead',
      'user:ana/webhook: gave up after 4 attempts (past the maximum age of 1h): HTTP 500; dead letter sent to ops-slack',
    ],
    [
      'a final failure',
      {},
      { ok: false, retryable: false, reason: 'HTTP 410' },
      'dead',
      'user:ana/webhook: gave up after 1 attempt (not retryable): HTTP 410; dead letter sent to ops-slack',
    ],
  ])('%s', (_name, input, outcome, status, timeline) => {
    const decision = decide(outcome, input);
    expect(decision.next.status).toBe(status);
    expect(decision.timeline).toBe(timeline);
  });

  it('schedules the retry from the end of the attempt and logs the attempt from its start', () => {
    const decision = decide(http500, { startedAt: T0, now: T0 + 900, durationMs: 900 });
    expect(decision.next).toEqual({ status: 'pending', nextAttemptAt: T0 + 900 + 10_000 });
    expect(decision.attempt).toEqual({ at: T0, attempt: 1, durationMs: 900, outcome: 'failed', detail: 'HTTP 500' });
    expect(decision.deadLetter).toBeNull();
  });

  it('writes a dead letter about the notification for the fallback channel', () => {
    const decision = decide({ ok: false, retryable: false, reason: 'HTTP 404' }, { row: row({ attempts: 1 }) });
    expect(decision.deadLetter).toEqual({
      key: 'dead:42',
      incidentId: null,
      channel: 'ops-slack',
      recipient: null,
      message: {
        ...message,
        kind: 'dead-letter',
        level: null,
        round: null,
        recipient: null,
        text: 'Could not deliver incident #7 (DB down) to user:ana/webhook after 2 attempts: HTTP 404',
        deadLetter: { notificationId: 42, channel: 'user:ana/webhook', attempts: 2, lastError: 'HTTP 404' },
      },
      createdAt: T0 + 5,
      notBefore: T0 + 5,
    });
  });

  it.each<[string, Partial<DeliveryInput>]>([
    ['without a fallback', { fallbackChannel: null }],
    ['for a dead letter', { row: row({ message: { ...message, kind: 'dead-letter' } }) }],
    ['to the channel that failed', { fallbackChannel: 'user:ana/webhook' }],
  ])('writes no dead letter %s', (_name, input) => {
    const decision = decide({ ok: false, retryable: false, reason: 'HTTP 400' }, input);
    expect(decision.next.status).toBe('dead');
    expect(decision.deadLetter).toBeNull();
    expect(decision.timeline).toBe('user:ana/webhook: gave up after 1 attempt (not retryable): HTTP 400');
  });
});
