import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import { NOTIFICATION_STATUSES, type NotificationPage, type NotificationStatus } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { setQuery, useLocation } from '../router/router.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { PAGE_SIZE, Pager, pageFromQuery } from '../ui/pager.tsx';
import { NotificationRow } from './notification-row.tsx';
import { NotificationStatusFilter } from './notification-status.tsx';

/** The outbox as the server sees it; `?incident=12` narrows it to one incident (linked from its page). */
export function NotificationsPage() {
  const { query } = useLocation();
  const raw = query.get('status') ?? '';
  const status = (NOTIFICATION_STATUSES as readonly string[]).includes(raw) ? (raw as NotificationStatus) : undefined;
  const incident = query.get('incident') ?? '';
  const page = pageFromQuery(query);
  const params = { status, incident, limit: PAGE_SIZE, offset: page * PAGE_SIZE };

  const { data, error, loadedAt } = usePoll(
    JSON.stringify(params),
    (signal) => api<NotificationPage>(apiPath('/notifications', params), { signal }),
    3000,
  );

  const dead = data?.counts.dead;
  useEffect(() => {
    document.title = dead ? `(${dead} dead) Notifications · Opsdeck` : 'Notifications · Opsdeck';
  }, [dead]);

  const now = Date.now();
  return (
    <main>
      <div className="toolbar">
        <h1>Notifications</h1>
        <NotificationStatusFilter value={status} counts={data?.counts} onChange={(s) => setQuery({ status: s, page: undefined })} />
        {incident && (
          <span>
            Incident #{incident}{' '}
            <button type="button" onClick={() => setQuery({ incident: undefined, page: undefined })}>
              Show all incidents
            </button>
          </span>
        )}
      </div>
      <LoadProblem what="notifications" error={error} loadedAt={loadedAt} />
      <table className="list notifications">
        <thead>
          <tr>
            <th className="col-id">#</th>
            <th className="col-status">Status</th>
            <th>Channel</th>
            <th>Recipient</th>
            <th>Incident</th>
            <th className="col-incidents">Attempts</th>
            <th className="col-time">Created</th>
            <th className="col-time">Next / ended</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((n) => <NotificationRow key={n.id} notification={n} now={now} />)}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={9} className="empty">
                {status === 'dead' ? 'No dead letters: every notification was delivered or is still being tried.' : 'No notifications match.'}
              </td>
            </tr>
          )}
          {!data && !error && (
            <tr>
              <td colSpan={9} className="empty">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {data && <Pager page={page} total={data.total} shown={data.items.length} noun="notifications" onPage={(p) => setQuery({ page: p > 0 ? p + 1 : undefined })} />}
    </main>
  );
}
