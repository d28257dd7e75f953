/** How big compaction's units are and what happens between them. */
export interface UnitPacing {
  /** Oldest rows looked at to pick the first unit's checks. */
  initialRows: number;
  /** Never more: each picked check id becomes a bound parameter (SQLite allows 32,766 per statement). */
  maxRows: number;
  /** What one unit should take. The next unit is sized from how long this one took. */
  targetMs: number;
  /** Runs between units. On SQLite every statement blocks the event loop, so this lets other work in. */
  pause(): Promise<void>;
  /** Checked between units: once aborted, no further unit starts. */
  signal?: AbortSignal;
}

/**
 * Lets whatever else is ready run before the caller goes on. setImmediate alone resumes the
 * caller in the same turn as whatever the poll phase just ran, so after a long stretch there
 * (an append) the two would add up before any timer (a due check) got its turn; when the
 * immediate came late, this waits for the timers phase too, where the due timers go first.
 */
export async function yieldToEventLoop(): Promise<void> {
  const asked = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  if (performance.now() - asked > 2) await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Compaction's loop. `oldest(n)` gives the check ids of the n oldest rows still below the cut
 * (one id per row, so repeats are possible); `work` must then fold or drop every row of those
 * checks below the cut. So each unit takes the oldest rows out, and the loop ends when none
 * are left (or fewer than asked for came back, and the last unit took them).
 *
 * Oldest first, rather than check ids in order, because of where rows live: rows are stored
 * in the order they were written, and checks run at spread-out phases, so the checks of the
 * oldest rows have their rows next to each other in every minute. The rows a unit deletes then
 * share table and time-index pages instead of each dirtying pages of their own, and pages
 * written are most of what a unit costs: a minute of 50,000 checks folded in ~2/3 of the time
 * it took in check-id order.
 *
 * Units grow or shrink so each takes about pacing.targetMs: 1,000 checks are 2,000 raw rows
 * when they run every 30 s, 60,000 when they carry an hour of backlog, and only the clock
 * knows which. Returns how many units there were; it pauses between them, not after the last.
 */
export async function forEachOldestUnit(
  oldest: (limit: number) => Promise<string[]>,
  pacing: UnitPacing,
  work: (checkIds: string[]) => Promise<void>,
): Promise<number> {
  let size = pacing.initialRows;
  let previous = '';
  let units = 0;
  while (!pacing.signal?.aborted) {
    const started = performance.now();
    const rows = await oldest(size);
    if (rows.length === 0) break;
    const ids = [...new Set(rows)];
    // work removes these checks' rows below the cut, so the same oldest rows coming back
    // means it did not; stop rather than spin.
    const key = ids.join('\n');
    if (key === previous) throw new Error(`store: compaction made no progress (checks ${ids.slice(0, 3).join(', ')}...)`);
    previous = key;
    await work(ids);
    units++;
    if (rows.length < size) break;
    size = nextUnitSize(size, performance.now() - started, pacing);
    await pacing.pause();
  }
  return units;
}

/** Scales toward the target time, at most doubling per step so that one quick unit cannot overshoot far. */
export function nextUnitSize(size: number, elapsedMs: number, pacing: Pick<UnitPacing, 'maxRows' | 'targetMs'>): number {
  const scale = Math.min(2, pacing.targetMs / Math.max(elapsedMs, 0.01));
  return Math.max(1, Math.min(pacing.maxRows, Math.floor(size * scale)));
}
