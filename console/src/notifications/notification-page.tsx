import { useCallback, useEffect } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { DeliveryAttempt, NotificationDetail } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatAbsolute } from '../ui/time-format.ts';
import { NotificationStatusBadge } from './notification-status.tsx';

function When({ at, now }: { at: number | null; now: number }) {
  if (at === null) return <span className="muted">—</span>;
  return (
    <>
      {formatAbsolute(at)} <span className="muted">(<TimeAgo at={at} now={now} />)</span>
    </>
  );
}

const OUTCOME: Record<DeliveryAttempt['outcome'], string> = { sent: 'sent', failed: 'failed, will retry', 'failed-final': 'failed, gave up' };

/** One notification and every attempt to deliver it: the answer to "was I paged, and if not why not". */
export function NotificationPage({ id }: { id: number }) {
  const load = useCallback((signal: AbortSignal) => api<NotificationDetail>(apiPath(`/notifications/${id}`), { signal }), [id]);
  const { data, error, loadedAt } = usePoll(`notification:${id}`, load, 3000);

  useEffect(() => {
    document.title = `Notification #${id} · Opsdeck`;
  }, [id]);

  if (!data) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <main>
        <p>
          <Link href="/notifications">← Notifications</Link>
        </p>
        {notFound ? <p>Notification #{id} does not exist.</p> : error ? <LoadProblem what={`notification #${id}`} error={error} loadedAt={undefined} /> : <p className="muted">Loading…</p>}
      </main>
    );
  }

  const { notification: n, attempts } = data;
  const now = Date.now();
  return (
    <main className="notification">
      <p>
        <Link href="/notifications">← Notifications</Link>
      </p>
      <LoadProblem what={`notification #${id}`} error={error} loadedAt={loadedAt} />
      <h1>
        Notification #{n.id} <NotificationStatusBadge status={n.status} />
      </h1>
      <dl className="facts">
        <dt>Incident</dt>
        <dd>{n.incidentId !== null ? <Link href={`/incidents/${n.incidentId}`}>#{n.incidentId}</Link> : <span className="muted">—</span>}</dd>
        <dt>Channel</dt>
        <dd>
          <code>{n.channel}</code>
        </dd>
        <dt>Recipient</dt>
        <dd>{n.recipient ?? <span className="muted">—</span>}</dd>
        <dt>Message</dt>
        <dd>{n.message.kind}</dd>
        <dt>Idempotency key</dt>
        <dd>
          <code>{n.key}</code>
        </dd>
        <dt>Created</dt>
        <dd>
          <When at={n.createdAt} now={now} />
        </dd>
        <dt>Not before</dt>
        <dd>
          <When at={n.notBefore} now={now} />
        </dd>
        {n.status === 'pending' && (
          <>
            <dt>Next attempt</dt>
            <dd>
              <When at={n.nextAttemptAt} now={now} />
            </dd>
          </>
        )}
        <dt>Finished</dt>
        <dd>
          <When at={n.finishedAt} now={now} />
        </dd>
        {n.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="error">{n.lastError}</dd>
          </>
        )}
      </dl>

      <h2>Delivery attempts</h2>
      <table className="list attempts" data-testid="attempts">
        <thead>
          <tr>
            <th className="col-id">#</th>
            <th className="col-time">At</th>
            <th>Outcome</th>
            <th className="col-time">Took</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.attempt} data-testid="attempt-row" data-outcome={a.outcome}>
              <td className="col-id">{a.attempt}</td>
              <td className="col-time" title={formatAbsolute(a.at)}>
                <TimeAgo at={a.at} now={now} />
              </td>
              <td>
                <span className={`outcome outcome-${a.outcome}`}>{OUTCOME[a.outcome] ?? a.outcome}</span>
              </td>
              <td className="col-time">{a.durationMs === null ? '—' : `${a.durationMs} ms`}</td>
              <td className="last-error">{a.detail ?? ''}</td>
            </tr>
          ))}
          {attempts.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                {n.status === 'pending' ? 'Not tried yet.' : 'No attempts were made.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </main>
  );
}
