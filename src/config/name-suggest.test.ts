import { describe, expect, it } from 'vitest';
import { closestName } from './name-suggest.ts';

describe('closestName', () => {
  it.each([
    ['evry', ['every', 'timeout', 'expect'], 'every'],
    ['timout', ['every', 'timeout', 'expect'], 'timeout'],
    ['helth', ['health', 'db'], 'health'],
    ['servces', ['services', 'severities'], 'services'],
    ['Europe/Berln', ['Europe/Berlin', 'Europe/Bern'], 'Europe/Berlin'],
    ['EVERY', ['every'], 'every'],
    ['tiemout', ['timeout'], 'timeout'],
    // Not close enough to be a typo: saying nothing beats a wrong guess.
    ['interval', ['every', 'timeout', 'expect'], null],
    ['P9', ['P1', 'P2', 'P3', 'P4'], null],
    ['url', ['uri'], null],
    ['anything', [], null],
  ])('%s among %j -> %s', (input, candidates, expected) => {
    expect(closestName(input, candidates)).toBe(expected);
  });
});
