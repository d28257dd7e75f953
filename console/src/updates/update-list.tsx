import { IncidentStatusBadge } from '../ui/badges.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import type { StatusUpdate } from './update-types.ts';

/** Newest first: the last thing said is what a responder checks before saying the next. */
export function UpdateList({ items, now }: { items: StatusUpdate[]; now: number }) {
  if (items.length === 0) return <p className="muted">No status updates yet.</p>;
  return (
    <ol className="update-list" data-testid="update-list">
      {[...items].reverse().map((u) => (
        <li key={u.id} className={`update update-${u.visibility}`} data-testid="status-update">
          <div className="update-head">
            <span className={`visibility visibility-${u.visibility}`}>{u.visibility}</span>
            <IncidentStatusBadge status={u.status} />
            <TimeAgo at={u.at} now={now} />
            <span className="muted">{u.author}</span>
            {u.components.length > 0 && <span className="muted">· {u.components.join(', ')}</span>}
          </div>
          <p className="update-message">{u.message}</p>
        </li>
      ))}
    </ol>
  );
}
