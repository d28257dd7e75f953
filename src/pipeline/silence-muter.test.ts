import { describe, expect, it } from 'vitest';
import type { SilenceRecord } from '../store/ports.ts';
import type { Matcher } from './label-matcher.ts';
import { expiringSoon, silenceMatchersProblem, silenceMuter, silenceState } from './silence-muter.ts';

const T0 = Date.parse('2026-03-02T12:00:00Z');
const MIN = 60_000;

function silence(id: number, fromMin: number, toMin: number, matchers: Matcher[] = [{ label: 'service', op: '=', value: 'db' }], extra: Partial<SilenceRecord> = {}): SilenceRecord {
  return {
    id, matchers, startsAt: T0 + fromMin * MIN, endsAt: T0 + toMin * MIN,
    author: 'ana', comment: 'db migration', createdAt: T0 - 60 * MIN, expiredAt: null, noticeSentAt: null, ...extra,
  };
}

describe('silenceState: [startsAt, endsAt)', () => {
  const s = silence(1, 0, 150);
  const cases: [atMin: number, state: string][] = [
    [-1, 'pending'], [-0.001, 'pending'], [0, 'active'], [75, 'active'], [149.999, 'active'], [150, 'expired'], [500, 'expired'],
  ];
  it.each(cases)('at +%s min -> %s', (atMin, state) => {
    expect(silenceState(s, T0 + atMin * MIN)).toBe(state);
  });

  it('a silence expired early ends at expiredAt even if endsAt was left as it was', () => {
    const early = silence(1, 0, 150, undefined, { expiredAt: T0 + 30 * MIN });
    expect(silenceState(early, T0 + 29 * MIN)).toBe('active');
    expect(silenceState(early, T0 + 30 * MIN)).toBe('expired');
  });
});

describe('expiringSoon', () => {
  const s = silence(1, 0, 150);
  const cases: [atMin: number, withinMin: number, expected: boolean][] = [
    [-10, 500, false], // pending: not yet muting anything
    [0, 15, false],
    [134, 15, false],
    [135, 15, true],
    [149, 15, true],
    [150, 15, false], // ended: too late for a notice
  ];
  it.each(cases)('at +%s min within %s min -> %s', (atMin, withinMin, expected) => {
    expect(expiringSoon(s, T0 + atMin * MIN, withinMin * MIN)).toBe(expected);
  });
});

describe('silenceMuter', () => {
  const db = { service: 'db', severity: 'P1' };
  it('mutes matching labels from startsAt (inclusive) until endsAt (exclusive)', () => {
    const muter = silenceMuter([silence(4, 0, 150)]);
    expect(muter.mutedBy(db, T0 - 1)).toBeNull();
    expect(muter.mutedBy(db, T0)).toEqual({ kind: 'silence', id: '4', description: 'silence #4 by ana: "db migration" until 14:30 UTC' });
    expect(muter.mutedBy(db, T0 + 150 * MIN - 1)).not.toBeNull();
    expect(muter.mutedBy(db, T0 + 150 * MIN)).toBeNull();
  });

  it('does not mute labels its matchers do not match', () => {
    expect(silenceMuter([silence(4, 0, 150)]).mutedBy({ service: 'api' }, T0)).toBeNull();
    expect(silenceMuter([silence(4, 0, 150)]).mutedBy({}, T0)).toBeNull();
  });

  it('names the matching silence that ends last, with the date when it ends on another day', () => {
    const muter = silenceMuter([silence(1, 0, 60), silence(2, 0, 26 * 60), silence(3, 0, 30 * 60, [{ label: 'service', op: '=', value: 'api' }])]);
    expect(muter.mutedBy(db, T0)).toEqual({ kind: 'silence', id: '2', description: 'silence #2 by ana: "db migration" until 2026-03-03 14:00 UTC' });
    expect(muter.mutedBy(db, T0 + 61 * MIN)?.id).toBe('2');
  });

  it('a silence without matchers mutes nothing', () => {
    expect(silenceMuter([silence(1, 0, 60, [])]).mutedBy(db, T0)).toBeNull();
  });
});

describe('silenceMatchersProblem', () => {
  const cases: [matchers: Matcher[], problem: string | null][] = [
    [[{ label: 'service', op: '=', value: 'db' }], null],
    [[{ label: 'team', op: '=~', value: '.*' }, { label: 'service', op: '!=', value: '' }], null],
    [[], 'expected at least one matcher like service="api", found none'],
    [[{ label: 'team', op: '=~', value: '.*' }, { label: 'service', op: '!=', value: 'db' }],
      'expected at least one matcher that needs a label to be set, found only matchers that also match alerts without them (team=~".*", service!="db")'],
  ];
  it.each(cases)('%j -> %s', (matchers, problem) => {
    expect(silenceMatchersProblem(matchers)).toBe(problem);
  });
});
