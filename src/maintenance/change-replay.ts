import type { MaintenanceDef } from '../config/index.ts';
import type { MaintenanceChange } from '../store/index.ts';
import type { CreatedWindowSpec, Occurrence } from './occurrence-types.ts';
import { isScheduledStart, occurrenceAt, scheduledOccurrences } from './scheduled-occurrences.ts';

const key = (window: string, start: number) => `${window}\u0000${start}`;

/** A created window's spec as stored; fields a newer version added may be missing from older rows. */
function createdOccurrence(change: MaintenanceChange): Occurrence | null {
  const spec = change.spec as Partial<CreatedWindowSpec> | null;
  if (spec === null || typeof spec !== 'object') return null;
  return {
    window: change.window, source: 'api', title: spec.title ?? change.window, timezone: spec.timezone ?? 'UTC',
    services: spec.services ?? [], components: spec.components ?? [], message: spec.message ?? null,
    start: change.occurrenceStart, scheduledEnd: change.endsAt, end: change.endsAt,
    noticeAt: change.occurrenceStart - (spec.noticeMs ?? 0), changed: null,
  };
}

/**
 * The occurrences overlapping [from, to) as they really run: the config's schedules, then each
 * occurrence's changes replayed in the order they were made (the last end set wins), plus the
 * windows created through the API. `changes` must hold every change of each occurrence that may
 * overlap the range (MaintenanceStore.changesBetween from `from` minus the longest window).
 * Changes to a window no longer in the config, or to a start its schedule no longer produces,
 * are ignored: the config is what is declared. Sorted by start, then window.
 */
export function applyChanges(defs: readonly MaintenanceDef[], changes: readonly MaintenanceChange[], from: number, to: number): Occurrence[] {
  const byKey = new Map<string, Occurrence>();
  for (const def of defs) {
    for (const o of scheduledOccurrences(def, from, to)) byKey.set(key(o.window, o.start), o);
  }
  const defsById = new Map(defs.map((d) => [d.id, d]));
  for (const change of changes) {
    const k = key(change.window, change.occurrenceStart);
    let o = byKey.get(k);
    if (change.kind === 'create') {
      const created = createdOccurrence(change);
      if (created) byKey.set(k, created);
      continue;
    }
    if (!o) {
      // An occurrence that began before the range was scheduled out of it but may run into it now.
      const def = defsById.get(change.window);
      if (!def || !isScheduledStart(def, change.occurrenceStart)) continue;
      o = occurrenceAt(def, change.occurrenceStart);
      byKey.set(k, o);
    }
    o.end = change.endsAt;
    o.changed = { kind: change.kind, by: change.by, at: change.at };
  }
  return [...byKey.values()]
    .filter((o) => o.end > o.start && o.start < to && o.end > from)
    .sort((a, b) => a.start - b.start || a.window.localeCompare(b.window));
}
