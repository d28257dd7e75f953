export { parseWhen } from './when.ts';
export type { WhenCondition, WhenParse } from './when.ts';
export { evaluateRule, resultsNeeded, INACTIVE } from './evaluate.ts';
export type { AlertState, AlertStateName, AlertTransition, Evaluation } from './evaluate.ts';
