import { describe, expect, it } from 'vitest';
import { FakeClock } from '../time/index.ts';
import type { QueryOutcome } from './prom-result.ts';
import { evaluateQueryRule, NO_STATE } from './query-rule-evaluate.ts';
import type { QueryRuleSpec, QueryRuleState } from './query-rule-evaluate.ts';

const RULE: QueryRuleSpec = { id: 'api/high', op: '>', threshold: 5, forMs: 4_000, errorAfterMs: 60_000 };

const vector = (values: Record<string, number>): QueryOutcome => ({
  ok: true, warnings: [],
  result: { type: 'vector', samples: Object.entries(values).map(([host, value]) => ({ labels: { __name__: 'harness_value', host }, value, at: 0 })) },
});
const failed = (message = 'cannot reach Prometheus at http://127.0.0.1:9: connection refused'): QueryOutcome => ({ ok: false, error: { kind: 'unreachable', message, status: null } });

/** Runs the steps every 2 s of a FakeClock; each row: what the query said, then the actions taken and the series states after. */
function run(steps: QueryOutcome[], rule = RULE, start: QueryRuleState = NO_STATE) {
  const clock = new FakeClock('2026-03-01T00:00:00Z');
  const t0 = clock.now();
  let state = start;
  const rows: { at: number; actions: string[]; states: string[]; error: string | null }[] = [];
  for (const outcome of steps) {
    const { next, actions } = evaluateQueryRule(rule, state, outcome, clock.now());
    state = next;
    rows.push({
      at: (clock.now() - t0) / 1000,
      actions: actions.map((a) => (a.kind === 'fire' || a.kind === 'resolve' ? `${a.kind} ${a.series.key}` : a.kind)),
      states: [...state.series.values()].map((s) => `${s.key} ${s.state}`),
      error: state.lastError?.message ?? null,
    });
    clock.advance(2_000);
  }
  return { rows, state };
}

describe('evaluateQueryRule', () => {
  it('a series above the threshold is pending, then fires once it has been for `for`, then resolves when it drops', () => {
    const { rows } = run([vector({ a: 1 }), vector({ a: 7 }), vector({ a: 8 }), vector({ a: 9 }), vector({ a: 9 }), vector({ a: 2 }), vector({ a: 2 })]);
    expect(rows.map((r) => [r.at, r.actions, r.states])).toEqual([
      [0, [], []],
      [2, [], ['api/high{host="a"} pending']],
      [4, [], ['api/high{host="a"} pending']],
      [6, ['fire api/high{host="a"}'], ['api/high{host="a"} firing']],
      [8, [], ['api/high{host="a"} firing']],
      [10, ['resolve api/high{host="a"}'], []],
      [12, [], []],
    ]);
  });

  it('each series is its own alert: they appear and disappear independently, and a vanished series resolves', () => {
    const { rows } = run([vector({ a: 9 }), vector({ a: 9, b: 9 }), vector({ a: 9, b: 9 }), vector({ b: 9 }), vector({ b: 1 }), vector({})]);
    expect(rows.map((r) => r.actions)).toEqual([
      [], [], ['fire api/high{host="a"}'], ['fire api/high{host="b"}', 'resolve api/high{host="a"}'], ['resolve api/high{host="b"}'], [],
    ]);
  });

  it('a pending series that drops back never fires', () => {
    const { rows } = run([vector({ a: 9 }), vector({ a: 9 }), vector({ a: 3 }), vector({ a: 9 }), vector({ a: 9 })]);
    expect(rows.flatMap((r) => r.actions)).toEqual([]);
    expect(rows.at(-1)!.states).toEqual(['api/high{host="a"} pending']);
  });

  it('a failed query keeps every state as it was: nothing fires, nothing resolves', () => {
    const { rows } = run([vector({ a: 9 }), vector({ a: 9 }), vector({ a: 9 }), failed(), failed(), failed(), vector({ a: 9 }), vector({})]);
    expect(rows.map((r) => [r.actions, r.states, r.error])).toEqual([
      [[], ['api/high{host="a"} pending'], null],
      [[], ['api/high{host="a"} pending'], null],
      [['fire api/high{host="a"}'], ['api/high{host="a"} firing'], null],
      [[], ['api/high{host="a"} firing'], 'cannot reach Prometheus at http://127.0.0.1:9: connection refused'],
      [[], ['api/high{host="a"} firing'], 'cannot reach Prometheus at http://127.0.0.1:9: connection refused'],
      [[], ['api/high{host="a"} firing'], 'cannot reach Prometheus at http://127.0.0.1:9: connection refused'],
      [[], ['api/high{host="a"} firing'], null],
      [['resolve api/high{host="a"}'], [], null],
    ]);
  });

  it('a pending series keeps counting its `for` across a failed query', () => {
    const { rows } = run([vector({ a: 9 }), failed(), vector({ a: 9 })]);
    expect(rows.map((r) => r.actions)).toEqual([[], [], ['fire api/high{host="a"}']]);
  });

  it('errors lasting error_after raise the rule error once, and the first success resolves it', () => {
    const rule = { ...RULE, errorAfterMs: 5_000 };
    const { rows, state } = run([failed(), failed(), failed(), failed(), failed(), vector({}), failed()], rule);
    expect(rows.map((r) => [r.at, r.actions])).toEqual([[0, []], [2, []], [4, []], [6, ['fire-error']], [8, []], [10, ['resolve-error']], [12, []]]);
    expect(state).toMatchObject({ errorFiring: false, lastError: { since: Date.parse('2026-03-01T00:00:12Z') } });
  });

  it('the rule error names the error that has lasted, from its first occurrence', () => {
    const clock = new FakeClock();
    const first = evaluateQueryRule({ ...RULE, errorAfterMs: 0 }, NO_STATE, failed('PromQL parse error at column 5: unexpected end of input'), clock.now());
    expect(first.actions).toEqual([{ kind: 'fire-error', message: 'PromQL parse error at column 5: unexpected end of input', since: clock.now() }]);
  });

  it('a scalar is one series without labels; NaN meets no condition', () => {
    const scalar = (value: number): QueryOutcome => ({ ok: true, warnings: [], result: { type: 'scalar', value, at: 0 } });
    const { rows } = run([scalar(9), scalar(9), scalar(9), scalar(NaN)], { ...RULE, forMs: 0 });
    expect(rows.map((r) => r.actions)).toEqual([['fire api/high{}'], [], [], ['resolve api/high{}']]);
  });

  it.each([
    ['a range vector', { type: 'matrix', series: [] }, 'found a range vector (matrix)'],
    ['a string', { type: 'string', value: 'hi', at: 0 }, 'found the string "hi"'],
  ] as const)('%s is a rule error', (_name, result, message) => {
    const { state } = run([{ ok: true, warnings: [], result: result as never }]);
    expect(state.lastError?.message).toContain(message);
  });

  it('two series that differ only in their metric name are a rule error, as in Prometheus', () => {
    const outcome: QueryOutcome = { ok: true, warnings: [], result: { type: 'vector', samples: [
      { labels: { __name__: 'a', job: 'x' }, value: 9, at: 0 }, { labels: { __name__: 'b', job: 'x' }, value: 9, at: 0 },
    ] } };
    expect(run([outcome]).state.lastError?.message).toBe('the query returned two series with the labels {job="x"} once the metric name is dropped; aggregate them or keep a label that tells them apart');
  });
});
