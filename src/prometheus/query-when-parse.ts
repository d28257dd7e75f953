import { parseDuration } from '../time/index.ts';

export type QueryOperator = '>' | '>=' | '<' | '<=' | '==' | '!=';

export interface QueryWhen {
  expr: string;
  op: QueryOperator;
  threshold: number;
  forMs: number;
}

export type QueryWhenParse = { ok: true; when: QueryWhen } | { ok: false; message: string; column: number };

export const QUERY_PREFIX = 'prometheus:';
const OPERATORS: readonly QueryOperator[] = ['>=', '<=', '==', '!=', '>', '<'];
const FORM = 'expected "prometheus: <PromQL> <op> <number> [for D]", like "prometheus: sum(rate(errors_total[5m])) > 0.05 for 5m"';

/** True when `when:` is a PromQL rule rather than a rule over a check. */
export function isQueryWhen(text: string): boolean {
  return text.trimStart().startsWith(QUERY_PREFIX);
}

/**
 * `prometheus: <expr> <op> <threshold> [for D]`. Opsdeck reads only the tail, from the end: an
 * optional `for D`, then a number and a comparison; the rest is PromQL, passed to Prometheus as
 * written, so Prometheus reports its own syntax errors. The threshold may be written 5% (0.05) or
 * 500ms (0.5: Prometheus measures time in seconds). Columns are 0-based offsets into `text`.
 */
export function parseQueryWhen(text: string): QueryWhenParse {
  const start = text.indexOf(QUERY_PREFIX) + QUERY_PREFIX.length;
  const tokens = [...text.slice(start).matchAll(/\S+/g)].map((m) => ({ text: m[0], column: start + m.index }));
  const fail = (message: string, column: number): QueryWhenParse => ({ ok: false, message, column });
  if (tokens.length === 0) return fail(`${FORM}, found nothing after "prometheus:"`, text.length);

  let end = tokens.length;
  let forMs = 0;
  const forAt = tokens.findLastIndex((t) => t.text.toLowerCase() === 'for');
  // A "for" right after "<op> <number>" is ours, even when what follows it is wrong.
  if (forAt >= 2 && isOperatorLike(tokens[forAt - 2]!.text) && thresholdOf(tokens[forAt - 1]!.text) !== null) {
    const rest = tokens.slice(forAt + 1);
    if (rest.length === 0) return fail(`expected a duration like 5m after "for", found the end`, text.length);
    const parsed = parseDuration(rest.map((t) => t.text).join(' '));
    if (!parsed.ok) return fail(`for: ${parsed.message}`, rest[0]!.column);
    forMs = parsed.ms;
    end = forAt;
  }

  const thresholdToken = tokens[end - 1]!;
  const opToken = tokens[end - 2];
  const threshold = thresholdOf(thresholdToken.text);
  if (threshold === null || !opToken || !isOperatorLike(opToken.text)) {
    const at = opToken && isOperatorLike(opToken.text) ? thresholdToken : null;
    if (at) return fail(`expected a number like 0.05, 5% or 500ms after "${opToken!.text}", found "${at.text}"`, at.column);
    return fail(`missing threshold: ${FORM}, found no "<op> <number>" at the end`, thresholdToken.column + thresholdToken.text.length);
  }
  if (!(OPERATORS as readonly string[]).includes(opToken.text)) {
    return fail(`expected one of ${OPERATORS.join(', ')} before the threshold, found "${opToken.text}"`, opToken.column);
  }
  if (end - 2 === 0) return fail(`expected a PromQL expression before "${opToken.text}", found nothing`, opToken.column);
  const expr = text.slice(tokens[0]!.column, opToken.column).trim();
  return { ok: true, when: { expr, op: opToken.text as QueryOperator, threshold, forMs } };
}

/** Anything made only of comparison characters, so "=>" is reported as a bad operator, not as PromQL. */
function isOperatorLike(token: string): boolean {
  return /^[<>=!]{1,3}$/.test(token);
}

function thresholdOf(token: string): number | null {
  const percent = /^(-?\d+(?:\.\d+)?)%$/.exec(token);
  if (percent) return Number(percent[1]) / 100;
  if (/^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(token)) return Number(token);
  if (/^\d/.test(token)) {
    const duration = parseDuration(token);
    if (duration.ok) return duration.ms / 1000;
  }
  return null;
}
