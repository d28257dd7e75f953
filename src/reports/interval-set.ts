/** A half-open span of time [start, end) in epoch ms; every interval here has end > start. */
export interface Interval {
  start: number;
  end: number;
}

/** Sorted, with overlapping and touching intervals joined, empty ones dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else out.push({ start: next.start, end: next.end });
  }
  return out;
}

export function clipIntervals(intervals: readonly Interval[], from: number, to: number): Interval[] {
  return mergeIntervals(intervals.map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) })));
}

/** What of `a` is not covered by `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cut = mergeIntervals(b);
  const out: Interval[] = [];
  for (const piece of mergeIntervals(a)) {
    let start = piece.start;
    for (const hole of cut) {
      if (hole.end <= start) continue;
      if (hole.start >= piece.end) break;
      if (hole.start > start) out.push({ start, end: hole.start });
      start = Math.max(start, hole.end);
    }
    if (start < piece.end) out.push({ start, end: piece.end });
  }
  return out;
}

/** Where every one of the sets is covered at once; no sets at all cover nothing. */
export function intersectAll(sets: readonly (readonly Interval[])[]): Interval[] {
  if (sets.length === 0) return [];
  let common = mergeIntervals(sets[0]!);
  for (const set of sets.slice(1)) {
    const other = mergeIntervals(set);
    const next: Interval[] = [];
    for (const a of common) {
      for (const b of other) {
        const start = Math.max(a.start, b.start);
        const end = Math.min(a.end, b.end);
        if (end > start) next.push({ start, end });
      }
    }
    common = mergeIntervals(next);
  }
  return common;
}

export function totalMs(intervals: readonly Interval[]): number {
  return mergeIntervals(intervals).reduce((sum, i) => sum + (i.end - i.start), 0);
}
