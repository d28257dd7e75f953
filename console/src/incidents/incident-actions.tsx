import { useEffect, useState } from 'react';
import { apiPath } from '../api/client.ts';
import { SETTABLE_STATUSES, type Incident } from '../api/types.ts';
import type { Action } from './use-action.ts';
import { SEVERITY_CHOICES } from './incident-filters.ts';

const LABEL: Record<(typeof SETTABLE_STATUSES)[number], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
};

/**
 * The lifecycle buttons. Only the moves that make sense now are offered: Acknowledge while
 * triggered, everything but notes disappears once resolved.
 */
export function IncidentActions({ incident, action }: { incident: Incident; action: Action }) {
  const [severity, setSeverity] = useState(incident.severity);
  // Someone else changed it: follow, so the button never offers a stale choice.
  useEffect(() => setSeverity(incident.severity), [incident.severity]);
  const base = `/incidents/${incident.id}`;
  const resolved = incident.status === 'resolved';
  const severities: string[] = [...SEVERITY_CHOICES];
  if (!severities.includes(incident.severity)) severities.unshift(incident.severity);

  if (resolved) return null;
  return (
    <div className="actions" data-testid="incident-actions">
      {incident.status === 'triggered' && (
        <button type="button" className="primary" disabled={action.busy} onClick={() => void action.run(apiPath(`${base}/acknowledge`))}>
          Acknowledge
        </button>
      )}
      <span className="action-group" role="group" aria-label="Set status">
        {SETTABLE_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            disabled={action.busy || incident.status === status}
            aria-pressed={incident.status === status}
            onClick={() => void action.run(apiPath(`${base}/status`), { status })}
          >
            {LABEL[status]}
          </button>
        ))}
      </span>
      <span className="action-group">
        <label>
          Severity{' '}
          <select value={severity} onChange={(e) => setSeverity(e.target.value)} aria-label="New severity">
            {severities.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>{' '}
        <button
          type="button"
          disabled={action.busy || severity === incident.severity}
          onClick={() => void action.run(apiPath(`${base}/severity`), { severity })}
        >
          Change severity
        </button>
      </span>
      <button type="button" className="resolve" disabled={action.busy} onClick={() => void action.run(apiPath(`${base}/resolve`))}>
        Resolve
      </button>
    </div>
  );
}
