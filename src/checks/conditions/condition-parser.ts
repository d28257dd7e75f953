import { ConditionScanner, ConditionSyntaxError } from './condition-scanner.ts';
import { parseRightOperand, parseValueOperand } from './operand-parser.ts';
import { OPERATORS, STANDARD_PLACEHOLDERS } from './condition-model.ts';
import type { ComparisonOperator, Condition, Operand, ValueOperand } from './condition-model.ts';

export type ConditionParse = { ok: true; condition: Condition } | { ok: false; message: string; column: number };

const OPERATOR_LIST = OPERATORS.join(', ');
const isOperatorChar = (ch: string): boolean => ch === '=' || ch === '!' || ch === '<' || ch === '>';

/**
 * Parses `<value> <operator> <value>` once, at load time. `column` in a failure
 * is the 0-based offset into `text` where the problem starts. `known` lists
 * the placeholders the check's type sets (without brackets).
 */
export function parseCondition(text: string, known: readonly string[] = STANDARD_PLACEHOLDERS): ConditionParse {
  try {
    return { ok: true, condition: parse(new ConditionScanner(text), known) };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return { ok: false, message: error.message, column: error.column };
    throw error;
  }
}

function parse(s: ConditionScanner, known: readonly string[]): Condition {
  s.skipSpaces();
  if (s.atEnd()) s.fail('expected a condition like [STATUS] == 200, found nothing');
  const left = parseValueOperand(s, known);
  s.skipSpaces();

  const operatorAt = s.pos;
  const written = s.take(isOperatorChar);
  const operator = OPERATORS.find((op) => op === written);
  if (!operator) {
    s.fail(`expected an operator (${OPERATOR_LIST}) after ${left.source}, found ${s.describeAt(operatorAt)}`, operatorAt);
  }
  s.skipSpaces();

  const rightAt = s.pos;
  if (s.atEnd()) s.fail(`expected a value after ${operator}, found end of condition`);
  const right = parseRightOperand(s, known);
  s.skipSpaces();
  if (!s.atEnd()) {
    const bareWord = right.kind === 'literal' && !/^["']/.test(right.source);
    const hint = bareWord ? ' (quote text that contains spaces)' : '';
    s.fail(`expected end of condition after ${right.source}, found ${s.describeAt()}${hint}`);
  }

  checkOperandsFit(s, left, operator, right, rightAt);
  return { text: s.text, left, operator, right };
}

/** Rejects comparisons that could never be true, so they fail at load rather than on every run. */
function checkOperandsFit(s: ConditionScanner, left: ValueOperand, operator: ComparisonOperator, right: Operand, rightAt: number): void {
  const ordering = operator !== '==' && operator !== '!=';
  if (right.kind === 'pattern' && ordering) {
    s.fail(`pat(...) only works with == or !=, found ${operator}`, rightAt);
  }
  if (ordering && right.kind === 'literal' && right.type !== 'number' && right.type !== 'duration') {
    s.fail(`expected a number or duration after ${operator}, found ${JSON.stringify(right.source)}`, rightAt);
  }
  if (left.fn === 'has' && (right.kind !== 'literal' || right.type !== 'boolean')) {
    s.fail(`has(...) compares with true or false, found ${JSON.stringify(right.source)}`, rightAt);
  }
}
