import type { EscalationPolicyDef } from '../config/config-types.ts';

/**
 * A policy flattened into a line of steps, so an escalation's whole position is one number
 * (EscalationRecord.nextStep) and the time of any step is arithmetic, not stored state.
 *
 * Step i is level (i mod L) of round floor(i / L), for L levels and rounds 0..repeat.
 * A level's afterMs counts from the start of its round; round r starts r cycles after the
 * policy, where
 *
 *   cycle = lastLevel.afterMs + repeatAfterMs
 *
 * i.e. "repeat after 10m" means 10 minutes after the last level was notified, not after the
 * first. Levels 0m/15m/30m with repeat_after 10m give rounds starting at 0m, 40m, 80m.
 */
export interface PlannedStep {
  index: number;
  /** Epoch ms when the step falls due. */
  at: number;
  round: number;
  level: number;
}

export function stepCount(policy: EscalationPolicyDef): number {
  return policy.levels.length * (policy.repeat + 1);
}

export function cycleMs(policy: EscalationPolicyDef): number {
  const last = policy.levels.at(-1);
  return (last?.afterMs ?? 0) + policy.repeatAfterMs;
}

/** The step at `index`, or null past the end of the plan. */
export function stepAt(policy: EscalationPolicyDef, startedAt: number, index: number): PlannedStep | null {
  const levels = policy.levels.length;
  if (!Number.isInteger(index) || index < 0 || index >= stepCount(policy)) return null;
  const round = Math.floor(index / levels);
  const level = index % levels;
  return { index, at: startedAt + round * cycleMs(policy) + policy.levels[level]!.afterMs, round, level };
}

/** The step after `doneIndex` (-1: nothing done yet), or null when the plan is finished. */
export function nextStep(policy: EscalationPolicyDef, startedAt: number, doneIndex: number): PlannedStep | null {
  return stepAt(policy, startedAt, doneIndex + 1);
}

/**
 * The steps to perform now, from `fromIndex` on, and the step that comes after them.
 *
 * Normally one step is due per tick. After a long pause (the process was down, or an escalation
 * was held), several may have fallen due: performing each would page the same people once per
 * missed round within one second. Instead the latest due step of each level is performed
 * (everyone who should have been paged by now is paged once, at the latest round they missed)
 * and the plan carries on after the last due step.
 */
export function dueSteps(
  policy: EscalationPolicyDef,
  startedAt: number,
  fromIndex: number,
  now: number,
): { perform: PlannedStep[]; next: PlannedStep | null } {
  const latestPerLevel = new Map<number, PlannedStep>();
  let step = stepAt(policy, startedAt, fromIndex);
  while (step && step.at <= now) {
    latestPerLevel.set(step.level, step);
    step = stepAt(policy, startedAt, step.index + 1);
  }
  const perform = [...latestPerLevel.values()].sort((a, b) => a.index - b.index);
  return { perform, next: step };
}
