import type { RoutineDef } from '../config/index.ts';
import type { FireInput } from '../ingest/index.ts';
import type { RoutineTask } from '../store/index.ts';

/** Routines belong to no monitored service; their incidents are filed under this one. */
export const ROUTINES_SERVICE = 'routines';

/** One key per routine for failed runs: a later successful run resolves it. */
export const runAlertKey = (routineId: string) => `routine:${routineId}`;

/** One key per occurrence for missed deadlines: completing that task, even late, resolves it. */
export const deadlineAlertKey = (task: Pick<RoutineTask, 'routine' | 'scheduledAt'>) => `routine:${task.routine}:${task.scheduledAt}`;

const iso = (ms: number) => new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z');

function fireInput(routine: RoutineDef, key: string, summary: string, task: RoutineTask): FireInput {
  return {
    source: 'routine',
    key,
    integration: routine.id,
    service: ROUTINES_SERVICE,
    severity: routine.severity,
    summary,
    labels: { alertname: summary.slice(0, 80), routine: routine.id, ...(task.assignee ? { assignee: task.assignee } : {}) },
    details: {
      source: `routine:${routine.id}`, component: null, group: null, class: task.kind === 'runbook' ? 'routine run failed' : 'routine deadline missed',
      customDetails: { task: task.id, scheduledAt: task.scheduledAt, dueAt: task.dueAt, assignee: task.assignee, runId: task.runId, outcome: task.outcome },
      links: [{ href: `/routines/tasks/${task.id}`, text: 'The routine task' }], images: [], client: 'Opsdeck routines', clientUrl: null,
      annotations: {}, generatorUrl: null, startedAt: task.scheduledAt,
    },
    escalation: null,
    autoResolve: true,
  };
}

/** A checklist not completed by its deadline: raised once, like a missed heartbeat. */
export function deadlineAlert(routine: RoutineDef, task: RoutineTask): FireInput {
  const ticked = task.items.filter((i) => i.doneAt !== null).length;
  const who = task.assignee ? `; assigned to ${task.assignee}` : '';
  const summary = `Routine "${routine.title}" not done by its deadline ${iso(task.dueAt ?? task.scheduledAt)} (due ${iso(task.scheduledAt)}): ${ticked} of ${task.items.length} items ticked${who}`;
  return fireInput(routine, deadlineAlertKey(task), summary, task);
}

/** A routine's runbook run failed, or could not start. */
export function runAlert(routine: RoutineDef, task: RoutineTask, why: string): FireInput {
  const runbook = routine.work.kind === 'runbook' ? routine.work.runbook : '';
  return fireInput(routine, runAlertKey(routine.id), `Routine "${routine.title}" (${runbook}) of ${iso(task.scheduledAt)}: ${why}`, task);
}
