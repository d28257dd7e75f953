import { Link } from '../router/link.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { RunStatusBadge, formatDuration } from './run-status.tsx';
import type { Run } from './runbook-types.ts';

/** Runs, newest first as the server sends them; `showRunbook` off where the runbook is the page. */
export function RunList({ runs, now, showRunbook = true, empty }: { runs: Run[]; now: number; showRunbook?: boolean; empty: string }) {
  if (runs.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="list runs">
      <thead>
        <tr>
          <th scope="col" className="col-id">
            Run
          </th>
          {showRunbook && <th scope="col">Runbook</th>}
          <th scope="col" className="col-status">
            Status
          </th>
          <th scope="col" className="col-time">
            Started
          </th>
          <th scope="col" className="col-time">
            Took
          </th>
          <th scope="col">By</th>
          <th scope="col">Incident</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-testid="run-row" data-run-id={run.id} data-status={run.status}>
            <td>
              <Link href={`/runbook-runs/${run.id}`}>#{run.id}</Link>
            </td>
            {showRunbook && (
              <td>
                <Link href={`/runbooks/view?id=${encodeURIComponent(run.runbook)}`}>{run.title}</Link>
              </td>
            )}
            <td>
              <RunStatusBadge status={run.status} /> {run.dryRun && <span className="dry-run-tag">dry run</span>}
            </td>
            <td className="col-time">
              <TimeAgo at={run.startedAt} now={now} />
            </td>
            <td className="col-time">{run.endedAt !== null ? formatDuration(run.endedAt - run.startedAt) : <span className="muted">…</span>}</td>
            <td>{run.routine ? <span title="started by a routine">routine {run.routine}</span> : run.actor}</td>
            <td>{run.incidentId !== null ? <Link href={`/incidents/${run.incidentId}`}>#{run.incidentId}</Link> : <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
