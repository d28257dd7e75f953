import type { TimelineEvent } from '../api/types.ts';
import { Link } from '../router/link.tsx';
import { formatAbsolute, formatShort } from '../ui/time-format.ts';

/** A delivery event's outcome, read defensively: the data field is free-form on the wire. */
function deliveryOutcome(event: TimelineEvent): string | undefined {
  const outcome = event.data?.['outcome'];
  return event.kind === 'delivery' && typeof outcome === 'string' ? outcome : undefined;
}

function notificationId(event: TimelineEvent): number | undefined {
  const id = event.data?.['notificationId'];
  return event.kind === 'delivery' && typeof id === 'number' ? id : undefined;
}

/** The run a 'runbook' event tells about, linked so its output is one click away. */
function runId(event: TimelineEvent): number | undefined {
  const id = event.data?.['run'];
  return event.kind === 'runbook' && typeof id === 'number' ? id : undefined;
}

/**
 * The label column. Delivery outcomes and muting are spelled out as words as well as colour,
 * so a failed page or a held-back alert reads the same in greyscale.
 */
function Kind({ event }: { event: TimelineEvent }) {
  const outcome = deliveryOutcome(event);
  if (outcome) {
    const attempt = event.data?.['attempt'];
    return (
      <span className={`event-kind outcome-${outcome}`} title={`Delivery${typeof attempt === 'number' ? `, attempt ${attempt}` : ''}: ${outcome}`}>
        {outcome === 'failed-final' ? 'gave up' : outcome}
      </span>
    );
  }
  if (event.kind === 'muted') return <span className="event-kind muted-marker">muted</span>;
  return <span className="event-kind">{event.kind}</span>;
}

/** Oldest first, as a story is read. Sorted here too, since the order is part of what the page promises. */
export function Timeline({ events, now }: { events: TimelineEvent[]; now: number }) {
  const ordered = [...events].sort((a, b) => a.at - b.at || a.id - b.id);
  if (ordered.length === 0) return <p className="muted">No events yet.</p>;
  return (
    <ol className="timeline">
      {ordered.map((event) => {
        const outcome = deliveryOutcome(event);
        const notification = notificationId(event);
        const run = runId(event);
        return (
          <li
            key={event.id}
            data-testid="timeline-event"
            data-kind={event.kind}
            data-outcome={outcome}
            className={`event event-${event.kind}${outcome ? ` event-outcome-${outcome}` : ''}`}
          >
            <time dateTime={new Date(event.at).toISOString()} title={formatAbsolute(event.at)}>
              {formatShort(event.at, now)}
            </time>
            <Kind event={event} />
            <span className="event-actor">{event.actor}</span>
            <span className="event-message">
              {event.message}
              {notification !== undefined && (
                <>
                  {' '}
                  <Link href={`/notifications/${notification}`} className="event-link">
                    details
                  </Link>
                </>
              )}
              {run !== undefined && (
                <>
                  {' '}
                  <Link href={`/runbook-runs/${run}`} className="event-link">
                    view run
                  </Link>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
