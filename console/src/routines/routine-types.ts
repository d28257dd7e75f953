/** The routine shapes of /api/v1/routines and /routine-tasks (src/http/routes/routine-routes.ts). */

export type TaskState = 'open' | 'overdue' | 'done' | 'done-late' | 'running' | 'succeeded' | 'failed';

export interface TaskItem {
  index: number;
  text: string;
  doneAt: number | null;
  doneBy: string | null;
  note: string | null;
}

export interface RoutineTask {
  id: number;
  routine: string;
  routineTitle: string | null;
  schedule: string | null;
  scheduledAt: number;
  kind: 'runbook' | 'checklist';
  title: string;
  assignee: string | null;
  createdAt: number;
  dueAt: number | null;
  completedAt: number | null;
  alertedAt: number | null;
  missed: number;
  runId: string | null;
  outcome: string | null;
  state: TaskState;
  items: TaskItem[];
}

export interface RoutineView {
  id: string;
  title: string;
  timezone: string;
  schedule: string;
  kind: 'runbook' | 'checklist';
  runbook: string | null;
  checklist: string[] | null;
  deadlineMs: number;
  assign: string | null;
  severity: string;
  next: number | null;
  lastTask: RoutineTask | null;
}

/** Words for a state, and whether it needs someone. */
export const STATE_TEXT: Record<TaskState, string> = {
  open: 'open', overdue: 'overdue', done: 'done', 'done-late': 'done late', running: 'running', succeeded: 'succeeded', failed: 'failed',
};
export const NEEDS_SOMEONE: ReadonlySet<TaskState> = new Set(['overdue', 'failed']);
