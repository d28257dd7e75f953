/**
 * Where in its interval a check fires. The phase is a pure function of the id,
 * anchored to the epoch rather than to process start, so a restart or a reload
 * keeps every check on the same wall-clock slots (and a restart runs each check
 * again within one interval), while 50,000 checks spread evenly instead of
 * firing in one burst.
 */

/** FNV-1a over UTF-16 code units, then murmur3's finaliser: ids like "api/check-1", "api/check-2" differ in one char, and plain FNV leaves that in the low bits. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Offset in [0, intervalMs). Scaling the hash (rather than hash % interval) keeps a
 * check at the same fraction of its interval when the interval changes, and works
 * for intervals longer than 2^32 ms.
 */
export function phaseOf(id: string, intervalMs: number): number {
  return Math.floor((hashId(id) / 0x1_0000_0000) * intervalMs);
}

/** The first slot (phase + k * interval) at or after `now`. */
export function slotAtOrAfter(now: number, intervalMs: number, phase: number): number {
  return phase + Math.ceil((now - phase) / intervalMs) * intervalMs;
}

/** The first slot strictly after `now`. */
export function slotAfter(now: number, intervalMs: number, phase: number): number {
  return phase + (Math.floor((now - phase) / intervalMs) + 1) * intervalMs;
}
