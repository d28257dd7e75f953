import { describe, expect, it } from 'vitest';
import { parseCondition } from './condition-parser.ts';

const KNOWN = ['STATUS', 'RESPONSE_TIME', 'BODY'];

describe('parseCondition rejects with a column and says what it expected', () => {
  const cases: [text: string, column: number, message: string][] = [
    ['', 0, 'expected a condition like [STATUS] == 200, found nothing'],
    ['   ', 3, 'expected a condition like [STATUS] == 200, found nothing'],
    ['[STAUS] == 200', 0, 'unknown placeholder [STAUS]; expected one of [STATUS], [RESPONSE_TIME], [BODY]'],
    ['  [status] == 200', 2, 'unknown placeholder [status]; expected one of [STATUS], [RESPONSE_TIME], [BODY]'],
    ['[STATUS == 200', 7, 'expected ] to close [STATUS, found " "'],
    ['[STATUS', 7, 'expected ] to close [STATUS, found end of condition'],
    ['STATUS == 200', 0, 'expected a placeholder like [STATUS] or a function like len(...) or has(...), found "STATUS"'],
    ['200 == [STATUS]', 0, 'expected a placeholder like [STATUS] or a function like len(...) or has(...), found "200"'],
    ['[STATUS] = 200', 9, 'expected an operator (==, !=, <, <=, >, >=) after [STATUS], found "="'],
    ['[STATUS] => 200', 9, 'expected an operator (==, !=, <, <=, >, >=) after [STATUS], found "=>"'],
    ['[STATUS] is 200', 9, 'expected an operator (==, !=, <, <=, >, >=) after [STATUS], found "is"'],
    ['[STATUS]', 8, 'expected an operator (==, !=, <, <=, >, >=) after [STATUS], found end of condition'],
    ['[STATUS] ==', 11, 'expected a value after ==, found end of condition'],
    ['[STATUS] ==   ', 14, 'expected a value after ==, found end of condition'],
    ['[STATUS] == 200 300', 16, 'expected end of condition after 200, found "300" (quote text that contains spaces)'],
    ['[BODY].msg == all good', 18, 'expected end of condition after all, found "good" (quote text that contains spaces)'],
    ['[BODY].msg == "all" good', 20, 'expected end of condition after "all", found "good"'],
    ['[BODY].msg == "all good', 23, 'expected " to close the quoted text, found end of condition'],
    ['[BODY]. == 1', 7, 'expected a field name after ".", found " "'],
    ['[BODY].items[x] == 1', 13, 'expected an array index like [0], found "x]"'],
    ['[BODY].items[1 == 1', 14, 'expected ] to close [1, found " "'],
    ['size([BODY]) == 1', 0, 'unknown function size(); expected len(...) or has(...)'],
    ['len(STATUS) == 1', 4, 'expected a placeholder like [BODY].items inside len(...), found "STATUS)"'],
    ['len([BODY].items == 1', 17, 'expected ) to close len(, found "=="'],
    ['[BODY] == upper(x)', 10, 'unknown function upper(); expected pat(...), len(...) or has(...)'],
    ['[BODY] == pat(*ok*', 18, 'expected ) to close pat(, found end of condition'],
    ['[BODY] < pat(*ok*)', 9, 'pat(...) only works with == or !=, found <'],
    ['[BODY].status > UP', 16, 'expected a number or duration after >, found "UP"'],
    ['[RESPONSE_TIME] <= "500"', 19, 'expected a number or duration after <=, found "\\"500\\""'],
    ['[STATUS] >= true', 12, 'expected a number or duration after >=, found "true"'],
    ['has([BODY].x) == 1', 17, 'has(...) compares with true or false, found "1"'],
  ];

  it.each(cases)('%j -> column %i', (text, column, message) => {
    expect(parseCondition(text, KNOWN)).toEqual({ ok: false, column, message });
  });
});

describe('parseCondition accepts and classifies', () => {
  const cases: [text: string, left: object, operator: string, right: object][] = [
    ['[STATUS] == 200', { placeholder: 'STATUS', path: [], fn: null, source: '[STATUS]' }, '==', { kind: 'literal', type: 'number', value: 200 }],
    ['[STATUS]==200', { placeholder: 'STATUS', source: '[STATUS]' }, '==', { type: 'number', value: 200 }],
    ['  [RESPONSE_TIME] <   500ms ', { placeholder: 'RESPONSE_TIME' }, '<', { type: 'duration', value: 500, source: '500ms' }],
    ['[CERTIFICATE_EXPIRATION] > 14d', { placeholder: 'CERTIFICATE_EXPIRATION' }, '>', { type: 'duration', value: 14 * 86_400_000 }],
    ['[BODY].status == UP', { placeholder: 'BODY', path: ['status'], source: '[BODY].status' }, '==', { type: 'string', value: 'UP' }],
    ['[BODY].data[0].id != -1.5', { path: ['data', 0, 'id'] }, '!=', { type: 'number', value: -1.5 }],
    ['[BODY][2] == x', { placeholder: 'BODY', path: [2] }, '==', { type: 'string', value: 'x' }],
    ['[BODY].a-b.c_d == x', { path: ['a-b', 'c_d'] }, '==', { type: 'string' }],
    ['[CONNECTED] == false', { placeholder: 'CONNECTED' }, '==', { type: 'boolean', value: false }],
    ['[BODY].msg == "all \\"good\\""', { path: ['msg'] }, '==', { type: 'string', value: 'all "good"', source: '"all \\"good\\""' }],
    ["[BODY].msg == 'a b'", { path: ['msg'] }, '==', { type: 'string', value: 'a b', source: "'a b'" }],
    ['len([BODY].items) >= 3', { fn: 'len', path: ['items'], source: 'len([BODY].items)' }, '>=', { type: 'number', value: 3 }],
    ['has( [BODY].errors ) == false', { fn: 'has', path: ['errors'], source: 'has( [BODY].errors )' }, '==', { type: 'boolean', value: false }],
    ['[BODY] != pat(*fail (code ?)*)', { placeholder: 'BODY' }, '!=', { kind: 'pattern', source: 'pat(*fail (code ?)*)' }],
    ['[BODY].a == [BODY].b', { path: ['a'] }, '==', { kind: 'value', path: ['b'], source: '[BODY].b' }],
  ];

  it.each(cases)('%j', (text, left, operator, right) => {
    const parsed = parseCondition(text, KNOWN.concat('CERTIFICATE_EXPIRATION', 'CONNECTED'));
    expect(parsed).toMatchObject({ ok: true, condition: { text, left, operator, right } });
  });

  it('accepts every standard placeholder when the caller names none', () => {
    expect(parseCondition('[DNS_RCODE] == NOERROR').ok).toBe(true);
    expect(parseCondition('[EXIT_CODE] == 0').ok).toBe(true);
    expect(parseCondition('[ANSWER] == 0')).toMatchObject({ ok: false, column: 0 });
  });

  it('compiles pat() globs so * spans lines and ? is one character', () => {
    const parsed = parseCondition('[BODY] == pat(a?c*z)', KNOWN);
    if (!parsed.ok || parsed.condition.right.kind !== 'pattern') throw new Error('expected a pattern');
    const { regex } = parsed.condition.right;
    expect(['abcz', 'abc\nxyz', 'aXc.z'].map((s) => regex.test(s))).toEqual([true, true, true]);
    expect(['acz', 'abcza', 'xabcz'].map((s) => regex.test(s))).toEqual([false, false, false]);
  });
});
