import type { RunbookRunner } from '../runbooks/index.ts';
import type { RunbookRunStatus, Store } from '../store/index.ts';

/** How a routine's run ended; 'running' when another process owns it and it has not ended yet. */
export type RoutineRunResult = RunbookRunStatus;

/** What routines need of the runbook runner: start a run as the routine, and learn how it ended. */
export interface RoutineRunbooks {
  /** Throws when the run cannot start (unknown runbook, bad parameters): that counts as a failed run. */
  start(input: { routine: string; runbook: string; params: Record<string, string> }): Promise<{ runId: string }>;
  /** Resolves when the run has ended. */
  finished(runId: string): Promise<RoutineRunResult>;
}

/**
 * The runner as routines use it. A routine runs unattended, so it starts as Opsdeck itself with
 * every mutating step confirmed up front (the routine's author chose the runbook); manual items
 * in it still wait for a person, and the run ends when they are done.
 */
export function routineRunbooks(runner: RunbookRunner, store: Pick<Store, 'runbookRuns'>): RoutineRunbooks {
  return {
    async start({ routine, runbook, params }) {
      const run = await runner.start({ runbook, params, routine, yes: true }, { name: `routine:${routine}`, role: 'system' });
      return { runId: String(run.id) };
    },
    async finished(runId) {
      const id = Number(runId);
      const followed = await runner.follow(id, Number.MAX_SAFE_INTEGER, () => {});
      if (followed) {
        await followed.ended;
        followed.unsubscribe();
      }
      return (await store.runbookRuns.get(id))?.status ?? 'failed';
    },
  };
}
