import { describe, expect, it } from 'vitest';
import { isQueryWhen, parseQueryWhen } from './query-when-parse.ts';

describe('parseQueryWhen', () => {
  it.each([
    ["prometheus: sum(rate(http_requests_total{status=~'5..'}[5m])) / sum(rate(http_requests_total[5m])) > 0.05 for 5m",
      { expr: "sum(rate(http_requests_total{status=~'5..'}[5m])) / sum(rate(http_requests_total[5m]))", op: '>', threshold: 0.05, forMs: 300_000 }],
    ['prometheus: up == 0', { expr: 'up', op: '==', threshold: 0, forMs: 0 }],
    ['prometheus: x > 5% for 1h30m', { expr: 'x', op: '>', threshold: 0.05, forMs: 5_400_000 }],
    ['prometheus: histogram_quantile(0.95, sum by (le) (rate(b[5m]))) > 500ms for 5m', { expr: 'histogram_quantile(0.95, sum by (le) (rate(b[5m])))', op: '>', threshold: 0.5, forMs: 300_000 }],
    ['prometheus: free_ratio <= -1.5e-3', { expr: 'free_ratio', op: '<=', threshold: -0.0015, forMs: 0 }],
    ['prometheus:   a > 1 and b   != 2 FOR 10s', { expr: 'a > 1 and b', op: '!=', threshold: 2, forMs: 10_000 }],
  ])('%s', (text, when) => {
    expect(parseQueryWhen(text)).toEqual({ ok: true, when });
  });

  it.each([
    ['prometheus:', 'found nothing after "prometheus:"', 11],
    ['prometheus: up', 'missing threshold', 14],
    ['prometheus: up => 1', 'expected one of >=, <=, ==, !=, >, < before the threshold, found "=>"', 15],
    ['prometheus: up > one', 'expected a number like 0.05, 5% or 500ms after ">", found "one"', 17],
    ['prometheus: up > 1 for 5 minutes', 'for: expected a duration like 30s, 5m, 1h30m or 14d, found "5 minutes"', 23],
    ['prometheus: up > 1 for', 'expected a duration like 5m after "for", found the end', 22],
    ['prometheus: > 1', 'expected a PromQL expression before ">", found nothing', 12],
  ])('%s fails at its column', (text, message, column) => {
    const parsed = parseQueryWhen(text);
    if (parsed.ok) throw new Error('expected a failure');
    expect(parsed.message).toContain(message);
    expect(parsed.column).toBe(column);
  });

  it('only "prometheus:" at the start makes a PromQL rule', () => {
    expect([isQueryWhen('prometheus: up == 0'), isQueryWhen('  prometheus: up'), isQueryWhen('health failing'), isQueryWhen('up prometheus:')]).toEqual([true, true, false, false]);
  });
});
