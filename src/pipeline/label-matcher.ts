/**
 * Alertmanager-style label matchers, shared by silences and inhibit rules.
 * A regex matcher is anchored (matches the whole value), as in Alertmanager;
 * a label that is absent has the value "".
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export type Labels = Readonly<Record<string, string>>;

/**
 * Matchers are stored as plain data (config, silences in the database), so the
 * anchored RegExp is compiled on first use and kept: a busy pipeline evaluates
 * the same few silence and inhibit regexes for every alert. The cap only stops
 * a stream of distinct regexes (silences created and expired over months) from
 * growing the cache without bound.
 */
const compiled = new Map<string, RegExp>();
const COMPILED_CAP = 2000;

/** The anchored form of a regex matcher's value; throws SyntaxError when it is not a valid regex. */
export function anchoredRegex(value: string): RegExp {
  let re = compiled.get(value);
  if (re === undefined) {
    // Compiled alone first: "a)|(b" is unbalanced, yet wrapped it would compile as ^(?:a)|(b)$ and match unanchored.
    new RegExp(value);
    re = new RegExp(`^(?:${value})$`);
    if (compiled.size >= COMPILED_CAP) compiled.clear();
    compiled.set(value, re);
  }
  return re;
}

export function matches(m: Matcher, labels: Labels): boolean {
  const actual = labels[m.label] ?? '';
  switch (m.op) {
    case '=': return actual === m.value;
    case '!=': return actual !== m.value;
    case '=~': return anchoredRegex(m.value).test(actual);
    case '!~': return !anchoredRegex(m.value).test(actual);
  }
}

/** True when every matcher matches; an empty list matches every alert. */
export function matchesAll(matchers: readonly Matcher[], labels: Labels): boolean {
  for (const m of matchers) if (!matches(m, labels)) return false;
  return true;
}

/** `service="api"`: the form parseMatcher reads back, used in timeline text. */
export function formatMatcher(m: Matcher): string {
  return `${m.label}${m.op}"${m.value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
