import type { LocalDateTime } from './local-time.ts';
import { daysInMonth, resolveLocal } from './local-time.ts';
import type { Parsed } from './parse-result.ts';
import { isValidZone } from './zone-offset.ts';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_EXAMPLE = '"2026-12-24T17:00", "2026-12-24 17:00" or "2026-12-24"';

function checkParts(year: number, month: number, day: number, hour: number, minute: number): string | null {
  if (month < 1 || month > 12) return 'the month must be 01-12';
  if (day < 1 || day > daysInMonth(year, month)) return `${year}-${String(month).padStart(2, '0')} has no day ${day}`;
  if (hour > 23) return 'the hour must be 0-23';
  if (minute > 59) return 'the minutes must be 0-59';
  return null;
}

/** A wall-clock date-time with no zone; a bare date means its midnight. */
export function parseLocalDateTime(text: string): Parsed<LocalDateTime> {
  const trimmed = text.trim();
  const match = LOCAL.exec(trimmed);
  if (!match) return { ok: false, message: `expected a local date-time like ${LOCAL_EXAMPLE}, found "${text}"` };
  const [year, month, day, hour, minute] = match.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  const problem = checkParts(year, month, day, hour, minute);
  if (problem) return { ok: false, message: `expected a local date-time like ${LOCAL_EXAMPLE}, found "${text}": ${problem}` };
  return { ok: true, value: { year, month, day, hour, minute } };
}

/**
 * An instant people type on a command line or in config: an ISO instant with Z or an offset
 * ("2026-12-24T16:00:00Z", "2026-12-24T17:00+01:00"), or a local date-time resolved in `zone`
 * by the calendar's rules (a time in a gap happens at the transition, a repeated one at its first
 * occurrence).
 */
export function parseInstant(text: string, zone: string): Parsed<number> {
  const trimmed = text.trim();
  const instant = INSTANT.exec(trimmed);
  if (instant) {
    const [, y, mo, d, h, mi, s, ms, offset] = instant as unknown as string[];
    const parts = [y, mo, d, h, mi].map(Number) as [number, number, number, number, number];
    const problem = checkParts(...parts) ?? (Number(s ?? 0) > 59 ? 'the seconds must be 0-59' : null);
    if (problem) return { ok: false, message: `expected an instant like "2026-12-24T16:00:00Z", found "${text}": ${problem}` };
    const utc = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], Number(s ?? 0), Number((ms ?? '0').padEnd(3, '0')));
    return { ok: true, value: utc - offsetMs(offset!) };
  }
  const local = parseLocalDateTime(trimmed);
  if (!local.ok) {
    return {
      ok: false,
      message: `expected a local date-time like ${LOCAL_EXAMPLE} or an instant like "2026-12-24T16:00:00Z", found "${text}"`,
    };
  }
  if (!isValidZone(zone)) return { ok: false, message: `expected an IANA time zone like "Europe/Berlin", found "${zone}"` };
  return { ok: true, value: resolveLocal(zone, local.value) };
}

function offsetMs(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return (offset[0] === '-' ? -1 : 1) * minutes * 60_000;
}
