import { describe, expect, it } from 'vitest';
import type { EscalationPolicyDef } from '../config/config-types.ts';
import { cycleMs, dueSteps, nextStep, stepAt, stepCount } from './escalation-plan.ts';

const M = 60_000;
const T0 = Date.parse('2026-03-01T03:00:00Z');

function policy(afterMinutes: number[], repeat: number, repeatAfterMinutes: number): EscalationPolicyDef {
  return {
    id: 'p',
    levels: afterMinutes.map((m) => ({ afterMs: m * M, targets: [{ kind: 'user', id: 'ana' }] })),
    repeat,
    repeatAfterMs: repeatAfterMinutes * M,
  };
}

const threeLevels = policy([0, 15, 30], 2, 10);
const single = policy([0], 3, 20);
const once = policy([0, 5], 0, 10);

describe('stepCount and cycle', () => {
  it.each([
    ['three levels, repeat 2', threeLevels, 9, 40],
    ['a single level, repeat 3', single, 4, 20],
    ['repeat 0', once, 2, 15],
    ['no levels', policy([], 2, 10), 0, 10],
  ] as const)('%s', (_name, p, count, cycleMinutes) => {
    expect(stepCount(p)).toBe(count);
    expect(cycleMs(p)).toBe(cycleMinutes * M);
  });
});

describe('stepAt', () => {
  // [policy, index, minutes after start, round, level]
  it.each([
    [threeLevels, 0, 0, 0, 0],
    [threeLevels, 1, 15, 0, 1],
    [threeLevels, 2, 30, 0, 2],
    [threeLevels, 3, 40, 1, 0],
    [threeLevels, 4, 55, 1, 1],
    [threeLevels, 5, 70, 1, 2],
    [threeLevels, 6, 80, 2, 0],
    [threeLevels, 8, 110, 2, 2],
    [single, 0, 0, 0, 0],
    [single, 1, 20, 1, 0],
    [single, 3, 60, 3, 0],
    [once, 1, 5, 0, 1],
  ] as const)('%#: step %i is at +%im, round %i, level %i', (p, index, minutes, round, level) => {
    expect(stepAt(p, T0, index)).toEqual({ index, at: T0 + minutes * M, round, level });
  });

  it.each([
    [threeLevels, 9],
    [threeLevels, -1],
    [single, 4],
    [once, 2],
    [once, 0.5],
  ] as const)('%#: index %d is past the plan', (p, index) => {
    expect(stepAt(p, T0, index)).toBeNull();
  });
});

describe('nextStep', () => {
  it.each([
    [threeLevels, -1, 0],
    [threeLevels, 2, 3],
    [threeLevels, 7, 8],
    [threeLevels, 8, null],
    [once, 1, null],
    [single, 2, 3],
  ] as const)('%#: after step %i comes %s', (p, done, expected) => {
    expect(nextStep(p, T0, done)?.index ?? null).toBe(expected);
  });
});

describe('dueSteps', () => {
  // [policy, from index, now (minutes after start), indices performed, next index]
  it.each([
    ['nothing due yet', threeLevels, 1, 14, [], 1],
    ['exactly on time', threeLevels, 1, 15, [1], 2],
    ['one step late', threeLevels, 1, 20, [1], 2],
    ['two levels missed', threeLevels, 1, 31, [1, 2], 3],
    // Down from +10m to +60m: level 1 of round 0, level 2 of round 0 and level 0 and 1 of round 1 fell due.
    // Level 0 is paged for round 1 (its latest), levels 1 and 2 once each at their latest round.
    ['down for 50 minutes', threeLevels, 1, 60, [2, 3, 4], 5],
    ['down past the end', threeLevels, 0, 500, [6, 7, 8], null],
    ['single level, three rounds missed', single, 1, 61, [3], null],
    ['repeat 0, finished', once, 2, 100, [], null],
  ] as const)('%s', (_name, p, from, nowMinutes, performed, next) => {
    const out = dueSteps(p, T0, from, T0 + nowMinutes * M);
    expect(out.perform.map((s) => s.index)).toEqual(performed);
    expect(out.next?.index ?? null).toBe(next);
  });
});
