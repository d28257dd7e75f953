export { CheckStateBook, failureReason } from './check-state-book.ts';
export type { CheckState } from './check-state-book.ts';
export { AlertEvaluator } from './alert-evaluator.ts';
export type { MonitoredRule } from './alert-evaluator.ts';
export { alertLabels } from './alert-labels.ts';
