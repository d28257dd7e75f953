import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { useMutation } from '../api/use-mutation.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { MaintenanceRow } from './maintenance-row.tsx';
import type { MaintenanceList } from './maintenance-types.ts';

/** Active and upcoming maintenance (the next 30 days), with End now and Extend for responders. */
export function MaintenancePage({ me }: { me: Me | undefined }) {
  const { data, error, loadedAt, refresh } = usePoll('maintenance', (signal) => api<MaintenanceList>(apiPath('/maintenance'), { signal }), 10_000);
  const changing = useMutation(me?.role, refresh);

  useEffect(() => {
    document.title = 'Maintenance · Opsdeck';
  }, []);

  const now = Date.now();
  const rows = (data?.windows ?? [])
    .flatMap((window) => window.occurrences.filter((o) => o.state !== 'ended').map((occurrence) => ({ window, occurrence })))
    .sort((a, b) => a.occurrence.start - b.occurrence.start);
  return (
    <main>
      <div className="toolbar">
        <h1>Maintenance</h1>
        <span className="muted">Alerts of services under maintenance are recorded as muted; nobody is paged until the window ends.</span>
      </div>
      <LoadProblem what="maintenance windows" error={error} loadedAt={loadedAt} />
      <table className="list maintenance">
        <thead>
          <tr>
            <th className="col-state">State</th>
            <th>Window</th>
            <th className="col-time">Starts</th>
            <th className="col-time">Ends</th>
            <th>Covers</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ window, occurrence }) => (
            <MaintenanceRow key={`${occurrence.window}@${occurrence.start}`} window={window} occurrence={occurrence} now={now} mutation={changing} />
          ))}
          {data && rows.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                No maintenance running or planned in the next 30 days.
              </td>
            </tr>
          )}
          {!data && !error && (
            <tr>
              <td colSpan={6} className="empty">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {changing.error && (
        <p className="error" role="alert">
          {changing.error}
        </p>
      )}
    </main>
  );
}
