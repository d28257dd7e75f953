import { parseDuration } from '../../time/index.ts';
import { compileGlob } from './glob-pattern.ts';
import type { ConditionScanner } from './condition-scanner.ts';
import type { LiteralOperand, Operand, PatternOperand, ValueOperand } from './condition-model.ts';

const isNameChar = (ch: string): boolean => /[A-Za-z0-9_]/.test(ch);
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
// Field names stop where the condition's own syntax starts: spaces, path punctuation, operators.
const isFieldChar = (ch: string): boolean => !/[\s.[\]()=<>!]/.test(ch);
const isWordChar = (ch: string): boolean => !/\s/.test(ch);
const FUNCTION_CALL = /^([A-Za-z_]+)\(/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** `[BODY].a[0]`, `len([BODY].items)` or `has([BODY].x)`. */
export function parseValueOperand(s: ConditionScanner, known: readonly string[]): ValueOperand {
  const start = s.pos;
  if (s.peek() === '[') {
    const { placeholder, path } = parsePlaceholder(s, known);
    return { kind: 'value', placeholder, path, fn: null, source: s.text.slice(start, s.pos) };
  }
  const call = FUNCTION_CALL.exec(s.text.slice(s.pos));
  if (call && (call[1] === 'len' || call[1] === 'has')) {
    const fn = call[1];
    s.pos += call[0].length;
    s.skipSpaces();
    if (s.peek() !== '[') s.fail(`expected a placeholder like [BODY].items inside ${fn}(...), found ${s.describeAt()}`);
    const { placeholder, path } = parsePlaceholder(s, known);
    s.skipSpaces();
    if (s.peek() !== ')') s.fail(`expected ) to close ${fn}(, found ${s.describeAt()}`);
    s.pos++;
    return { kind: 'value', placeholder, path, fn, source: s.text.slice(start, s.pos) };
  }
  if (call) s.fail(`unknown function ${call[1]}(); expected len(...) or has(...)`, start);
  return s.fail(`expected a placeholder like [STATUS] or a function like len(...) or has(...), found ${s.describeAt()}`);
}

/** Whatever may follow the operator: a value, a literal, a quoted string or a pat(...) glob. */
export function parseRightOperand(s: ConditionScanner, known: readonly string[]): Operand {
  const ch = s.peek();
  if (ch === '"' || ch === "'") return parseQuoted(s);
  if (s.startsWith('pat(')) return parsePattern(s);
  const call = FUNCTION_CALL.exec(s.text.slice(s.pos));
  if (ch === '[' || call?.[1] === 'len' || call?.[1] === 'has') return parseValueOperand(s, known);
  if (call) s.fail(`unknown function ${call[1]}(); expected pat(...), len(...) or has(...)`);
  return classifyWord(s.take(isWordChar));
}

function parsePlaceholder(s: ConditionScanner, known: readonly string[]): { placeholder: string; path: (string | number)[] } {
  const open = s.pos;
  s.pos++;
  const name = s.take(isNameChar);
  if (s.peek() !== ']') s.fail(`expected ] to close [${name}, found ${s.describeAt()}`);
  s.pos++;
  if (!known.includes(name)) {
    s.fail(`unknown placeholder [${name}]; expected one of ${known.map((k) => `[${k}]`).join(', ')}`, open);
  }
  const path: (string | number)[] = [];
  for (;;) {
    if (s.peek() === '.') {
      s.pos++;
      const field = s.take(isFieldChar);
      if (field === '') s.fail(`expected a field name after ".", found ${s.describeAt()}`);
      path.push(field);
    } else if (s.peek() === '[') {
      s.pos++;
      const digits = s.take(isDigit);
      if (digits === '') s.fail(`expected an array index like [0], found ${s.describeAt()}`);
      if (s.peek() !== ']') s.fail(`expected ] to close [${digits}, found ${s.describeAt()}`);
      s.pos++;
      path.push(Number(digits));
    } else {
      return { placeholder: name, path };
    }
  }
}

function parseQuoted(s: ConditionScanner): LiteralOperand {
  const start = s.pos;
  const quote = s.peek();
  let value = '';
  s.pos++;
  while (!s.atEnd() && s.peek() !== quote) {
    // A backslash escapes the next character, so quotes and backslashes can appear inside.
    if (s.peek() === '\\' && s.pos + 1 < s.text.length) s.pos++;
    value += s.peek();
    s.pos++;
  }
  if (s.atEnd()) s.fail(`expected ${quote} to close the quoted text, found end of condition`);
  s.pos++;
  return { kind: 'literal', type: 'string', value, source: s.text.slice(start, s.pos) };
}

function parsePattern(s: ConditionScanner): PatternOperand {
  const start = s.pos;
  // The glob runs to the last ")" so patterns may themselves contain parentheses and spaces.
  const end = s.text.trimEnd().length;
  if (s.text[end - 1] !== ')' || end - 1 < start + 4) s.fail('expected ) to close pat(, found end of condition', end);
  s.pos = end;
  return { kind: 'pattern', regex: compileGlob(s.text.slice(start + 4, end - 1)), source: s.text.slice(start, end) };
}

function classifyWord(word: string): LiteralOperand {
  if (word === 'true' || word === 'false') return { kind: 'literal', type: 'boolean', value: word === 'true', source: word };
  if (NUMBER.test(word)) return { kind: 'literal', type: 'number', value: Number(word), source: word };
  const duration = parseDuration(word);
  if (duration.ok) return { kind: 'literal', type: 'duration', value: duration.ms, source: word };
  return { kind: 'literal', type: 'string', value: word, source: word };
}
