/** The only door into checks: types, the registry, conditions, and running a check. */
export type { CheckType, Probe, ProbeContext, ProbeOutcome, ProbeValues } from './check-type.ts';
export type { CheckResult, CheckRollup, CheckStateChange, ConditionResult } from './check-result.ts';

export { checkTypes, findCheckType, placeholdersFor } from './registry.ts';

export { parseCondition, evaluateCondition, STANDARD_PLACEHOLDERS } from './conditions/index.ts';
export type { Condition, ConditionParse, ComparisonOperator } from './conditions/index.ts';

export { runCheck } from './check-runner.ts';
export type { CompiledCheck } from './check-runner.ts';
export { compileCheck, CheckDefinitionError, DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS } from './check-compiler.ts';
export type { CompileOptions } from './check-compiler.ts';
export type { CheckProblem } from './check-compiler.ts';

// The benchmark's bare loop drives the exact client the http check uses.
export { httpRequest } from './types/http/index.ts';
export type { HttpRequestSpec, HttpResponse } from './types/http/index.ts';
