import { addLocalDays, parseInstant, parseLocalDateTime, resolveLocal } from '../calendar/index.ts';

const BARE_DATE = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/**
 * A due time as people write it. A bare date means "by the end of that day" in the config's zone
 * (the next local midnight), which is what "due 2026-04-01" means to whoever owns the item; a time
 * or an instant means exactly that.
 */
export function parseDue(text: string, zone: string): { ok: true; value: number } | { ok: false; message: string } {
  if (BARE_DATE.test(text)) {
    const date = parseLocalDateTime(text);
    if (!date.ok) return { ok: false, message: date.message };
    return { ok: true, value: resolveLocal(zone, { ...addLocalDays(date.value, 1), hour: 0, minute: 0 }) };
  }
  const instant = parseInstant(text, zone);
  return instant.ok ? { ok: true, value: instant.value } : { ok: false, message: instant.message };
}
