import { STATE_TEXT, type TaskState } from './routine-types.ts';

export function TaskStateBadge({ state }: { state: TaskState }) {
  return <span className={`badge task-${state}`} data-testid="task-state">{STATE_TEXT[state]}</span>;
}
