import { useState, type FormEvent } from 'react';
import type { Mutation } from '../api/use-mutation.ts';
import { RunStatusBadge, formatDuration } from './run-status.tsx';
import type { OutputSegment } from './run-stream.ts';
import type { RunStep, RunbookStepView, StepStatus } from './runbook-types.ts';
import { RiskBadge, StepKind, StepText } from './step-parts.tsx';
import { StepOutput } from './step-output.tsx';

export interface StepRowProps {
  step: RunStep;
  /** The runbook's own step, for its text and risk; missing if the runbook changed since the run. */
  plan: RunbookStepView | undefined;
  status: StepStatus;
  exitCode: number | null;
  segments: OutputSegment[];
  dropped: number;
  now: number;
  /** Offered only to a role that may act on the run. */
  canAct: boolean;
  onConfirm: () => void;
  onDone: (note: string) => void;
  mutation: Mutation;
}

function DoneForm({ index, busy, onDone }: { index: number; busy: boolean; onDone: (note: string) => void }) {
  const [note, setNote] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onDone(note.trim());
  };
  return (
    <form className="done-form" onSubmit={submit}>
      <label htmlFor={`note-${index}`}>Note (optional)</label>
      <input id={`note-${index}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What you checked or did" />
      <button type="submit" className="primary" disabled={busy}>
        Done
      </button>
    </form>
  );
}

export function RunStepRow({ step, plan, status, exitCode, segments, dropped, now, canAct, onConfirm, onDone, mutation }: StepRowProps) {
  const duration = step.startedAt !== null ? (step.endedAt ?? (status === 'running' ? now : step.startedAt)) - step.startedAt : null;
  const waiting = status === 'waiting';
  const name = `Step ${step.index + 1}`;
  return (
    <li className={`run-step run-step-${status}`} data-testid="run-step" data-index={step.index} data-status={status} data-kind={step.kind}>
      <div className="step-head">
        <span className="step-number">{name}</span>
        <RunStatusBadge status={status} testId="step-status" />
        {plan ? <StepKind step={plan} /> : <span className="step-kind">{step.kind}</span>}
        {plan && <RiskBadge step={plan} />}
        {exitCode !== null && (
          <span className={exitCode === 0 ? 'exit-ok' : 'exit-failed'} data-testid="step-exit">
            exit {exitCode}
          </span>
        )}
        {duration !== null && <span className="muted">{formatDuration(duration)}</span>}
      </div>
      {/* A step waiting for a person shows exactly what it will do before the button. */}
      {plan &&
        (waiting || status === 'pending' || step.kind !== 'shell' ? (
          <StepText step={plan} />
        ) : (
          <details>
            <summary>Command</summary>
            <StepText step={plan} />
          </details>
        ))}
      {waiting && canAct && step.kind === 'shell' && (
        <p className="step-confirm">
          <button type="button" className="primary" disabled={mutation.busy} onClick={onConfirm} aria-label={`Confirm and run step ${step.index + 1}`}>
            Confirm and run
          </button>{' '}
          <span className="muted">It changes things{plan?.riskReason ? `: ${plan.riskReason}` : ''}.</span>
        </p>
      )}
      {waiting && canAct && step.kind === 'manual' && <DoneForm index={step.index} busy={mutation.busy} onDone={onDone} />}
      {step.actor && !waiting && (
        <p className="step-by muted" data-testid="step-by">
          {step.kind === 'manual' ? 'Done' : 'Confirmed'} by {step.actor}
          {step.note ? <>: “{step.note}”</> : null}
        </p>
      )}
      <StepOutput segments={segments} dropped={dropped} label={`${name} output`} />
    </li>
  );
}
