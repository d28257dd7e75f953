/**
 * Just enough of the Prometheus text format to read opsdeck's own /metrics:
 * sums of a counter's series and a histogram's cumulative buckets.
 */
export interface Histogram {
  /** Upper bounds in seconds, ascending, +Inf last; counts are cumulative. */
  buckets: Array<{ le: number; count: number }>;
  count: number;
  sum: number;
}

const LINE = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/;

function series(text: string, name: string): Array<{ labels: string; value: number }> {
  const out: Array<{ labels: string; value: number }> = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (m && m[1] === name) out.push({ labels: m[2] ?? '', value: Number(m[3]) });
  }
  return out;
}

export function counterTotal(text: string, name: string): number {
  return series(text, name).reduce((sum, s) => sum + s.value, 0);
}

export function histogram(text: string, name: string): Histogram {
  const buckets = series(text, `${name}_bucket`).map((s) => {
    const le = /le="([^"]+)"/.exec(s.labels)?.[1] ?? '+Inf';
    return { le: le === '+Inf' ? Infinity : Number(le), count: s.value };
  });
  return {
    buckets: buckets.sort((a, b) => a.le - b.le),
    count: counterTotal(text, `${name}_count`),
    sum: counterTotal(text, `${name}_sum`),
  };
}

/** later - earlier, bucket by bucket: the observations made between two scrapes. */
export function histogramDelta(later: Histogram, earlier: Histogram): Histogram {
  return {
    buckets: later.buckets.map((b, i) => ({ le: b.le, count: b.count - (earlier.buckets[i]?.count ?? 0) })),
    count: later.count - earlier.count,
    sum: later.sum - earlier.sum,
  };
}

/**
 * The smallest bucket bound that holds the q-quantile (seconds): with coarse
 * buckets this is an upper bound, not an estimate ("p99 <= 50 ms").
 */
export function quantileBound(h: Histogram, q: number): number {
  if (h.count === 0) return 0;
  const rank = q * h.count;
  return h.buckets.find((b) => b.count >= rank)?.le ?? Infinity;
}

/** Share of observations at or below `le` seconds (needs a bucket at exactly that bound). */
export function shareAtOrBelow(h: Histogram, le: number): number | null {
  const bucket = h.buckets.find((b) => b.le === le);
  return bucket === undefined || h.count === 0 ? null : bucket.count / h.count;
}
