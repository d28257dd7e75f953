import type { Notification } from '../api/types.ts';
import { Link } from '../router/link.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { NotificationStatusBadge } from './notification-status.tsx';

/** What happens next for a pending row, or when it ended for the others. */
function Next({ notification, now }: { notification: Notification; now: number }) {
  if (notification.status === 'pending') {
    const at = notification.nextAttemptAt ?? notification.notBefore;
    return at === null ? <span className="muted">due</span> : <>next <TimeAgo at={at} now={now} /></>;
  }
  return notification.finishedAt === null ? <span className="muted">—</span> : <TimeAgo at={notification.finishedAt} now={now} />;
}

export function NotificationRow({ notification, now }: { notification: Notification; now: number }) {
  const href = `/notifications/${notification.id}`;
  return (
    <tr data-testid="notification-row" data-status={notification.status} className={notification.status === 'dead' ? 'row-down' : undefined}>
      <td className="col-id">
        <Link href={href}>#{notification.id}</Link>
      </td>
      <td className="col-status">
        <NotificationStatusBadge status={notification.status} />
      </td>
      <td>
        <code>{notification.channel}</code>
      </td>
      <td>{notification.recipient ?? <span className="muted">—</span>}</td>
      <td>
        {notification.incidentId !== null ? <Link href={`/incidents/${notification.incidentId}`}>incident #{notification.incidentId}</Link> : <span className="muted">—</span>}
      </td>
      <td className="col-incidents">{notification.attempts}</td>
      <td className="col-time">
        <TimeAgo at={notification.createdAt} now={now} />
      </td>
      <td className="col-time">
        <Next notification={notification} now={now} />
      </td>
      <td className="last-error">{notification.lastError ?? ''}</td>
    </tr>
  );
}
