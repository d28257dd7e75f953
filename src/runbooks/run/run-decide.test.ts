import { describe, expect, it } from 'vitest';
import type { RunbookStepDef } from '../../config/index.ts';
import type { RunbookStepStatus } from '../../store/index.ts';
import { nextMove, type RunMode } from './run-decide.ts';

const step = (index: number, over: Partial<RunbookStepDef> = {}): RunbookStepDef => ({
  index, section: -1, kind: 'shell', lang: 'bash', script: 'true', text: 'true', line: 1, risk: 'readonly', riskReason: null,
  continueOnError: false, diagnostic: false, timeoutMs: null, interpreter: null, ...over,
});
const states = (...list: (RunbookStepStatus | [RunbookStepStatus, boolean])[]) =>
  list.map((s) => (Array.isArray(s) ? { status: s[0], confirmed: s[1] } : { status: s, confirmed: false }));
const normal: RunMode = { dryRun: false, confirmedUpFront: false, only: 'all' };

describe('what a run does next', () => {
  it.each([
    ['runs the first pending step', [step(0), step(1)], states('pending', 'pending'), normal, { kind: 'run', index: 0 }],
    ['goes on after a success', [step(0), step(1)], states('succeeded', 'pending'), normal, { kind: 'run', index: 1 }],
    ['stops at a failure', [step(0), step(1), step(2)], states('succeeded', 'failed', 'pending'), normal, { kind: 'finish', status: 'failed', failedStep: 1 }],
    ['goes past a failure that says continue_on_error', [step(0, { continueOnError: true }), step(1)], states('failed', 'pending'), normal, { kind: 'run', index: 1 }],
    ['succeeds when a continue_on_error step failed', [step(0, { continueOnError: true })], states('failed'), normal, { kind: 'finish', status: 'succeeded', failedStep: null }],
    ['waits for a running step', [step(0), step(1)], states('running', 'pending'), normal, { kind: 'busy', index: 0 }],
    ['holds a mutating step for confirmation', [step(0, { risk: 'mutating' })], states('pending'), normal, { kind: 'wait', index: 0, for: 'confirm' }],
    ['runs a confirmed mutating step', [step(0, { risk: 'mutating' })], states(['waiting', true]), normal, { kind: 'run', index: 0 }],
    ['runs a mutating step confirmed up front', [step(0, { risk: 'mutating' })], states('pending'), { ...normal, confirmedUpFront: true }, { kind: 'run', index: 0 }],
    ['waits for a manual item', [step(0, { kind: 'manual' })], states('pending'), normal, { kind: 'wait', index: 0, for: 'done' }],
    ['skips a shown block', [step(0, { kind: 'shown', lang: 'sql' })], states('pending'), normal, { kind: 'skip', index: 0, reason: 'a sql block is shown, not run' }],
    ['previews in a dry run, mutating or not', [step(0, { risk: 'mutating' })], states('pending'), { ...normal, dryRun: true }, { kind: 'preview', index: 0 }],
    ['runs a read-only diagnostic step in a diagnostic run', [step(0, { diagnostic: true })], states('pending'), { ...normal, only: 'diagnostic' }, { kind: 'run', index: 0 }],
    ['skips the rest in a diagnostic run', [step(0)], states('pending'), { ...normal, only: 'diagnostic' }, { kind: 'skip', index: 0, reason: 'not a read-only diagnostic step' }],
    ['never runs a mutating step by itself, even marked diagnostic', [step(0, { diagnostic: true, risk: 'mutating' })], states('pending'), { ...normal, only: 'diagnostic' }, { kind: 'skip', index: 0, reason: 'not a read-only diagnostic step' }],
    ['finishes failed at a cancelled step', [step(0)], states('cancelled'), normal, { kind: 'finish', status: 'failed', failedStep: 0 }],
    ['succeeds with nothing left', [step(0), step(1)], states('succeeded', 'skipped'), normal, { kind: 'finish', status: 'succeeded', failedStep: null }],
  ] as const)('%s', (_name, steps, current, mode, expected) => {
    expect(nextMove(steps, current, mode)).toEqual(expected);
  });
});
