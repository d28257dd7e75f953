import { describe, expect, it } from 'vitest';
import { reminderKey, updateCadence } from './update-cadence.ts';

const MIN = 60_000;
const opened = Date.parse('2026-03-01T10:00:00Z');

describe('updateCadence', () => {
  it.each<[string, string, number | null, number | null, number, ReturnType<typeof updateCadence>]>([
    ['no public update yet: due update_every after opening', 'investigating', null, 30 * MIN, 29 * MIN, { everyMs: 30 * MIN, dueAt: opened + 30 * MIN, overdueSince: null }],
    ['overdue at the due instant itself', 'triggered', null, 30 * MIN, 30 * MIN, { everyMs: 30 * MIN, dueAt: opened + 30 * MIN, overdueSince: opened + 30 * MIN }],
    ['31 minutes without one', 'acknowledged', null, 30 * MIN, 31 * MIN, { everyMs: 30 * MIN, dueAt: opened + 30 * MIN, overdueSince: opened + 30 * MIN }],
    ['a public update moves the due time', 'identified', 41 * MIN, 30 * MIN, 60 * MIN, { everyMs: 30 * MIN, dueAt: opened + 71 * MIN, overdueSince: null }],
    ['an update older than the opening (a reopened incident) counts from the opening', 'triggered', -5 * MIN, 30 * MIN, 10 * MIN, { everyMs: 30 * MIN, dueAt: opened + 30 * MIN, overdueSince: null }],
    ['resolved incidents owe nothing', 'resolved', null, 30 * MIN, 90 * MIN, null],
    ['severities without update_every owe nothing', 'investigating', null, null, 90 * MIN, null],
  ])('%s', (_name, status, lastPublic, everyMs, elapsed, expected) => {
    const incident = { status: status as 'triggered', openedAt: opened };
    expect(updateCadence(incident, lastPublic === null ? null : opened + lastPublic, everyMs, opened + elapsed)).toEqual(expected);
  });

  it('keys one reminder per incident and due time', () => {
    expect(reminderKey(12, opened + 30 * MIN)).toBe(`update-due:12:${opened + 30 * MIN}`);
  });
});
