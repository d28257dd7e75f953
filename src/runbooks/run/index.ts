// The runner's only door.
export { RunbookRunner } from './runbook-runner.ts';
export type { RunActor, RunnerDeps, StartRun } from './runbook-runner.ts';
export type { RunView } from './run-records.ts';
export { RunbookError } from './runbook-error.ts';
export { MASK, maskText, SecretMasker } from './secret-mask.ts';
export { resolveParams, renderForDisplay } from './run-params.ts';
export { STEP_OUTPUT_CAP_BYTES } from './step-output.ts';
