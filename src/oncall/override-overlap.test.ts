import { describe, expect, it } from 'vitest';
import { overlappingOverrides } from './index.ts';

const h = (hour: number) => Date.parse('2026-01-05T00:00:00Z') + hour * 3_600_000;
const o = (from: number, to: number) => ({ user: 'ana', from: h(from), to: h(to) });

describe('overlappingOverrides', () => {
  it.each([
    ['none', [], []],
    ['touching is fine', [o(0, 4), o(4, 8)], []],
    ['partial overlap', [o(0, 5), o(4, 8)], [[0, 1]]],
    ['contained, listed out of order', [o(10, 12), o(0, 24), o(30, 40)], [[0, 1]]],
    ['three at once', [o(0, 10), o(2, 3), o(1, 4), o(20, 21)], [[0, 1], [0, 2], [1, 2]]],
    ['identical', [o(0, 1), o(0, 1)], [[0, 1]]],
    ['an empty interval overlaps nothing', [o(0, 10), o(5, 5)], []],
  ])('%s', (_name, overrides, expected) => {
    expect(overlappingOverrides(overrides)).toEqual(expected);
  });
});
