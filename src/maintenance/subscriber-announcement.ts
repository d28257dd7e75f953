import { notifySubscribers, type SubscriberFanOut } from '../subscriptions/index.ts';
import type { Announce } from './announce-task.ts';
import type { Occurrence } from './occurrence-types.ts';

const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function wall(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
  }).format(ms);
}

/** "2026-03-07 02:00 UTC to 2026-03-07 06:00 UTC", with the window's own wall clock when it is not UTC. */
export function describeSpan(o: Pick<Occurrence, 'start' | 'end' | 'timezone'>): string {
  const span = `${utc(o.start)} to ${utc(o.end)}`;
  return o.timezone === 'UTC' ? span : `${span} (${wall(o.start, o.timezone)} to ${wall(o.end, o.timezone)})`;
}

/** What subscribers of the window's components are told, once per occurrence (the key keeps it once in the outbox too). */
export function subscriberAnnouncement(o: Occurrence, organization: string): SubscriberFanOut {
  const scope = o.components.length > 0 ? `Affected: ${o.components.join(', ')}.\n` : '';
  return {
    kind: 'maintenance.announcement',
    key: `maintenance:${o.window}:${o.start}`,
    components: o.components,
    subject: `${organization} scheduled maintenance: ${o.title}, ${utc(o.start)}`,
    text: `Scheduled maintenance: ${o.title}\nWhen: ${describeSpan(o)}\n${scope}${o.message ? `\n${o.message}\n` : ''}`,
    incident: null,
  };
}

/**
 * The app's Announce: the subscribers' outbox rows, in the announcer's transaction (the caller
 * kicks the delivery worker after it commits, so the rows are there to be claimed).
 */
export function announceToSubscribers(deps: { organization: () => string; publicUrl: () => string; now: () => number }): Announce {
  return async (tx, o) => {
    await notifySubscribers(tx, { organization: deps.organization(), publicUrl: deps.publicUrl(), now: deps.now() }, subscriberAnnouncement(o, deps.organization()));
  };
}
