import type { PromError, PromErrorKind, PromResult, PromSample, QueryOutcome } from './prom-result.ts';

/**
 * Reads an answer of /api/v1/query: the JSON envelope `{status, data: {resultType, result}}` on
 * success, `{status: "error", errorType, error}` on failure (400 bad_data, 422 execution, 503
 * timeout), or something that is not the API at all (a plain-text 404 from a wrong base URL or a
 * proxy). Pure, so every shape is tested from captured answers without a server.
 */
export function readQueryAnswer(status: number, body: string, where: string): QueryOutcome {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return failure(status >= 200 && status < 300 ? 'invalid_response' : 'http', status, notTheApi(status, body, where));
  }
  if (!isRecord(envelope) || (envelope['status'] !== 'success' && envelope['status'] !== 'error')) {
    return failure(status >= 200 && status < 300 ? 'invalid_response' : 'http', status, notTheApi(status, body, where));
  }
  if (envelope['status'] === 'error') {
    const type = typeof envelope['errorType'] === 'string' ? envelope['errorType'] : 'internal';
    const text = typeof envelope['error'] === 'string' ? envelope['error'] : '(no error text)';
    return failure(errorKind(type), status, describePromError(type, text));
  }
  const data = envelope['data'];
  const result = isRecord(data) ? readResult(data['resultType'], data['result']) : null;
  if (typeof result === 'string' || result === null) {
    return failure('invalid_response', status, `${where} answered success with ${result ?? 'no data'}; expected data.resultType vector, scalar, matrix or string with its result`);
  }
  const warnings = Array.isArray(envelope['warnings']) ? envelope['warnings'].filter((w): w is string => typeof w === 'string') : [];
  return { ok: true, result, warnings };
}

/**
 * Prometheus's error text reworded where a person benefits: a parse error names its column
 * ("1:18: parse error: unclosed left parenthesis" -> "PromQL parse error at column 18: unclosed
 * left parenthesis"); everything else keeps Prometheus's words behind what kind of failure it was.
 */
export function describePromError(type: string, text: string): string {
  const parse = /^(?:invalid parameter "query": )?(\d+):(\d+): parse error: (.*)$/s.exec(text);
  if (parse) {
    const [, line, column, what] = parse;
    return `PromQL parse error at ${line === '1' ? '' : `line ${line}, `}column ${column}: ${what}`;
  }
  switch (type) {
    case 'bad_data':
      return `Prometheus rejected the query: ${text}`;
    case 'execution':
      return `the query failed while Prometheus ran it: ${text}`;
    case 'timeout':
      return `the query timed out in Prometheus: ${text}`;
    case 'canceled':
      return `Prometheus cancelled the query: ${text}`;
    default:
      return `Prometheus answered ${type}: ${text}`;
  }
}

const KINDS: readonly PromErrorKind[] = ['bad_data', 'execution', 'timeout', 'canceled', 'internal', 'unavailable', 'not_found'];

function errorKind(type: string): PromErrorKind {
  return (KINDS as readonly string[]).includes(type) ? (type as PromErrorKind) : 'internal';
}

function failure(kind: PromErrorKind, status: number, message: string): QueryOutcome {
  const error: PromError = { kind, message, status };
  return { ok: false, error };
}

function notTheApi(status: number, body: string, where: string): string {
  const excerpt = body.trim().slice(0, 120);
  const hint = status === 404 ? '; the datasource url should be the Prometheus base URL, like http://127.0.0.1:9090' : '';
  return `${where} answered ${status} with ${excerpt ? JSON.stringify(excerpt) : 'an empty body'}, not the Prometheus API's JSON${hint}`;
}

/** The result, or a description of what was there instead (for the error message). */
function readResult(type: unknown, result: unknown): PromResult | string {
  switch (type) {
    case 'vector': {
      if (!Array.isArray(result)) return 'a vector that is not a list';
      const samples: PromSample[] = [];
      for (const item of result) {
        const point = isRecord(item) ? readPoint(item['value']) : null;
        if (!point || !isRecord(item) || !isLabels(item['metric'])) return 'a vector element without metric and value';
        samples.push({ labels: item['metric'], ...point });
      }
      return { type, samples };
    }
    case 'scalar':
    case 'string': {
      if (!Array.isArray(result) || result.length !== 2 || typeof result[0] !== 'number' || typeof result[1] !== 'string') return `a ${type} that is not [time, "value"]`;
      if (type === 'string') return { type, value: result[1], at: Math.round(result[0] * 1000) };
      const point = readPoint(result);
      return point ? { type, ...point } : 'a scalar whose value is not a number';
    }
    case 'matrix': {
      if (!Array.isArray(result)) return 'a matrix that is not a list';
      const series = [];
      for (const item of result) {
        if (!isRecord(item) || !isLabels(item['metric']) || !Array.isArray(item['values'])) return 'a matrix element without metric and values';
        const values = item['values'].map(readPoint);
        if (values.some((v) => v === null)) return 'a matrix point that is not [time, "value"]';
        series.push({ labels: item['metric'], values: values as { at: number; value: number }[] });
      }
      return { type, series };
    }
    default:
      return `resultType ${JSON.stringify(type)}`;
  }
}

/** `[1795353939.755, "0"]` -> { at: ms, value }; "NaN", "+Inf" and "-Inf" are values too. */
function readPoint(point: unknown): { at: number; value: number } | null {
  if (!Array.isArray(point) || point.length !== 2 || typeof point[0] !== 'number' || typeof point[1] !== 'string') return null;
  const value = sampleValue(point[1]);
  return value === null ? null : { at: Math.round(point[0] * 1000), value };
}

export function sampleValue(text: string): number | null {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? null : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLabels(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}
