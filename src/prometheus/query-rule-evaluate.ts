import { formatSampleValue } from './prom-result.ts';
import type { QueryOutcome } from './prom-result.ts';
import type { QueryOperator } from './query-when-parse.ts';
import { seriesKey, seriesLabels } from './series-key.ts';

/** What the evaluation needs of a rule (a QueryRuleDef has all of it). */
export interface QueryRuleSpec {
  id: string;
  op: QueryOperator;
  threshold: number;
  forMs: number;
  errorAfterMs: number;
}

/** One series whose value meets the condition: pending until it has for `forMs`, then firing. */
export interface SeriesState {
  key: string;
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  activeSince: number;
  firedAt: number | null;
  /** The last value seen; NaN after a restart until the first evaluation. */
  value: number;
}

export interface QueryRuleState {
  /** Only pending and firing series: a series that stops meeting the condition is dropped. */
  series: ReadonlyMap<string, SeriesState>;
  lastEvaluatedAt: number | null;
  /** Set while queries fail; `since` is the first failure of the current run of failures. */
  lastError: { message: string; since: number } | null;
  /** The rule's own error alert is firing. */
  errorFiring: boolean;
}

export type QueryRuleAction =
  | { kind: 'fire'; series: SeriesState }
  | { kind: 'resolve'; series: SeriesState }
  | { kind: 'fire-error'; message: string; since: number }
  | { kind: 'resolve-error' };

export const NO_STATE: QueryRuleState = { series: new Map(), lastEvaluatedAt: null, lastError: null, errorFiring: false };

/**
 * One evaluation of a PromQL rule: a pure function of (rule, previous state, what the query
 * returned, now), with Prometheus `for` semantics per series. A failed query decides nothing
 * about the series: they keep their states (a Prometheus that is down says nothing about error
 * rates), and only once failures have lasted errorAfterMs does the rule raise its own alert.
 */
export function evaluateQueryRule(rule: QueryRuleSpec, prev: QueryRuleState, outcome: QueryOutcome, now: number): { next: QueryRuleState; actions: QueryRuleAction[] } {
  const samples = outcome.ok ? activeSamples(rule, outcome) : outcome.error.message;
  if (typeof samples === 'string') {
    const since = prev.lastError?.since ?? now;
    const raise = !prev.errorFiring && now - since >= rule.errorAfterMs;
    return {
      next: { ...prev, lastEvaluatedAt: now, lastError: { message: samples, since }, errorFiring: prev.errorFiring || raise },
      actions: raise ? [{ kind: 'fire-error', message: samples, since }] : [],
    };
  }

  const actions: QueryRuleAction[] = prev.errorFiring ? [{ kind: 'resolve-error' }] : [];
  const series = new Map<string, SeriesState>();
  for (const sample of samples) {
    const key = seriesKey(rule.id, sample.labels);
    const was = prev.series.get(key);
    const activeSince = was?.activeSince ?? now;
    const firing = now - activeSince >= rule.forMs;
    const state: SeriesState = { key, labels: sample.labels, state: firing ? 'firing' : 'pending', activeSince, firedAt: firing ? (was?.firedAt ?? now) : null, value: sample.value };
    series.set(key, state);
    if (firing && was?.state !== 'firing') actions.push({ kind: 'fire', series: state });
  }
  for (const was of prev.series.values()) {
    if (was.state === 'firing' && !series.has(was.key)) actions.push({ kind: 'resolve', series: was });
  }
  return { next: { series, lastEvaluatedAt: now, lastError: null, errorFiring: false }, actions };
}

/** The samples meeting the condition, or why the result cannot be judged (a rule error). */
function activeSamples(rule: QueryRuleSpec, outcome: Extract<QueryOutcome, { ok: true }>): { labels: Record<string, string>; value: number }[] | string {
  const { result } = outcome;
  let samples: { labels: Record<string, string>; value: number }[];
  if (result.type === 'vector') samples = result.samples.map((s) => ({ labels: seriesLabels(s.labels), value: s.value }));
  else if (result.type === 'scalar') samples = [{ labels: {}, value: result.value }];
  else if (result.type === 'matrix') return 'expected the query to return an instant vector or a scalar, found a range vector (matrix); drop the [range] selector or wrap it in a function like rate()';
  else return `expected the query to return an instant vector or a scalar, found the string ${JSON.stringify(result.value)}`;

  const seen = new Set<string>();
  for (const sample of samples) {
    const key = seriesKey(rule.id, sample.labels);
    // As Prometheus: two series that differ only in their metric name would be one alert.
    if (seen.has(key)) return `the query returned two series with the labels ${key.slice(rule.id.length)} once the metric name is dropped; aggregate them or keep a label that tells them apart`;
    seen.add(key);
  }
  return samples.filter((s) => compare(s.value, rule.op, rule.threshold));
}

/** NaN meets no condition, as in PromQL. */
export function compare(value: number, op: QueryOperator, threshold: number): boolean {
  switch (op) {
    case '>': return value > threshold;
    case '>=': return value >= threshold;
    case '<': return value < threshold;
    case '<=': return value <= threshold;
    case '==': return value === threshold;
    case '!=': return !Number.isNaN(value) && value !== threshold;
  }
}

/** "0.07 > 0.05": the value as Prometheus writes it, then the condition. */
export function describeValue(rule: Pick<QueryRuleSpec, 'op' | 'threshold'>, value: number): string {
  return `${formatSampleValue(value)} ${rule.op} ${formatSampleValue(rule.threshold)}`;
}
