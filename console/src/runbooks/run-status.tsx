import type { RunStatus, StepStatus } from './runbook-types.ts';

/** The word is always printed: colour alone does not survive greyscale or colour-blind eyes. */
export function RunStatusBadge({ status, testId }: { status: RunStatus | StepStatus; testId?: string }) {
  return (
    <span className={`status run-${status}`} data-testid={testId}>
      {status === 'waiting' ? 'waiting for you' : status}
    </span>
  );
}

/** "850 ms", "3.2 s", "2m 5s": a step's time is read closely, so finer than formatSpan. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${s % 60}s`;
}
