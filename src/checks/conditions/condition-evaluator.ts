import { formatDuration } from '../../time/index.ts';
import type { ProbeValues } from '../check-type.ts';
import type { ConditionResult } from '../check-result.ts';
import type { ComparisonOperator, Condition, LiteralOperand, ValueOperand } from './condition-model.ts';

const MISSING: unique symbol = Symbol('missing');

/** Longest resolved value shown in a result; bodies can be a megabyte. */
const DISPLAY_LIMIT = 100;

/**
 * JSON-parsed placeholder values per probe outcome, so a check with five
 * `[BODY].x` conditions parses its body once. Weak, so it lives exactly as
 * long as the outcome's values object.
 */
const parsedByValues = new WeakMap<ProbeValues, Map<string, unknown>>();

/**
 * Evaluates a parsed condition against what one probe run observed. The text
 * always carries the resolved value, Gatus style: `[STATUS] (503) == 200`.
 * A value the probe did not set shows as `(missing)` and fails the condition.
 */
export function evaluateCondition(condition: Condition, values: ProbeValues): ConditionResult {
  const { left: leftOperand, operator, right } = condition;
  const left = resolve(leftOperand, values);
  let ok: boolean;
  let rightText: string;
  if (right.kind === 'value') {
    const resolvedRight = resolve(right, values);
    rightText = `${right.source} (${display(resolvedRight, false)})`;
    ok = left !== MISSING && resolvedRight !== MISSING && compareValues(operator, left, resolvedRight);
  } else if (right.kind === 'pattern') {
    rightText = right.source;
    ok = left !== MISSING && right.regex.test(textOf(left)) === (operator === '==');
  } else {
    rightText = right.source;
    ok = left !== MISSING && compareLiteral(operator, left, right);
  }
  const asDuration = right.kind === 'literal' && right.type === 'duration';
  return { ok, text: `${leftOperand.source} (${display(left, asDuration)}) ${operator} ${rightText}` };
}

function resolve(operand: ValueOperand, values: ProbeValues): unknown {
  const raw = values[operand.placeholder];
  let value: unknown = raw === undefined || raw === null ? MISSING : raw;
  if (value !== MISSING && operand.path.length > 0) value = walk(parsedOnce(values, operand.placeholder, value), operand.path);
  if (operand.fn === 'has') return value !== MISSING;
  if (operand.fn === 'len') return lengthOf(value);
  return value;
}

function parsedOnce(values: ProbeValues, placeholder: string, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  let cache = parsedByValues.get(values);
  if (!cache) parsedByValues.set(values, (cache = new Map()));
  if (cache.has(placeholder)) return cache.get(placeholder);
  let parsed: unknown = MISSING;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON: every path into it is missing, which the result text shows.
  }
  cache.set(placeholder, parsed);
  return parsed;
}

function walk(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return MISSING;
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return MISSING;
      current = current[step];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, step)) return MISSING;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

function lengthOf(value: unknown): unknown {
  if (value === MISSING) return MISSING;
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return String(value).length;
}

function compareLiteral(operator: ComparisonOperator, left: unknown, right: LiteralOperand): boolean {
  if (right.type === 'number' || right.type === 'duration') return compareNumbers(operator, toNumber(left), right.value as number);
  // Only == and != reach here for text and booleans; the parser rejects ordering them.
  return (textOf(left) === String(right.value)) === (operator === '==');
}

function compareValues(operator: ComparisonOperator, left: unknown, right: unknown): boolean {
  const a = toNumber(left);
  const b = toNumber(right);
  if (!Number.isNaN(a) && !Number.isNaN(b)) return compareNumbers(operator, a, b);
  if (operator === '==') return textOf(left) === textOf(right);
  if (operator === '!=') return textOf(left) !== textOf(right);
  return false;
}

function compareNumbers(operator: ComparisonOperator, a: number, b: number): boolean {
  switch (operator) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

/** Numbers, and strings that are entirely a number (JSON bodies often quote them); anything else is NaN. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function display(value: unknown, asDuration: boolean): string {
  if (value === MISSING) return 'missing';
  if (asDuration && typeof value === 'number') return value < 0 ? `-${formatDuration(-value)}` : formatDuration(value);
  const text = textOf(value);
  return text.length > DISPLAY_LIMIT ? `${text.slice(0, DISPLAY_LIMIT)}…` : text;
}
