import { describe, expect, it } from 'vitest';
import { parseCondition } from './condition-parser.ts';
import { evaluateCondition } from './condition-evaluator.ts';
import type { Condition } from './condition-model.ts';

function parsed(text: string): Condition {
  const result = parseCondition(text);
  if (!result.ok) throw new Error(`${text}: ${result.message} at ${result.column}`);
  return result.condition;
}

const DAY = 86_400_000;
const body = JSON.stringify({
  status: 'DOWN',
  count: '7',
  items: [{ id: 1 }, { id: 2 }, { id: 3 }],
  nested: { ok: true, none: null },
  message: 'x'.repeat(150),
});

describe('evaluateCondition shows the resolved value the way Gatus does', () => {
  const cases: [condition: string, values: Record<string, unknown>, text: string, ok: boolean][] = [
    ['[STATUS] == 200', { STATUS: 503 }, '[STATUS] (503) == 200', false],
    ['[STATUS] == 200', { STATUS: 200 }, '[STATUS] (200) == 200', true],
    ['[STATUS] != 200', { STATUS: 503 }, '[STATUS] (503) != 200', true],
    ['[STATUS] < 400', { STATUS: 399 }, '[STATUS] (399) < 400', true],
    ['[STATUS] <= 400', { STATUS: 400 }, '[STATUS] (400) <= 400', true],
    ['[STATUS] > 400', { STATUS: 400 }, '[STATUS] (400) > 400', false],
    ['[STATUS] >= 400', { STATUS: 400 }, '[STATUS] (400) >= 400', true],
    ['[STATUS] == 200', {}, '[STATUS] (missing) == 200', false],
    ['[STATUS] != 200', {}, '[STATUS] (missing) != 200', false],
    ['[RESPONSE_TIME] < 500', { RESPONSE_TIME: 12 }, '[RESPONSE_TIME] (12) < 500', true],
    ['[RESPONSE_TIME] < 500ms', { RESPONSE_TIME: 712 }, '[RESPONSE_TIME] (712ms) < 500ms', false],
    ['[CERTIFICATE_EXPIRATION] > 14d', { CERTIFICATE_EXPIRATION: 41 * DAY }, '[CERTIFICATE_EXPIRATION] (41d) > 14d', true],
    ['[CERTIFICATE_EXPIRATION] > 14d', { CERTIFICATE_EXPIRATION: 3 * DAY + 7_200_000 }, '[CERTIFICATE_EXPIRATION] (3d2h) > 14d', false],
    ['[CERTIFICATE_EXPIRATION] > 0s', { CERTIFICATE_EXPIRATION: -2 * DAY }, '[CERTIFICATE_EXPIRATION] (-2d) > 0s', false],
    ['[BODY].status == UP', { BODY: body }, '[BODY].status (DOWN) == UP', false],
    ['[BODY].status == "DOWN"', { BODY: body }, '[BODY].status (DOWN) == "DOWN"', true],
    ['[BODY].count > 5', { BODY: body }, '[BODY].count (7) > 5', true],
    ['[BODY].count == 7', { BODY: body }, '[BODY].count (7) == 7', true],
    ['[BODY].items[1].id == 2', { BODY: body }, '[BODY].items[1].id (2) == 2', true],
    ['[BODY].items[3].id == 2', { BODY: body }, '[BODY].items[3].id (missing) == 2', false],
    ['[BODY].items.id == 2', { BODY: body }, '[BODY].items.id (missing) == 2', false],
    ['[BODY].nested.ok == true', { BODY: body }, '[BODY].nested.ok (true) == true', true],
    ['[BODY].nested.none == null', { BODY: body }, '[BODY].nested.none (null) == null', true],
    ['[BODY].nested == x', { BODY: body }, '[BODY].nested ({"ok":true,"none":null}) == x', false],
    ['[BODY].message == x', { BODY: body }, `[BODY].message (${'x'.repeat(100)}…) == x`, false],
    ['[BODY].status == UP', { BODY: 'not json' }, '[BODY].status (missing) == UP', false],
    ['[BODY] == pat(*healthy*)', { BODY: 'all\nhealthy\n' }, '[BODY] (all\nhealthy\n) == pat(*healthy*)', true],
    ['[BODY] != pat(*error*)', { BODY: 'an error here' }, '[BODY] (an error here) != pat(*error*)', false],
    ['[BODY] == ""', { BODY: '' }, '[BODY] () == ""', true],
    ['len([BODY].items) == 3', { BODY: body }, 'len([BODY].items) (3) == 3', true],
    ['len([BODY].nested) < 2', { BODY: body }, 'len([BODY].nested) (2) < 2', false],
    ['len([BODY]) > 0', { BODY: 'abc' }, 'len([BODY]) (3) > 0', true],
    ['len([BODY].nope) == 0', { BODY: body }, 'len([BODY].nope) (missing) == 0', false],
    ['has([BODY].nested.none) == true', { BODY: body }, 'has([BODY].nested.none) (true) == true', true],
    ['has([BODY].errors) == false', { BODY: body }, 'has([BODY].errors) (false) == false', true],
    ['has([BODY].errors) == true', {}, 'has([BODY].errors) (false) == true', false],
    ['[CONNECTED] == true', { CONNECTED: false }, '[CONNECTED] (false) == true', false],
    ['[CONNECTED] == true', { CONNECTED: true }, '[CONNECTED] (true) == true', true],
    ['[DNS_RCODE] == NOERROR', { DNS_RCODE: 'NXDOMAIN' }, '[DNS_RCODE] (NXDOMAIN) == NOERROR', false],
    ['[IP] == 10.0.0.1', { IP: '10.0.0.1' }, '[IP] (10.0.0.1) == 10.0.0.1', true],
    ['[EXIT_CODE] == 0', { EXIT_CODE: 0 }, '[EXIT_CODE] (0) == 0', true],
    ['[OUTPUT] == PONG', { OUTPUT: 'PONG' }, '[OUTPUT] (PONG) == PONG', true],
    ['[OUTPUT].v >= 2', { OUTPUT: '{"v":3}' }, '[OUTPUT].v (3) >= 2', true],
    ['[BODY].a == [BODY].b', { BODY: '{"a":"1","b":1.0}' }, '[BODY].a (1) == [BODY].b (1)', true],
    ['[BODY].a < [BODY].b', { BODY: '{"a":"x","b":"y"}' }, '[BODY].a (x) < [BODY].b (y)', false],
    ['[BODY].a == [BODY].c', { BODY: '{"a":1}' }, '[BODY].a (1) == [BODY].c (missing)', false],
    ['[STATUS] > 100', { STATUS: 'abc' }, '[STATUS] (abc) > 100', false],
    ['[STATUS] == 0', { STATUS: '' }, '[STATUS] () == 0', false],
  ];

  it.each(cases)('%s with %j', (condition, values, text, ok) => {
    expect(evaluateCondition(parsed(condition), values)).toEqual({ text, ok });
  });

  it('parses a JSON body once per probe outcome, not once per condition', () => {
    const conditions = ['[BODY].status == DOWN', '[BODY].count == 7', 'len([BODY].items) == 3'].map(parsed);
    const values = { BODY: body };
    const originalParse = JSON.parse;
    let parses = 0;
    JSON.parse = (...args: Parameters<typeof JSON.parse>) => {
      parses++;
      return originalParse(...args);
    };
    try {
      expect(conditions.map((c) => evaluateCondition(c, values).ok)).toEqual([true, true, true]);
      expect(parses).toBe(1);
      evaluateCondition(conditions[0]!, { BODY: body });
      expect(parses).toBe(2);
    } finally {
      JSON.parse = originalParse;
    }
  });
});
