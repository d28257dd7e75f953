// Routines (issue 4): runbooks and checklists on the calendar, handled once per occurrence, with
// an alert when a run fails or a checklist misses its deadline.
export { dueOccurrences, nextDue } from './due-occurrences.ts';
export type { DueOccurrence } from './due-occurrences.ts';
export { recurrenceOf, scheduleText } from './routine-recurrence.ts';
export { assigneeAt } from './routine-assignee.ts';
export { deadlineAlertKey, runAlertKey, ROUTINES_SERVICE } from './routine-alerts.ts';
export { RoutineScheduler, POLL_MS } from './routine-scheduler.ts';
export type { RoutineSchedulerDeps } from './routine-scheduler.ts';
export { RoutineWork } from './routine-work.ts';
export type { RoutineWorkDeps } from './routine-work.ts';
export { routineRunbooks } from './routine-runbooks.ts';
export type { RoutineRunbooks, RoutineRunResult } from './routine-runbooks.ts';
export { RoutineTaskService, RoutineTaskError, taskState } from './routine-task-service.ts';
export type { TaskState, TaskView } from './routine-task-service.ts';
