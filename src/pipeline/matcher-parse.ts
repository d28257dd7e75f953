import { anchoredRegex, type Matcher, type MatchOp } from './label-matcher.ts';

/** `column` is the 0-based offset into the text where the problem starts (as parseCondition's). */
export type MatcherParse = { ok: true; matcher: Matcher } | { ok: false; message: string; column: number };

const NAME_START = /[A-Za-z_]/;
const NAME_REST = /[A-Za-z0-9_]/;
// Longest first, so "=~" is not read as "=" followed by a value starting with "~".
const OPERATORS: readonly MatchOp[] = ['!=', '!~', '=~', '='];
const OPERATOR_LIST = '=, !=, =~, !~';

/**
 * Reads `name=value`, `name!=value`, `name=~regex` or `name!~regex`, as in
 * Alertmanager's `amtool silence add`. The value may be in double quotes
 * (needed for leading or trailing spaces); inside quotes `\"` is a quote and
 * `\\` a backslash, and any other backslash is kept, so a regex like
 * `"v1\.2"` needs no doubling.
 */
export function parseMatcher(text: string): MatcherParse {
  let i = skipSpaces(text, 0);
  if (i >= text.length) return fail('expected a matcher like service="api", found nothing', i);

  const nameStart = i;
  if (!NAME_START.test(text[i]!)) {
    return fail(`expected a label name (a letter or _, then letters, digits or _), found ${found(text, i)}`, i);
  }
  while (i < text.length && NAME_REST.test(text[i]!)) i++;
  const label = text.slice(nameStart, i);

  i = skipSpaces(text, i);
  const op = OPERATORS.find((o) => text.startsWith(o, i));
  if (op === undefined) {
    // Right after the name and not an operator: most likely a character a label name cannot hold (service-name=api).
    const hint = i === nameStart + label.length && i < text.length && !isOperatorChar(text[i]!)
      ? ' (a label name has only letters, digits and _)'
      : '';
    return fail(`expected an operator (${OPERATOR_LIST}) after ${label}, found ${found(text, i)}${hint}`, i);
  }
  if (op === '=' && text[i + 1] === '=') return fail(`expected an operator (${OPERATOR_LIST}) after ${label}, found "==" (a matcher uses a single =)`, i);
  i = skipSpaces(text, i + op.length);

  const valueStart = i;
  let value: string;
  if (text[i] === '"') {
    const quoted = readQuoted(text, i);
    if (!quoted.ok) return quoted;
    value = quoted.value;
    const end = skipSpaces(text, quoted.end);
    if (end < text.length) return fail(`expected end of matcher after the quoted value, found ${found(text, end)}`, end);
  } else {
    value = text.slice(i).trimEnd();
  }

  if (op === '=~' || op === '!~') {
    try {
      anchoredRegex(value);
    } catch (error) {
      const reason = error instanceof SyntaxError ? error.message.replace(/^.*: /, '') : String(error);
      return fail(`expected a regular expression after ${op}, found ${JSON.stringify(value)} (${reason})`, valueStart);
    }
  }
  return { ok: true, matcher: { label, op, value } };
}

function readQuoted(text: string, open: number): { ok: true; value: string; end: number } | { ok: false; message: string; column: number } {
  let value = '';
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return { ok: true, value, end: i + 1 };
    if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[i + 1];
      i++;
    } else {
      value += ch;
    }
  }
  return fail('expected " to close the quoted value, found end of matcher', text.length);
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

const isOperatorChar = (ch: string): boolean => ch === '=' || ch === '!' || ch === '~';

function found(text: string, i: number): string {
  if (i >= text.length) return 'end of matcher';
  const word = /^\S+/.exec(text.slice(i))?.[0] ?? text[i]!;
  return JSON.stringify(word);
}

const fail = (message: string, column: number) => ({ ok: false as const, message, column });
