// Times are shown in the browser's local time zone, compactly: on-call engineers scan
// "4m ago" faster than "4 minutes ago", and the full date is always one hover away.

const absolute = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatAbsolute(at: number): string {
  return absolute.format(at);
}

/** "14:05" today, "Mar 3, 14:05" on another day. */
export function formatShort(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? clock.format(at) : dayAndClock.format(at);
}

/** "45s", "12m", "3h 5m", "2d 4h": the largest unit, plus the next one while it still matters. */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 && d < 7 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** "12m ago" for the past, "in 12m" for the future. */
export function formatRelative(at: number, now: number): string {
  if (Math.abs(now - at) < 1000) return 'now';
  return at <= now ? `${formatSpan(now - at)} ago` : `in ${formatSpan(at - now)}`;
}
