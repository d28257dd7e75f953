const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const formats = new Map<string, Intl.DateTimeFormat>();

/** "1 Dec 2026, 14:05 UTC" in the page's zone; formatters are costly to build, so one per zone. */
export function formatInstant(ms: number, zone: string): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    });
    formats.set(zone, format);
  }
  return format.format(ms);
}

/** "1 Dec" from a calendar date "2026-12-01" (a bar's label: its day, not an instant). */
export function dayLabel(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1]}`;
}

export const isoInstant = (ms: number) => new Date(ms).toISOString();

/** "2 h 5 min", "3 days 4 h": how long an incident or window lasts, to the minute. */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? `${days} day${days === 1 ? '' : 's'}` : '', hours ? `${hours} h` : '', mins || (!days && !hours) ? `${mins} min` : ''];
  return parts.filter(Boolean).slice(0, 2).join(' ');
}
