import type { RunbookStepView, RunbookView } from './runbook-types.ts';
import { RiskBadge, StepKind, StepText } from './step-parts.tsx';

interface Group {
  title: string | undefined;
  steps: RunbookStepView[];
}

/** Steps under their headings, in document order; steps before the first heading come first, untitled. */
function groups(runbook: RunbookView): Group[] {
  const out: Group[] = [];
  let current: Group | undefined;
  let section: number | undefined;
  for (const step of [...runbook.steps].sort((a, b) => a.index - b.index)) {
    if (!current || step.section !== section) {
      section = step.section;
      current = { title: runbook.sections[step.section]?.title, steps: [] };
      out.push(current);
    }
    current.steps.push(step);
  }
  return out;
}

/** What a run will do, step by step, before anyone presses Run. */
export function RunbookPlan({ runbook }: { runbook: RunbookView }) {
  if (runbook.steps.length === 0) return <p className="muted">This runbook has no steps.</p>;
  return (
    <div className="plan" data-testid="runbook-plan">
      {groups(runbook).map((group, g) => (
        <section key={g} className="plan-section">
          {group.title !== undefined && <h3>{group.title}</h3>}
          <ol className="plan-steps">
            {group.steps.map((step) => (
              <li key={step.index} value={step.index + 1} data-testid="plan-step" data-kind={step.kind} data-risk={step.kind === 'shell' ? step.risk : undefined}>
                <div className="step-head">
                  <StepKind step={step} />
                  <RiskBadge step={step} />
                </div>
                <StepText step={step} />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
