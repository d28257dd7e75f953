/**
 * Fixed-memory lateness percentiles for the benchmark and /metrics: a
 * log-linear histogram (HdrHistogram's layout, simplified). Values below
 * SUB_BUCKETS ms are exact to the millisecond; above, each power of two is cut
 * into SUB_BUCKETS slices, so a reported percentile is within ~3% of the truth.
 * Recording is O(1) with no allocation, whatever the sample rate.
 */
const SUB_BITS = 5;
const SUB_BUCKETS = 1 << SUB_BITS;
/** 2^32 ms is ~50 days; anything later shares the top bucket and max stays exact. */
const TOP_EXPONENT = 32;
const BUCKETS = SUB_BUCKETS * (TOP_EXPONENT - SUB_BITS + 1);

export interface LatenessSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LatenessHistogram {
  record(ms: number): void;
  /** Upper bound of the bucket holding the q-quantile (0..1), capped at the exact max; 0 when empty. */
  quantile(q: number): number;
  summary(): LatenessSummary;
  reset(): void;
}

function bucketOf(ms: number): number {
  const v = Math.min(Math.floor(ms), 2 ** TOP_EXPONENT - 1);
  if (v < SUB_BUCKETS) return v;
  const exponent = 31 - Math.clz32(v); // floor(log2 v) >= SUB_BITS
  const shift = exponent - SUB_BITS;
  return SUB_BUCKETS * (shift + 1) + ((v >>> shift) - SUB_BUCKETS);
}

/** Largest whole millisecond that lands in the bucket (values are floored on entry). */
function bucketUpper(index: number): number {
  if (index < SUB_BUCKETS) return index;
  const shift = Math.floor(index / SUB_BUCKETS) - 1;
  const sub = (index % SUB_BUCKETS) + SUB_BUCKETS;
  return (sub + 1) * 2 ** shift - 1;
}

export function createLatenessHistogram(): LatenessHistogram {
  // Float64 counts: exact to 2^53, so a months-long run without reset cannot wrap.
  const counts = new Float64Array(BUCKETS);
  let count = 0;
  let max = 0;

  function record(ms: number): void {
    // A clock stepping backwards can make lateness negative; it was not late.
    const v = ms > 0 ? ms : 0;
    counts[bucketOf(v)]!++;
    count++;
    if (v > max) max = v;
  }

  function quantile(q: number): number {
    if (count === 0) return 0;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += counts[i]!;
      if (seen >= rank) return Math.min(bucketUpper(i), max);
    }
    return max;
  }

  function summary(): LatenessSummary {
    return { count, p50: quantile(0.5), p99: quantile(0.99), max };
  }

  function reset(): void {
    counts.fill(0);
    count = 0;
    max = 0;
  }

  return { record, quantile, summary, reset };
}
