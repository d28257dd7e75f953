/**
 * What one instant query returned, in Opsdeck's terms: labels as a record, times in epoch ms,
 * values as numbers (Prometheus sends them as strings so that NaN and ±Inf survive JSON).
 */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
  at: number;
}

export type PromResult =
  | { type: 'vector'; samples: PromSample[] }
  | { type: 'scalar'; value: number; at: number }
  | { type: 'matrix'; series: { labels: Record<string, string>; values: { at: number; value: number }[] }[] }
  | { type: 'string'; value: string; at: number };

/**
 * Prometheus's own error types (bad_data, execution, timeout, canceled, internal, unavailable,
 * not_found), plus what went wrong before Prometheus could say anything: `unreachable` (refused,
 * unknown host, no answer in time), `http` (an answer that is not the API, like a proxy's 404),
 * `invalid_response` (a 2xx whose body is not the envelope).
 */
export type PromErrorKind = 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal' | 'unavailable' | 'not_found' | 'unreachable' | 'http' | 'invalid_response';

export interface PromError {
  kind: PromErrorKind;
  /** For people: what failed and, where Prometheus said, why. */
  message: string;
  /** The HTTP status, when there was an answer. */
  status: number | null;
}

export type QueryOutcome = { ok: true; result: PromResult; warnings: string[] } | { ok: false; error: PromError };

/** Prometheus's spelling of a sample value, so a person sees "+Inf" where the API said "+Inf". */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
