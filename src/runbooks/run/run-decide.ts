import type { RunbookStepDef } from '../../config/index.ts';
import type { RunbookStepStatus } from '../../store/index.ts';

export interface StepState {
  status: RunbookStepStatus;
  /** A person confirmed this mutating step (or the run was started with `yes` by an admin). */
  confirmed: boolean;
}

export interface RunMode {
  dryRun: boolean;
  /** Every mutating step confirmed up front (`yes`, admins only). */
  confirmedUpFront: boolean;
  /** diagnostic: only steps marked diagnostic run (an incident opened); the rest are skipped. */
  only: 'all' | 'diagnostic';
}

export type NextMove =
  | { kind: 'run'; index: number }
  /** Dry run: show the command with its parameters, run nothing. */
  | { kind: 'preview'; index: number }
  | { kind: 'skip'; index: number; reason: string }
  | { kind: 'wait'; index: number; for: 'confirm' | 'done' }
  /** A step is running; nothing to decide until it ends. */
  | { kind: 'busy'; index: number }
  | { kind: 'finish'; status: 'succeeded' | 'failed'; failedStep: number | null };

/**
 * What a run does next, from its steps and their states: steps go in order; a failure ends the run
 * unless the step says continue_on_error; a mutating step waits for a confirmation and a manual item
 * for a person to tick it. Pure, so the whole policy is tested without a process.
 */
export function nextMove(steps: readonly RunbookStepDef[], states: readonly StepState[], mode: RunMode): NextMove {
  for (const step of steps) {
    const state = states[step.index];
    if (!state) throw new Error(`run: no state for step ${step.index}`);
    switch (state.status) {
      case 'succeeded':
      case 'skipped':
        continue;
      case 'failed':
      case 'cancelled':
        if (state.status === 'failed' && step.continueOnError) continue;
        return { kind: 'finish', status: 'failed', failedStep: step.index };
      case 'running':
        return { kind: 'busy', index: step.index };
      case 'pending':
      case 'waiting':
        return moveFor(step, state, mode);
    }
  }
  return { kind: 'finish', status: 'succeeded', failedStep: null };
}

function moveFor(step: RunbookStepDef, state: StepState, mode: RunMode): NextMove {
  if (mode.only === 'diagnostic' && !(step.diagnostic && step.kind === 'shell' && step.risk === 'readonly')) {
    return { kind: 'skip', index: step.index, reason: 'not a read-only diagnostic step' };
  }
  if (step.kind === 'shown') return { kind: 'skip', index: step.index, reason: `a ${step.lang || 'text'} block is shown, not run` };
  if (mode.dryRun) return { kind: 'preview', index: step.index };
  if (step.kind === 'manual') return { kind: 'wait', index: step.index, for: 'done' };
  if (step.risk === 'mutating' && !state.confirmed && !mode.confirmedUpFront) return { kind: 'wait', index: step.index, for: 'confirm' };
  return { kind: 'run', index: step.index };
}
