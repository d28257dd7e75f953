export { parseCondition } from './condition-parser.ts';
export type { ConditionParse } from './condition-parser.ts';
export { evaluateCondition } from './condition-evaluator.ts';
export { STANDARD_PLACEHOLDERS } from './condition-model.ts';
export type { ComparisonOperator, Condition, Operand, ValueOperand, LiteralOperand, PatternOperand } from './condition-model.ts';
