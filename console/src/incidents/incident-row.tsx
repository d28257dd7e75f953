import type { Incident } from '../api/types.ts';
import { Link } from '../router/link.tsx';
import { IncidentStatusBadge, SeverityBadge } from '../ui/badges.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { DueTime } from './due-time.tsx';

export function IncidentRow({ incident, now }: { incident: Incident; now: number }) {
  const href = `/incidents/${incident.id}`;
  // A resolved incident's missed targets are history, not a call to act: they are shown muted.
  return (
    <tr data-testid="incident-row" data-incident-id={incident.id} data-status={incident.status} className={incident.status === 'resolved' ? 'settled' : undefined}>
      <td className="col-id">
        <Link href={href}>#{incident.id}</Link>
      </td>
      <td className="col-title">
        <Link href={href} className="incident-title">
          {incident.title}
        </Link>
      </td>
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td>
        <IncidentStatusBadge status={incident.status} />
      </td>
      <td className="col-service">{incident.service ?? <span className="muted">—</span>}</td>
      <td className="col-time">
        <TimeAgo at={incident.openedAt} now={now} />
      </td>
      <td className="col-time">
        <DueTime due={incident.respondBy} breachedAt={incident.respondBreachedAt} doneAt={incident.acknowledgedAt} now={now} />
      </td>
      <td className="col-breach">
        {incident.respondBreachedAt !== null && (
          <span className="breach" title="The response target was missed" data-testid="breach-respond">
            respond
          </span>
        )}
        {incident.resolveBreachedAt !== null && (
          <span className="breach" title="The resolution target was missed" data-testid="breach-resolve">
            resolve
          </span>
        )}
      </td>
    </tr>
  );
}
