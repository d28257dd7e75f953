import { describe, expect, it } from 'vitest';
import { formatMatcher, type Matcher } from './label-matcher.ts';
import { parseMatcher } from './matcher-parse.ts';

describe('parseMatcher reads the four operators, quoted or not', () => {
  const cases: [text: string, matcher: Matcher][] = [
    ['service=api', { label: 'service', op: '=', value: 'api' }],
    ['service!=api', { label: 'service', op: '!=', value: 'api' }],
    ['severity=~P1|P2', { label: 'severity', op: '=~', value: 'P1|P2' }],
    ['severity!~P[34]', { label: 'severity', op: '!~', value: 'P[34]' }],
    ['  service = api  ', { label: 'service', op: '=', value: 'api' }],
    ['service="api"', { label: 'service', op: '=', value: 'api' }],
    ['service = " api "  ', { label: 'service', op: '=', value: ' api ' }],
    ['comment="say \\"hi\\""', { label: 'comment', op: '=', value: 'say "hi"' }],
    ['path="C:\\\\tmp"', { label: 'path', op: '=', value: 'C:\\tmp' }],
    ['version=~"v1\\.2"', { label: 'version', op: '=~', value: 'v1\\.2' }],
    ['service=', { label: 'service', op: '=', value: '' }],
    ['service=""', { label: 'service', op: '=', value: '' }],
    ['_x9=a b', { label: '_x9', op: '=', value: 'a b' }],
    ['url=http://a/?q=1', { label: 'url', op: '=', value: 'http://a/?q=1' }],
    ['team=~', { label: 'team', op: '=~', value: '' }],
  ];
  it.each(cases)('%j', (text, matcher) => {
    expect(parseMatcher(text)).toEqual({ ok: true, matcher });
  });

  it.each(cases)('formatMatcher of %j reads back the same', (_text, matcher) => {
    expect(parseMatcher(formatMatcher(matcher))).toEqual({ ok: true, matcher });
  });
});

describe('parseMatcher rejects with a column and says what it expected and found', () => {
  const cases: [text: string, column: number, message: string][] = [
    ['', 0, 'expected a matcher like service="api", found nothing'],
    ['   ', 3, 'expected a matcher like service="api", found nothing'],
    ['1service=api', 0, 'expected a label name (a letter or _, then letters, digits or _), found "1service=api"'],
    ['  =api', 2, 'expected a label name (a letter or _, then letters, digits or _), found "=api"'],
    ['"service"=api', 0, 'expected a label name (a letter or _, then letters, digits or _), found "\\"service\\"=api"'],
    ['service', 7, 'expected an operator (=, !=, =~, !~) after service, found end of matcher'],
    ['service api', 8, 'expected an operator (=, !=, =~, !~) after service, found "api"'],
    ['service-name=api', 7, 'expected an operator (=, !=, =~, !~) after service, found "-name=api" (a label name has only letters, digits and _)'],
    ['service~api', 7, 'expected an operator (=, !=, =~, !~) after service, found "~api"'],
    ['service==api', 7, 'expected an operator (=, !=, =~, !~) after service, found "==" (a matcher uses a single =)'],
    ['service="api', 12, 'expected " to close the quoted value, found end of matcher'],
    ['service="api" x', 14, 'expected end of matcher after the quoted value, found "x"'],
    ['service=~(api', 9, 'expected a regular expression after =~, found "(api" (Unterminated group)'],
    ['service!~ "[a-"', 10, 'expected a regular expression after !~, found "[a-" (Unterminated character class)'],
    ['service=~a)|(b', 9, 'expected a regular expression after =~, found "a)|(b" (Unmatched \')\')'],
  ];
  it.each(cases)('%j -> column %i', (text, column, message) => {
    expect(parseMatcher(text)).toEqual({ ok: false, column, message });
  });
});
