import { describe, expect, it } from 'vitest';
import { intersectAll, mergeIntervals, subtractIntervals, totalMs, type Interval } from './interval-set.ts';

const iv = (...pairs: [number, number][]): Interval[] => pairs.map(([start, end]) => ({ start, end }));

describe('interval sets', () => {
  it.each([
    ['joins overlapping', iv([0, 10], [5, 20]), iv([0, 20])],
    ['joins touching (half-open)', iv([0, 10], [10, 20]), iv([0, 20])],
    ['keeps gaps, sorts', iv([30, 40], [0, 10]), iv([0, 10], [30, 40])],
    ['drops empty', iv([5, 5], [7, 6]), []],
    ['swallows contained', iv([0, 100], [10, 20]), iv([0, 100])],
  ])('merge: %s', (_name, input, want) => {
    expect(mergeIntervals(input)).toEqual(want);
  });

  it.each([
    ['a hole in the middle', iv([0, 100]), iv([40, 60]), iv([0, 40], [60, 100])],
    ['covering all', iv([10, 20]), iv([0, 30]), []],
    ['overlapping the start and the end', iv([10, 50]), iv([0, 20], [40, 60]), iv([20, 40])],
    ['nothing to cut', iv([10, 20]), iv([30, 40]), iv([10, 20])],
    ['several pieces and holes', iv([0, 10], [20, 30]), iv([5, 25]), iv([0, 5], [25, 30])],
  ])('subtract: %s', (_name, a, b, want) => {
    expect(subtractIntervals(a, b)).toEqual(want);
  });

  it.each([
    ['no sets', [], []],
    ['one set', [iv([0, 10])], iv([0, 10])],
    ['two overlapping', [iv([0, 10]), iv([5, 20])], iv([5, 10])],
    ['three, one disjoint', [iv([0, 10]), iv([5, 20]), iv([11, 12])], []],
  ])('intersect: %s', (_name, sets, want) => {
    expect(intersectAll(sets)).toEqual(want);
  });

  it('totals merged time, counting overlaps once', () => {
    expect(totalMs(iv([0, 1800], [1680, 2100]))).toBe(2100);
  });
});
