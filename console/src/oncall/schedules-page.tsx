import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import type { ScheduleList } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatInZone } from '../ui/zone-time.ts';
import { schedulePath } from './schedule-path.ts';

const loadSchedules = (signal: AbortSignal) => api<ScheduleList>(apiPath('/schedules'), { signal });

/** Who answers right now, per schedule: the first thing anyone opens this page for. */
export function SchedulesPage() {
  const { data, error, loadedAt } = usePoll('schedules', loadSchedules, 15_000);

  useEffect(() => {
    document.title = 'On call · Opsdeck';
  }, []);

  const now = Date.now();
  return (
    <main>
      <div className="toolbar">
        <h1>On call</h1>
      </div>
      <LoadProblem what="schedules" error={error} loadedAt={loadedAt} />
      <table className="list schedules">
        <thead>
          <tr>
            <th className="col-name">Schedule</th>
            <th>On call now</th>
            <th>Until</th>
            <th>Time zone</th>
            <th>Layers</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((schedule) => (
            <tr key={schedule.id} data-testid="schedule-row" data-schedule-id={schedule.id}>
              <td className="col-name">
                <Link href={schedulePath(schedule.id)} className="service-name">
                  {schedule.name}
                </Link>
              </td>
              <td data-testid="schedule-oncall">
                {schedule.onCall ? <strong>{schedule.onCall.name}</strong> : <span className="nobody">Nobody</span>}
              </td>
              <td className="col-until">
                {schedule.onCall?.until != null ? (
                  <>
                    {formatInZone(schedule.onCall.until, schedule.timezone, 'dayClock')}{' '}
                    <span className="muted">
                      (<TimeAgo at={schedule.onCall.until} now={now} />)
                    </span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>{schedule.timezone}</td>
              <td>
                {schedule.layers.map((layer) => (
                  <div key={layer.name}>
                    <span className="muted">{layer.name}:</span> {layer.members.map((m) => m.name).join(', ')}
                  </div>
                ))}
              </td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                No schedules yet. Add some under schedules: in the config directory.
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
