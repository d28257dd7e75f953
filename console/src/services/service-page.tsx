import { useCallback, useEffect } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { ServiceDetail } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { ChangeList } from '../changes/change-list.tsx';
import { Link } from '../router/link.tsx';
import { withQuery } from '../router/router.ts';
import { SeverityBadge, StatusDot } from '../ui/badges.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';

/** One service: its checks, its alert rules with their state, and what changed on it lately. */
export function ServicePage({ id }: { id: string }) {
  const load = useCallback((signal: AbortSignal) => api<ServiceDetail>(apiPath(`/services/${encodeURIComponent(id)}`), { signal }), [id]);
  const { data, error, loadedAt } = usePoll(`service:${id}`, load, 5000);
  const name = data?.name;
  useEffect(() => {
    document.title = `${name ?? id} · Opsdeck`;
  }, [id, name]);

  const back = (
    <p>
      <Link href="/">← Services</Link>
    </p>
  );
  if (!data) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <main>
        {back}
        {notFound ? <p>There is no service "{id}".</p> : error ? <LoadProblem what={`service ${id}`} error={error} loadedAt={undefined} /> : <p className="muted">Loading…</p>}
      </main>
    );
  }
  const now = Date.now();
  return (
    <main className="service">
      {back}
      <LoadProblem what={`service ${id}`} error={error} loadedAt={loadedAt} />
      <h1>
        <StatusDot status={data.status} /> {data.name} <span className="muted status-word">{data.status}</span>
      </h1>
      <p>
        <Link href={withQuery('/incidents', { service: data.id, status: data.openIncidents > 0 ? undefined : 'all' })}>
          {data.openIncidents > 0 ? `${data.openIncidents} open incident${data.openIncidents === 1 ? '' : 's'}` : 'No open incidents; past ones'}
        </Link>
      </p>

      <h2>Checks</h2>
      {data.checks.length === 0 ? <p className="muted">No checks.</p> : (
        <ul className="checks">
          {data.checks.map((check) => {
            const state = check.ok === null ? 'unknown' : check.ok ? 'ok' : 'fail';
            return (
              <li key={check.id} className={`check check-${state}`} data-testid="check" data-state={state}>
                {check.name} <span className="muted">{check.type}{check.lastAt !== null && <>, <TimeAgo at={check.lastAt} now={now} /></>}</span>
              </li>
            );
          })}
        </ul>
      )}

      {data.alerts.length > 0 && (
        <>
          <h2>Alert rules</h2>
          <table className="list">
            <tbody>
              {data.alerts.map((alert) => (
                <tr key={alert.ruleId} data-testid="alert-rule" data-state={alert.state}>
                  <td><SeverityBadge severity={alert.severity} /></td>
                  <td>{alert.name}</td>
                  <td>{alert.state}</td>
                  <td className="muted">{alert.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <section aria-labelledby="recent-changes-title" data-testid="recent-changes">
        <h2 id="recent-changes-title">Recent changes</h2>
        <ChangeList changes={data.changes} now={now} empty="No changes recorded. CI can send them to POST /api/v1/changes or with `opsdeck changes add`." />
      </section>
    </main>
  );
}
