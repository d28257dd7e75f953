import { NOTIFICATION_STATUSES, type NotificationPage, type NotificationStatus } from '../api/types.ts';

const LABEL: Record<NotificationStatus, string> = {
  dead: 'Dead letters',
  pending: 'Pending',
  sent: 'Sent',
  cancelled: 'Cancelled',
};

export function NotificationStatusBadge({ status }: { status: NotificationStatus }) {
  return (
    <span className={`status notification-${status}`} data-testid="notification-status">
      {status === 'dead' ? 'dead letter' : status}
    </span>
  );
}

interface FilterProps {
  value: NotificationStatus | undefined;
  counts: NotificationPage['counts'] | undefined;
  onChange: (status: NotificationStatus | undefined) => void;
}

/** Dead letters first: a notification nobody received is the one thing here that needs a person. */
export function NotificationStatusFilter({ value, counts, onChange }: FilterProps) {
  const total = counts ? NOTIFICATION_STATUSES.reduce((sum, s) => sum + counts[s], 0) : undefined;
  return (
    <div className="segmented" role="group" aria-label="Filter by status">
      <button type="button" aria-pressed={value === undefined} onClick={() => onChange(undefined)}>
        All <span className="count">{total?.toLocaleString() ?? '–'}</span>
      </button>
      {NOTIFICATION_STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          aria-pressed={value === status}
          onClick={() => onChange(status)}
          data-testid={`notification-count-${status}`}
          className={status === 'dead' && counts && counts.dead > 0 ? 'has-down' : undefined}
        >
          {LABEL[status]} <span className="count">{counts?.[status].toLocaleString() ?? '–'}</span>
        </button>
      ))}
    </div>
  );
}
