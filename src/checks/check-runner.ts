import type { CheckResult } from './check-result.ts';
import type { Probe, ProbeContext, ProbeOutcome } from './check-type.ts';
import { evaluateCondition } from './conditions/condition-evaluator.ts';
import type { Condition } from './conditions/condition-model.ts';

/** A check as loaded: its probe created and its conditions parsed, ready to run on every tick. */
export interface CompiledCheck {
  /** "<service>/<check>". */
  id: string;
  type: string;
  probe: Probe;
  conditions: Condition[];
  /** The conditions as configured, for showing a check before it has run. */
  conditionTexts: string[];
  timeoutMs: number;
  intervalMs: number;
}

/**
 * Runs one check once. The timeout is enforced here, not trusted to the
 * probe: when it passes, the probe's signal is aborted so it can release its
 * socket, and the run ends as failed at once even if the probe never settles.
 * `stop` aborts the probe too, for an engine that is shutting down.
 */
export async function runCheck(check: CompiledCheck, now: () => number, stop?: AbortSignal): Promise<CheckResult> {
  const at = now();
  const abort = new AbortController();
  const onStop = (): void => abort.abort();
  // A plain listener rather than AbortSignal.any: the engine's stop signal outlives every run.
  stop?.addEventListener('abort', onStop, { once: true });
  if (stop?.aborted) abort.abort();
  const timedOut = `timed out after ${check.timeoutMs}ms`;
  let deadlinePassed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => {
      deadlinePassed = true;
      abort.abort();
      resolve({ values: {}, error: timedOut });
    }, check.timeoutMs);
  });
  let outcome: ProbeOutcome;
  try {
    outcome = await Promise.race([probeSafely(check.probe, { timeoutMs: check.timeoutMs, signal: abort.signal }), deadline]);
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener('abort', onStop);
  }
  // A probe may settle with its own "aborted" in the same tick the deadline fires; the deadline is the reason.
  const error = deadlinePassed ? timedOut : (outcome.error ?? null);
  const durationMs = now() - at;
  const values = outcome.values.RESPONSE_TIME === undefined ? { ...outcome.values, RESPONSE_TIME: durationMs } : outcome.values;
  const conditions = check.conditions.map((condition) => evaluateCondition(condition, values));
  return {
    checkId: check.id,
    at,
    durationMs,
    ok: error === null && conditions.every((c) => c.ok),
    error,
    conditions,
  };
}

/** A probe that throws is a bug in the probe, but it must still end as a failed run, not an unhandled rejection. */
async function probeSafely(probe: Probe, context: ProbeContext): Promise<ProbeOutcome> {
  try {
    return await probe(context);
  } catch (error) {
    return { values: {}, error: `probe failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
