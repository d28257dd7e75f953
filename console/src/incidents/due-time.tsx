import { formatAbsolute, formatRelative, formatSpan } from '../ui/time-format.ts';

interface DueTimeProps {
  due: number | null;
  /** When the target was marked breached by the server. */
  breachedAt: number | null;
  /** When the target was met (acknowledged for "respond by", resolved for "resolve by"). */
  doneAt: number | null;
  now: number;
}

/**
 * A response or resolution target. Overdue shows red even before the server's breach mark
 * lands, because the clock on the wall is what the responder is racing.
 */
export function DueTime({ due, breachedAt, doneAt, now }: DueTimeProps) {
  if (due === null) return <span className="muted">—</span>;
  const title = `Due ${formatAbsolute(due)}${breachedAt !== null ? `; breached ${formatAbsolute(breachedAt)}` : ''}`;
  if (doneAt !== null) {
    const late = breachedAt !== null || doneAt > due;
    return (
      <span className={late ? 'due due-breached' : 'due due-met'} title={`${title}; done ${formatAbsolute(doneAt)}`} data-breached={late}>
        {doneAt > due ? `done ${formatSpan(doneAt - due)} late` : late ? 'breached' : 'met'}
      </span>
    );
  }
  const breached = breachedAt !== null || now > due;
  return (
    <span className={breached ? 'due due-breached' : 'due'} title={title} data-breached={breached}>
      {breached ? `${formatSpan(now - due)} overdue` : formatRelative(due, now)}
    </span>
  );
}
