import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import { usePoll } from '../api/use-poll.ts';
import { StatusDot } from '../ui/badges.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatSpan } from '../ui/time-format.ts';
import type { HeartbeatView } from './heartbeat-types.ts';

const DOT = { new: 'unknown', up: 'up', down: 'down' } as const;

/** Jobs often take under a second; "0s" would hide that they ran at all. */
const took = (ms: number) => (ms < 1000 ? `${ms} ms` : formatSpan(ms));

function schedule(h: HeartbeatView): string {
  return h.schedule.kind === 'cron' ? `cron ${h.schedule.expr} (${h.schedule.timezone})` : `every ${formatSpan(h.schedule.everyMs)}`;
}

/** The runs and logs of one heartbeat: what a responder opens to see why the backup failed. */
function Details({ h, now }: { h: HeartbeatView; now: number }) {
  return (
    <details className="heartbeat-details">
      <summary>Runs and logs</summary>
      {h.pingUrl && (
        <p>
          Ping URL: <code data-testid={`ping-url-${h.id}`}>{h.pingUrl}</code> (the CLI prints crontab lines: <code>opsdeck heartbeat snippet {h.id}</code>)
        </p>
      )}
      <h3>Durations</h3>
      {h.durations.length === 0 ? (
        <p className="muted">No measured runs yet: send <code>/start</code> before the job and the success or exit status after it.</p>
      ) : (
        <ul data-testid={`durations-${h.id}`}>
          {h.durations.map((d) => (
            <li key={`${d.at}-${d.rid ?? ''}`}>
              {took(d.durationMs)} {d.kind === 'fail' ? '(failed)' : ''} · ended <TimeAgo at={d.at} now={now} />
            </li>
          ))}
        </ul>
      )}
      <h3>Last pings</h3>
      {h.logs.length === 0 && <p className="muted">No pings yet.</p>}
      {h.logs.map((p) => (
        <div key={p.id} className="heartbeat-log">
          <div>
            <strong>{p.kind}</strong>
            {p.exitStatus !== null && ` (exit ${p.exitStatus})`} · {p.method} · <TimeAgo at={p.at} now={now} />
            {p.truncated && <span className="muted"> · log truncated ({p.bodyBytes.toLocaleString()} bytes sent)</span>}
          </div>
          {p.body !== '' && <pre>{p.body}</pre>}
        </div>
      ))}
    </details>
  );
}

/** Every heartbeat: up, down (and why) or new; when it goes down unless pinged; the last run's duration and logs. */
export function HeartbeatsPage() {
  const { data, error, loadedAt } = usePoll('heartbeats', (signal) => api<{ items: HeartbeatView[] }>(apiPath('/heartbeats'), { signal }), 10_000);

  useEffect(() => {
    document.title = 'Heartbeats · Opsdeck';
  }, []);

  const now = Date.now();
  const items = data?.items ?? [];
  return (
    <main>
      <div className="toolbar">
        <h1>Heartbeats</h1>
        <span className="muted">Jobs that ping Opsdeck; a missed ping, a failure or a run that does not finish within its grace raises an alert.</span>
      </div>
      <LoadProblem what="heartbeats" error={error} loadedAt={loadedAt} />
      <table className="list heartbeats">
        <thead>
          <tr>
            <th className="col-state">Status</th>
            <th>Heartbeat</th>
            <th className="col-time">Last ping</th>
            <th className="col-time">Down at</th>
            <th className="col-time">Last run</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.id} className={h.status === 'down' ? 'row-down' : undefined} data-testid={`heartbeat-${h.id}`}>
              <td>
                <StatusDot status={DOT[h.status]} />
                <span className="status-word">{h.status}</span>
              </td>
              <td>
                <strong>{h.name}</strong> <span className="muted">{h.id} · {h.service} · {schedule(h)}, grace {formatSpan(h.graceMs)}</span>
                {h.summary && <div className="error">{h.summary}</div>}
                <Details h={h} now={now} />
              </td>
              <td>{h.lastPingAt === null ? <span className="muted">never</span> : <>{h.lastPingKind} <TimeAgo at={h.lastPingAt} now={now} /></>}</td>
              <td>{h.status === 'down' && h.downSince !== null ? <>since <TimeAgo at={h.downSince} now={now} /></> : h.deadline === null ? '-' : <TimeAgo at={h.deadline} now={now} />}</td>
              <td>{h.lastDurationMs === null ? <span className="muted">-</span> : took(h.lastDurationMs)}{h.running.length > 0 && <div className="muted">running since <TimeAgo at={h.running[0]!.at} now={now} /></div>}</td>
            </tr>
          ))}
          {data && items.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                No heartbeats. Add them under <code>heartbeats:</code> in the config.
              </td>
            </tr>
          )}
          {!data && !error && (
            <tr>
              <td colSpan={5} className="empty">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </main>
  );
}
