import type { Occurrence, OccurrenceState } from './occurrence-types.ts';

/** An occurrence runs in [start, end): from its start, inclusive, until its end, exclusive. */
export function occurrenceState(o: Occurrence, now: number): OccurrenceState {
  if (now >= o.end) return 'ended';
  return now < o.start ? 'upcoming' : 'active';
}

export function activeWindows(occurrences: readonly Occurrence[], now: number): Occurrence[] {
  return occurrences.filter((o) => occurrenceState(o, now) === 'active');
}

/** Occurrences starting within (now, now + horizonMs], soonest first. */
export function upcoming(occurrences: readonly Occurrence[], now: number, horizonMs: number): Occurrence[] {
  return occurrences.filter((o) => o.start > now && o.start <= now + horizonMs && o.end > o.start);
}

/**
 * What a public status page shows: what runs now and what has been announced (its notice time
 * has come), so a window appears there the moment subscribers hear of it, and not before.
 */
export function announcedOrActive(occurrences: readonly Occurrence[], now: number): Occurrence[] {
  return occurrences.filter((o) => o.end > now && o.noticeAt <= now);
}

export interface Scope {
  services?: readonly string[];
  components?: readonly string[];
}

/** Whether an occurrence covers any service or component of the scope. */
export function covers(o: Occurrence, scope: Scope): boolean {
  return (scope.services ?? []).some((s) => o.services.includes(s)) || (scope.components ?? []).some((c) => o.components.includes(c));
}

/** The active occurrence covering the scope at `at` that ends last, or null: "under maintenance until ...". */
export function underMaintenance(occurrences: readonly Occurrence[], scope: Scope, at: number): Occurrence | null {
  let best: Occurrence | null = null;
  for (const o of occurrences) {
    if (occurrenceState(o, at) !== 'active' || !covers(o, scope)) continue;
    if (best === null || o.end > best.end) best = o;
  }
  return best;
}

/**
 * Maintenance as it really ran for a scope, clipped to [from, to) (what availability excludes).
 * Overlapping windows are left for the caller's interval arithmetic to merge.
 */
export function maintenanceIntervals(occurrences: readonly Occurrence[], scope: Scope, from: number, to: number): { start: number; end: number }[] {
  return occurrences
    .filter((o) => covers(o, scope))
    .map((o) => ({ start: Math.max(o.start, from), end: Math.min(o.end, to) }))
    .filter((i) => i.end > i.start);
}
