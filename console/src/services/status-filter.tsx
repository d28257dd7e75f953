import type { ServicePage, ServiceStatus } from '../api/types.ts';
import { StatusDot } from '../ui/badges.tsx';

interface StatusFilterProps {
  value: ServiceStatus | undefined;
  counts: ServicePage['counts'] | undefined;
  onChange: (status: ServiceStatus | undefined) => void;
}

// Down first: it is the one people come for.
const ORDER: ServiceStatus[] = ['down', 'up', 'unknown'];

/** The counts double as the status filter: one control to read and to narrow by. */
export function StatusFilter({ value, counts, onChange }: StatusFilterProps) {
  const total = counts ? counts.up + counts.down + counts.unknown : undefined;
  return (
    <div className="segmented" role="group" aria-label="Filter by status">
      <button type="button" aria-pressed={value === undefined} onClick={() => onChange(undefined)}>
        All <span className="count">{total?.toLocaleString() ?? '–'}</span>
      </button>
      {ORDER.map((status) => (
        <button
          key={status}
          type="button"
          aria-pressed={value === status}
          onClick={() => onChange(status)}
          data-testid={`count-${status}`}
          className={status === 'down' && counts && counts.down > 0 ? 'has-down' : undefined}
        >
          <StatusDot status={status} /> {status[0]?.toUpperCase() + status.slice(1)}{' '}
          <span className="count">{counts?.[status].toLocaleString() ?? '–'}</span>
        </button>
      ))}
    </div>
  );
}
