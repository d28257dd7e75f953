import type { RunbookStepView } from './runbook-types.ts';

/** Read-only or mutating, with the reason in words beside it (the command that made it so). */
export function RiskBadge({ step }: { step: RunbookStepView }) {
  if (step.kind !== 'shell') return null;
  return (
    <span className="risk-line">
      <span className={`risk risk-${step.risk}`} data-testid="step-risk">
        {step.risk === 'mutating' ? 'mutating' : 'read-only'}
      </span>
      {step.riskReason && <span className="muted risk-reason"> {step.riskReason}</span>}
    </span>
  );
}

const KIND_WORDS: Record<RunbookStepView['kind'], string> = { shell: 'runs', manual: 'manual', shown: 'shown only' };

/** What kind of step it is and the flags that change how it runs. */
export function StepKind({ step }: { step: RunbookStepView }) {
  return (
    <span className="step-kind">
      <span className="step-kind-word">{KIND_WORDS[step.kind]}</span>
      {step.lang && <code className="muted"> {step.lang}</code>}
      {step.continueOnError && <span className="step-flag">continues on error</span>}
      {step.diagnostic && <span className="step-flag">diagnostic</span>}
    </span>
  );
}

/** The step as written: a command block, or a task-list item's words. */
export function StepText({ step }: { step: RunbookStepView }) {
  if (step.kind === 'manual') return <p className="step-task">☐ {step.text}</p>;
  return (
    <pre className="step-code">
      <code>{step.text}</code>
    </pre>
  );
}
