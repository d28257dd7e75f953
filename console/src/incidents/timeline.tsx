import type { TimelineEvent } from '../api/types.ts';
import { formatAbsolute, formatShort } from '../ui/time-format.ts';

/** Oldest first, as a story is read. Sorted here too, since the order is part of what the page promises. */
export function Timeline({ events, now }: { events: TimelineEvent[]; now: number }) {
  const ordered = [...events].sort((a, b) => a.at - b.at || a.id - b.id);
  if (ordered.length === 0) return <p className="muted">No events yet.</p>;
  return (
    <ol className="timeline">
      {ordered.map((event) => (
        <li key={event.id} data-testid="timeline-event" data-kind={event.kind} className={`event event-${event.kind}`}>
          <time dateTime={new Date(event.at).toISOString()} title={formatAbsolute(event.at)}>
            {formatShort(event.at, now)}
          </time>
          <span className="event-kind">{event.kind}</span>
          <span className="event-actor">{event.actor}</span>
          <span className="event-message">{event.message}</span>
        </li>
      ))}
    </ol>
  );
}
