// Times in a named IANA zone rather than the browser's: a schedule's handoffs happen at
// 17:00 in its own zone, and that is how its members talk about them. Only Intl is used,
// so the bundle carries no time-zone database of its own.

const partsCache = new Map<string, Intl.DateTimeFormat>();
const displayCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsCache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsCache.set(zone, format);
  }
  return format;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(at: number, zone: string): LocalParts {
  const values: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(at)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values['year'] ?? 1970,
    month: values['month'] ?? 1,
    day: values['day'] ?? 1,
    hour: (values['hour'] ?? 0) % 24,
    minute: values['minute'] ?? 0,
    second: values['second'] ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at `at`. */
function offsetAt(at: number, zone: string): number {
  const p = localParts(at, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant the zone's clocks show this wall time, by DESIGN.md's rules: a time shown twice
 * is its first occurrence; a time the clocks skip is the transition instant that skips it.
 */
export function instantOf(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // No zone changes offset twice within two days, so the offsets a day either side are the
  // only candidates.
  const before = offsetAt(wall - 86_400_000, zone);
  const after = offsetAt(wall + 86_400_000, zone);
  const fits = [wall - before, wall - after].filter((t) => offsetAt(t, zone) === wall - t).sort((a, b) => a - b);
  if (fits[0] !== undefined) return fits[0];
  // In the gap: search, to the minute, for the first instant on the new offset.
  let low = wall - before;
  let high = wall - after;
  if (low > high) [low, high] = [high, low];
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (offsetAt(middle, zone) === after) high = middle;
    else low = middle;
  }
  return high;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-12-02": a day in the zone, usable as a key. */
export function dayKey(at: number, zone: string): string {
  const p = localParts(at, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export interface ZoneDay {
  key: string;
  /** Local midnight, and the next day's. */
  start: number;
  end: number;
}

/** `count` whole local days starting with the one that contains `from`; a DST day is 23 or 25 hours long. */
export function zoneDays(from: number, count: number, zone: string): ZoneDay[] {
  const first = localParts(from, zone);
  const days: ZoneDay[] = [];
  for (let i = 0; i < count; i++) {
    // Date.UTC rolls day 32 into the next month, so calendar arithmetic stays in UTC.
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const next = new Date(Date.UTC(first.year, first.month - 1, first.day + i + 1));
    const start = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, 0, zone);
    const end = instantOf(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, zone);
    days.push({ key: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`, start, end });
  }
  return days;
}

type Style = 'clock' | 'day' | 'dayClock';

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { weekday: 'short', month: 'short', day: 'numeric' },
  dayClock: { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

/** "17:00", "Fri, Dec 4" or "Fri, Dec 4, 17:00", on the zone's wall clock. */
export function formatInZone(at: number, zone: string, style: Style): string {
  const cacheKey = `${zone} ${style}`;
  let format = displayCache.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...STYLES[style], timeZone: zone });
    displayCache.set(cacheKey, format);
  }
  return format.format(at);
}

/** The value of an `<input type="datetime-local">` showing `at` on the zone's wall clock. */
export function toLocalInput(at: number, zone: string): string {
  const p = localParts(at, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Reads a datetime-local value as wall time in `zone`; undefined when it is empty or malformed. */
export function fromLocalInput(value: string, zone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return undefined;
  return instantOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), zone);
}

/** The browser's own zone, for forms whose times are not tied to a schedule. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
