import { parseDuration } from '../time/index.ts';

/**
 * The condition of an alert rule over one check, as written in `when:`:
 *   "health failing"                          -> failing now
 *   "health failing for 2m"                   -> failing continuously for 2m
 *   "health failing 3 of last 5"              -> at least 3 of the last 5 runs failed
 *   "health response time above 500ms for 5m" -> every run slower than 500ms for 5m
 * Every form takes an optional trailing "for D" (Prometheus `for`).
 */
export type WhenCondition =
  | { kind: 'failing'; check: string; forMs: number }
  | { kind: 'failing_n_of_m'; check: string; n: number; m: number; forMs: number }
  | { kind: 'slow'; check: string; thresholdMs: number; forMs: number };

export type WhenParse =
  | { ok: true; when: WhenCondition; checkColumn: number }
  | { ok: false; message: string; column: number };

const FORMS = 'expected "<check> failing [for D]", "<check> failing N of last M [for D]" or "<check> response time above X [for D]"';

interface Token {
  text: string;
  column: number;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], column: m.index }));
}

function duration(tok: Token | undefined, what: string, end: number): { ms: number } | { message: string; column: number } {
  if (!tok) return { message: `expected ${what} after this, found the end`, column: end };
  const parsed = parseDuration(tok.text);
  return parsed.ok ? { ms: parsed.ms } : { message: `${what}: ${parsed.message}`, column: tok.column };
}

export function parseWhen(text: string): WhenParse {
  const toks = tokenize(text);
  const end = text.length;
  const check = toks[0];
  if (!check) return { ok: false, message: `empty condition; ${FORMS}`, column: 0 };
  let i = 1;
  const word = () => toks[i]?.text.toLowerCase();
  const fail = (message: string, column = toks[i]?.column ?? end): WhenParse => ({ ok: false, message, column });

  let when: WhenCondition;
  if (word() === 'failing') {
    i++;
    if (toks[i] && /^\d+$/.test(toks[i]!.text)) {
      const n = Number(toks[i++]!.text);
      if (word() !== 'of') return fail(`expected "of" in "N of last M", found ${toks[i] ? `"${toks[i]!.text}"` : 'the end'}`);
      i++;
      if (word() === 'the') i++;
      if (word() !== 'last') return fail(`expected "last" in "N of last M", found ${toks[i] ? `"${toks[i]!.text}"` : 'the end'}`);
      i++;
      const mTok = toks[i];
      if (!mTok || !/^\d+$/.test(mTok.text)) return fail(`expected a whole number of runs after "last", found ${mTok ? `"${mTok.text}"` : 'the end'}`);
      const m = Number(mTok.text);
      if (n < 1 || n > m) return fail(`expected 1 <= N <= M in "N of last M", found ${n} of last ${m}`, toks[i - 3]!.column);
      i++;
      when = { kind: 'failing_n_of_m', check: check.text, n, m, forMs: 0 };
    } else {
      when = { kind: 'failing', check: check.text, forMs: 0 };
    }
  } else if (word() === 'response' || word() === 'response_time') {
    if (word() === 'response') {
      i++;
      if (word() !== 'time') return fail(`expected "time" after "response", found ${toks[i] ? `"${toks[i]!.text}"` : 'the end'}`);
    }
    i++;
    if (word() !== 'above' && word() !== '>') return fail(`expected "above" after "response time", found ${toks[i] ? `"${toks[i]!.text}"` : 'the end'}`);
    i++;
    const threshold = duration(toks[i], 'a response time like 500ms', end);
    if ('message' in threshold) return fail(threshold.message, threshold.column);
    i++;
    when = { kind: 'slow', check: check.text, thresholdMs: threshold.ms, forMs: 0 };
  } else {
    return fail(`${FORMS}, found ${toks[i] ? `"${toks[i]!.text}"` : 'the end'} after the check name`);
  }

  if (word() === 'for') {
    i++;
    const d = duration(toks[i], 'a duration', end);
    if ('message' in d) return fail(d.message, d.column);
    when.forMs = d.ms;
    i++;
  }
  if (toks[i]) return fail(`unexpected "${toks[i]!.text}"; ${FORMS}`);
  return { ok: true, when, checkColumn: check.column };
}
