import type { EscalationTarget, IncidentEscalation } from '../api/types.ts';
import { schedulePath } from '../oncall/schedule-path.ts';
import { Link } from '../router/link.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatAbsolute, formatSpan } from '../ui/time-format.ts';

function Target({ target }: { target: EscalationTarget }) {
  if (target.kind === 'schedule') return <Link href={schedulePath(target.id)}>schedule {target.id}</Link>;
  return (
    <span>
      {target.kind} {target.id}
    </span>
  );
}

const STATE_WORD = { active: 'escalating', held: 'held', stopped: 'stopped' } as const;

/** What "no next level" means in each state; held is not finished, only waiting. */
const AFTER = {
  active: 'Every level has been notified; nobody else will be paged.',
  held: 'Held back: nothing is sent until what mutes this incident ends, then escalation resumes.',
  stopped: 'Stopped: nobody else will be paged.',
} as const;

/**
 * Who has been told and who is next. "Nobody else will be paged" is as important to see as
 * the next level, so a stopped or absent escalation says so in words.
 */
export function EscalationPanel({ data, now }: { data: IncidentEscalation | undefined; now: number }) {
  if (!data) return <p className="muted">Loading escalation…</p>;
  const { escalation, policy } = data;
  if (!escalation) {
    return (
      <p className="muted" data-testid="escalation-none">
        No escalation policy applies to this incident, so nobody is paged for it. Reassign it below to page someone.
      </p>
    );
  }
  // nextStep counts through the levels round after round; a repeat starts again at level 1.
  const count = policy?.levels.length ?? 0;
  const due = escalation.state === 'active' && escalation.nextAt !== null;
  const next = count > 0 ? escalation.nextStep % count : escalation.nextStep;
  const round = count > 0 ? Math.floor(escalation.nextStep / count) : 0;
  const rounds = (policy?.repeat ?? 0) + 1;
  return (
    <div className="escalation" data-testid="escalation-panel" data-state={escalation.state}>
      <p>
        Policy <strong data-testid="escalation-policy">{escalation.policy}</strong>{' '}
        <span className={`status escalation-${escalation.state}`} data-testid="escalation-state">
          {STATE_WORD[escalation.state] ?? escalation.state}
        </span>
        {escalation.reason && <span className="muted"> {escalation.reason}</span>}
        <span className="muted">
          {' '}
          · started <TimeAgo at={escalation.startedAt} now={now} />
        </span>
      </p>
      <p data-testid="escalation-next">
        {due && escalation.nextAt !== null ? (
          <>
            Next: <strong>level {next + 1}</strong>
            {rounds > 1 && ` (round ${round + 1} of ${rounds})`} at {formatAbsolute(escalation.nextAt)}{' '}
            <span className="muted">
              (<TimeAgo at={escalation.nextAt} now={now} />)
            </span>
          </>
        ) : (
          <span className="muted">{AFTER[escalation.state]}</span>
        )}
      </p>
      {policy && (
        <ol className="levels" aria-label={`Levels of ${policy.id}`}>
          {policy.levels.map((level, i) => {
            const isNext = due && i === next;
            const done = escalation.state === 'active' && (!due || i < next);
            return (
              <li key={i} className={isNext ? 'level level-next' : done ? 'level level-done' : 'level'} aria-current={isNext ? 'step' : undefined}>
                <span className="level-after">{level.afterMs === 0 ? 'at once' : `after ${formatSpan(level.afterMs)}`}</span>{' '}
                {level.targets.map((target, j) => (
                  <span key={j}>
                    {j > 0 && ', '}
                    <Target target={target} />
                  </span>
                ))}
                {isNext && <span className="muted"> (next)</span>}
              </li>
            );
          })}
        </ol>
      )}
      {policy && policy.repeat > 0 && (
        <p className="muted">
          Repeats {policy.repeat} more {policy.repeat === 1 ? 'time' : 'times'}, {formatSpan(policy.repeatAfterMs)} after the last level, until someone acknowledges.
        </p>
      )}
    </div>
  );
}
