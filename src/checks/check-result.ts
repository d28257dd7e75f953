/** One condition as evaluated, with the resolved value shown: "[STATUS] (503) == 200". */
export interface ConditionResult {
  text: string;
  ok: boolean;
}

/** One run of one check. checkId is "<service>/<check>". */
export interface CheckResult {
  checkId: string;
  /** Start of the run, epoch ms. */
  at: number;
  durationMs: number;
  ok: boolean;
  /** Why the probe could not observe (null when it could; conditions then say why it failed). */
  error: string | null;
  conditions: ConditionResult[];
}

/** A check going from passing to failing or back; kept for good. */
export interface CheckStateChange {
  checkId: string;
  at: number;
  ok: boolean;
  /** The failing conditions or error at the change, for history views. */
  reason: string;
}

/** Aggregated results of one check over one minute or hour. */
export interface CheckRollup {
  checkId: string;
  bucket: 'minute' | 'hour';
  start: number;
  runs: number;
  failures: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}
