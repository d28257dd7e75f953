import type { NewTimelineEvent } from '../../incidents/index.ts';
import type { RunbookRun, Store } from '../../store/index.ts';
import type { LiveRun } from './live-run.ts';

/** How much of a step's output goes onto an incident's timeline (all of it stays on the run). */
const TIMELINE_OUTPUT_CHARS = 4_000;

/** The audit log's entry for a run starting or ending: who, which runbook, which parameters (masked), what came of it. */
export async function auditRun(store: Store, live: LiveRun, at: number, phase: 'start' | 'finish', failedStep: number | null = null): Promise<void> {
  const run = live.run;
  await store.audit.append({
    at, actor: run.actor, action: `runbook.run.${phase}`, target: `runbook-run:${run.id}`,
    data: {
      runbook: run.runbook, params: run.params, incident: run.incidentId, routine: run.routine, dryRun: run.dryRun,
      yes: live.mode.confirmedUpFront, only: live.mode.only,
      ...(phase === 'finish' ? { status: run.status, failedStep } : {}),
    },
  });
}

/** A run linked to an incident tells its timeline: started, each step's result, finished. */
export function timelineEvent(live: LiveRun, at: number, what: { kind: 'started' } | { kind: 'step'; index: number } | { kind: 'finished' }): NewTimelineEvent {
  const run = live.run;
  const base = { at, kind: 'runbook' as const, actor: run.actor };
  const name = `${run.dryRun ? 'Dry run of runbook' : live.mode.only === 'diagnostic' ? 'Diagnostics from runbook' : 'Runbook'} "${run.title}"`;
  if (what.kind === 'started') {
    return { ...base, message: `${name} started (run #${run.id})`, data: { run: run.id, runbook: run.runbook, event: 'started', params: run.params } };
  }
  if (what.kind === 'finished') {
    return { ...base, message: `${name} ${run.status} (run #${run.id})`, data: { run: run.id, runbook: run.runbook, event: 'finished', status: run.status } };
  }
  const step = live.steps[what.index]!;
  const exit = step.exitCode === null ? '' : ` (exit ${step.exitCode})`;
  const output = tail(step.output);
  // Diagnostics exist to be read before anyone looks: their output is the message itself.
  const shown = live.mode.only === 'diagnostic' && output ? `\n\n\`\`\`\n${output.replace(/```/g, "'''")}\n\`\`\`` : '';
  return {
    ...base,
    message: `Step ${what.index + 1} of "${run.title}" ${step.status}${exit}${shown}`,
    data: { run: run.id, runbook: run.runbook, event: 'step', index: what.index, status: step.status, exitCode: step.exitCode, output },
  };
}

function tail(output: string): string {
  const trimmed = output.replace(/\s+$/, '');
  return trimmed.length <= TIMELINE_OUTPUT_CHARS ? trimmed : `…${trimmed.slice(-TIMELINE_OUTPUT_CHARS)}`;
}

export type RunView = { run: RunbookRun; steps: ReturnType<LiveRun['viewSteps']> };
