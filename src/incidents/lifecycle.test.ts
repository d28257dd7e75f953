import { describe, expect, it } from 'vitest';
import type { Incident } from './incident.ts';
import { applyAction } from './lifecycle.ts';
import { breachesDue, dueTimes } from './due-times.ts';

const T0 = Date.parse('2026-05-01T03:00:00Z');
const base: Incident = {
  id: 7, key: 'api/down', title: 'API down', service: 'api', severity: 'P1', status: 'triggered',
  openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: T0 + 900_000, resolveBy: T0 + 14_400_000,
  respondBreachedAt: null, resolveBreachedAt: null, runbook: null, updatedAt: T0,
};

describe('applyAction', () => {
  it.each([
    ['triggered', { type: 'acknowledge' } as const, 'acknowledged'],
    ['triggered', { type: 'resolve' } as const, 'resolved'],
    ['acknowledged', { type: 'status', status: 'investigating' } as const, 'investigating'],
    ['investigating', { type: 'status', status: 'identified' } as const, 'identified'],
    ['monitoring', { type: 'resolve' } as const, 'resolved'],
    ['resolved', { type: 'retrigger' } as const, 'triggered'],
  ] as const)('from %s, %j leads to %s', (status, action, to) => {
    const out = applyAction({ ...base, status }, action, T0 + 60_000);
    expect(out.ok && out.status).toBe(to);
  });

  it.each([
    ['acknowledged', { type: 'acknowledge' } as const, 'incident 7 is already acknowledged'],
    ['resolved', { type: 'acknowledge' } as const, 'incident 7 is resolved; it cannot be acknowledged'],
    ['resolved', { type: 'resolve' } as const, 'incident 7 is already resolved'],
    ['resolved', { type: 'status', status: 'monitoring' } as const, 'incident 7 is resolved; its status cannot change to monitoring'],
    ['triggered', { type: 'retrigger' } as const, 'incident 7 is still open'],
  ] as const)('from %s, %j is refused', (status, action, message) => {
    expect(applyAction({ ...base, status }, action, T0)).toEqual({ ok: false, message });
  });

  it('a responder status stamps the first response time once', () => {
    const first = applyAction(base, { type: 'status', status: 'investigating' }, T0 + 1000);
    expect(first.ok && first.patch.acknowledgedAt).toBe(T0 + 1000);
    const later = applyAction({ ...base, status: 'investigating', acknowledgedAt: T0 + 1000 }, { type: 'resolve' }, T0 + 5000);
    expect(later.ok && later.patch.acknowledgedAt).toBe(T0 + 1000);
  });
});

describe('due times and breaches', () => {
  it('derives due times from the severity targets', () => {
    expect(dueTimes({ respondWithinMs: 900_000, resolveWithinMs: null }, T0)).toEqual({ respondBy: T0 + 900_000, resolveBy: null });
    expect(dueTimes(undefined, T0)).toEqual({ respondBy: null, resolveBy: null });
  });

  it.each([
    ['before the target', base, T0 + 899_000, []],
    ['respond target passed unacknowledged', base, T0 + 901_000, ['respond']],
    ['acknowledged in time', { ...base, acknowledgedAt: T0 + 60_000 }, T0 + 901_000, []],
    ['acknowledged late', { ...base, acknowledgedAt: T0 + 1_000_000 }, T0 + 1_100_000, ['respond']],
    ['already recorded', { ...base, respondBreachedAt: T0 + 901_000 }, T0 + 1_000_000, []],
    ['both passed', base, T0 + 15_000_000, ['respond', 'resolve']],
    ['resolved in time', { ...base, acknowledgedAt: T0 + 1, resolvedAt: T0 + 3_600_000 }, T0 + 15_000_000, []],
  ] as const)('%s', (_name, incident, now, targets) => {
    expect(breachesDue(incident, now).map((b) => b.target)).toEqual(targets);
  });
});
