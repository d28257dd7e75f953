import { describe, expect, it } from 'vitest';
import type { CheckStateChange } from '../checks/check-result.ts';
import { failingIntervals, scopeDowntime } from './check-downtime.ts';

const c = (at: number, ok: boolean, checkId = 'a/x'): CheckStateChange => ({ checkId, at, ok, reason: '' });

describe('failingIntervals', () => {
  it.each([
    ['a failure inside the period', [c(10, false), c(20, true)], [[10, 20]]],
    ['failing since before the period', [c(-5, false), c(20, true)], [[0, 20]]],
    ['still failing at the end', [c(90, false)], [[90, 100]]],
    ['failing all along', [c(-50, false)], [[0, 100]]],
    ['recovered before the period', [c(-50, false), c(-10, true)], []],
    ['no changes: passing', [], []],
    ['a repeated failing change extends nothing', [c(10, false), c(15, false), c(20, true)], [[10, 20]]],
    ['a repeated passing change', [c(10, true), c(30, false), c(40, true), c(45, true)], [[30, 40]]],
    ['changes out of order', [c(20, true), c(10, false)], [[10, 20]]],
    ['a failure after the period', [c(100, false), c(120, true)], []],
  ])('%s', (_name, changes, want) => {
    expect(failingIntervals(changes, 0, 100).map((i) => [i.start, i.end])).toEqual(want);
  });
});

describe('scopeDowntime', () => {
  it('is down while any check fails and major only while all fail', () => {
    const changes = new Map([
      ['a/x', [c(10, false, 'a/x'), c(50, true, 'a/x')]],
      ['b/y', [c(40, false, 'b/y'), c(70, true, 'b/y')]],
    ]);
    expect(scopeDowntime(changes, 0, 100)).toEqual({ down: [{ start: 10, end: 70 }], allDown: [{ start: 40, end: 50 }] });
  });

  it('has no downtime without checks', () => {
    expect(scopeDowntime(new Map(), 0, 100)).toEqual({ down: [], allDown: [] });
  });
});
