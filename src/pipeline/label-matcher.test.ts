import { describe, expect, it } from 'vitest';
import { matchesAll, type Labels, type Matcher } from './label-matcher.ts';
import { parseMatcher } from './matcher-parse.ts';

function m(text: string): Matcher {
  const parsed = parseMatcher(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message} at ${parsed.column}`);
  return parsed.matcher;
}

describe('matchesAll', () => {
  const labels: Labels = { service: 'api', severity: 'P1', alertname: 'api-down', env: '' };
  const cases: [matchers: string[], expected: boolean][] = [
    [[], true],
    [['service=api'], true],
    [['service=ap'], false],
    [['service!=api'], false],
    [['service!=db'], true],
    [['service=api', 'severity=P2'], false],
    [['service=api', 'severity=P1'], true],
    // Anchored: the whole value must match.
    [['service=~ap'], false],
    [['service=~ap.*'], true],
    [['service=~.*pi'], true],
    [['alertname=~down'], false],
    [['alertname=~api|down'], false],
    [['alertname=~api-down|db'], true],
    [['severity=~P[12]'], true],
    [['severity!~P[12]'], false],
    [['severity!~P[34]'], true],
    // Absent labels have the value "", as do empty ones.
    [['team='], true],
    [['team=""'], true],
    [['team!=""'], false],
    [['team=~'], true],
    [['team=~.+'], false],
    [['team!~.+'], true],
    [['team=~a|'], true],
    [['team=ops'], false],
    [['team!=ops'], true],
    [['env='], true],
    [['env=~.*'], true],
  ];
  it.each(cases)('%j -> %s', (texts, expected) => {
    expect(matchesAll(texts.map(m), labels)).toBe(expected);
  });
});
