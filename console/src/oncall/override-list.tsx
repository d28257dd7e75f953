import { apiPath } from '../api/client.ts';
import type { Override } from '../api/types.ts';
import type { Mutation } from '../api/use-mutation.ts';
import { formatInZone } from '../ui/zone-time.ts';

/** Overrides in view. Those written in config are changed in config, so only API-made ones get a button. */
export function OverrideList({ scheduleId, zone, overrides, mutation }: { scheduleId: string; zone: string; overrides: Override[]; mutation: Mutation }) {
  const remove = (override: Override): void => {
    if (override.id === null) return;
    void mutation.run(apiPath(`/schedules/${encodeURIComponent(scheduleId)}/overrides/${override.id}`), 'DELETE');
  };
  return (
    <>
      <table className="list overrides" data-testid="override-list">
        <thead>
          <tr>
            <th>Who</th>
            <th>From</th>
            <th>To</th>
            <th>Made in</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {overrides.map((o) => (
            <tr key={`${o.origin}:${o.id ?? ''}:${o.user}:${o.from}`} data-testid="override-row" data-origin={o.origin}>
              <td>{o.name}</td>
              <td>{formatInZone(o.from, zone, 'dayClock')}</td>
              <td>{formatInZone(o.to, zone, 'dayClock')}</td>
              <td>{o.origin === 'config' ? 'config' : `console/API${o.createdBy ? ` by ${o.createdBy}` : ''}`}</td>
              <td>
                {o.origin === 'api' && o.id !== null && (
                  <button type="button" disabled={mutation.busy} onClick={() => remove(o)} aria-label={`Remove override for ${o.name} from ${formatInZone(o.from, zone, 'dayClock')}`}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
          {overrides.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                No overrides in these four weeks.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {mutation.error && (
        <p className="error" role="alert">
          {mutation.error}
        </p>
      )}
    </>
  );
}
