import { describe, expect, it } from 'vitest';
import { parseWhen } from './when.ts';

describe('parseWhen', () => {
  it.each([
    ['health failing', { kind: 'failing', check: 'health', forMs: 0 }],
    ['health failing for 2m', { kind: 'failing', check: 'health', forMs: 120_000 }],
    ['health failing 3 of last 5', { kind: 'failing_n_of_m', check: 'health', n: 3, m: 5, forMs: 0 }],
    ['health failing 3 of the last 5 for 1m', { kind: 'failing_n_of_m', check: 'health', n: 3, m: 5, forMs: 60_000 }],
    ['health response time above 500ms for 5m', { kind: 'slow', check: 'health', thresholdMs: 500, forMs: 300_000 }],
    ['health response_time > 2s', { kind: 'slow', check: 'health', thresholdMs: 2000, forMs: 0 }],
    ['db/main failing for 30s', { kind: 'failing', check: 'db/main', forMs: 30_000 }],
  ])('parses %j', (text, when) => {
    expect(parseWhen(text)).toEqual({ ok: true, when, checkColumn: 0 });
  });

  it.each([
    ['', 'empty condition; expected "<check> failing [for D]", "<check> failing N of last M [for D]" or "<check> response time above X [for D]"', 0],
    ['health down', 'expected "<check> failing [for D]", "<check> failing N of last M [for D]" or "<check> response time above X [for D]", found "down" after the check name', 7],
    ['health failing for 5 minutes', 'a duration: expected a duration like 30s, 5m, 1h30m or 14d, found "5"', 19],
    ['health failing for', 'expected a duration after this, found the end', 18],
    ['health failing 6 of last 5', 'expected 1 <= N <= M in "N of last M", found 6 of last 5', 15],
    ['health failing 3 in 5', 'expected "of" in "N of last M", found "in"', 17],
    ['health response time above fast', 'a response time like 500ms: expected a duration like 30s, 5m, 1h30m or 14d, found "fast"', 27],
    ['health failing for 2m now', 'unexpected "now"; expected "<check> failing [for D]", "<check> failing N of last M [for D]" or "<check> response time above X [for D]"', 22],
  ])('rejects %j with a positioned message', (text, message, column) => {
    expect(parseWhen(text)).toEqual({ ok: false, message, column });
  });
});
