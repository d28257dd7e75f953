import { useState } from 'react';
import type { Mutation } from '../api/use-mutation.ts';
import { apiPath } from '../api/client.ts';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatAbsolute } from '../ui/time-format.ts';
import type { MaintenanceOccurrence, MaintenanceWindow } from './maintenance-types.ts';

interface RowProps {
  window: MaintenanceWindow;
  occurrence: MaintenanceOccurrence;
  now: number;
  mutation: Mutation;
}

const EXTEND_BY = ['30m', '1h', '2h'];

/** One occurrence: when it runs, what it covers, and End now / Extend for people who may change it. */
export function MaintenanceRow({ window, occurrence, now, mutation }: RowProps) {
  const [by, setBy] = useState('1h');
  const path = `/maintenance/${encodeURIComponent(occurrence.window)}/${occurrence.start}`;
  return (
    <tr data-testid="maintenance-row" data-window={occurrence.window} data-start={occurrence.start} data-state={occurrence.state}>
      <td className="col-state">
        <span className={`status maintenance-${occurrence.state}`} data-testid="maintenance-state">
          {occurrence.state}
        </span>
      </td>
      <td>
        <strong>{window.title}</strong>
        <div className="muted">
          {window.schedule} ({window.timezone})
        </div>
        {window.message && <div>{window.message}</div>}
      </td>
      <td className="col-time" title={formatAbsolute(occurrence.start)}>
        <TimeAgo at={occurrence.start} now={now} />
      </td>
      <td className="col-time" title={formatAbsolute(occurrence.end)}>
        <TimeAgo at={occurrence.end} now={now} />
        {occurrence.changed && (
          <div className="muted" data-testid="maintenance-changed">
            {occurrence.changed.kind === 'extend' ? 'extended' : 'ended early'} by {occurrence.changed.by}
          </div>
        )}
      </td>
      <td>{[...window.services, ...window.components.map((c) => `component ${c}`)].join(', ')}</td>
      <td>
        {occurrence.state === 'active' && (
          <button type="button" disabled={mutation.busy} onClick={() => void mutation.run(apiPath(`${path}/end`), 'POST', {})} aria-label={`End ${window.title} now`}>
            End now
          </button>
        )}{' '}
        <select value={by} onChange={(e) => setBy(e.target.value)} aria-label={`Extend ${window.title} by`}>
          {EXTEND_BY.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>{' '}
        <button type="button" disabled={mutation.busy} onClick={() => void mutation.run(apiPath(`${path}/extend`), 'POST', { by })} aria-label={`Extend ${window.title}`}>
          Extend
        </button>
      </td>
    </tr>
  );
}
