import { useEffect, useState, type FormEvent } from 'react';
import { api, apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useMutation } from '../api/use-mutation.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { formatAbsolute } from '../ui/time-format.ts';
import { TaskStateBadge } from './task-state-badge.tsx';
import type { RoutineTask, TaskItem } from './routine-types.ts';

/** One item: ticked (by whom, when, with the note), or a note field and a Tick button. */
function ItemRow({ task, item, canTick, onTick, busy }: { task: RoutineTask; item: TaskItem; canTick: boolean; busy: boolean; onTick: (index: number, note: string) => Promise<boolean> }) {
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await onTick(item.index, note.trim())) setNote('');
  };
  if (item.doneAt !== null) {
    return (
      <li className="task-item done" data-testid={`item-${item.index}`}>
        <span aria-label="ticked">☑</span> {item.text}
        <div className="muted">
          {item.doneBy} · {formatAbsolute(item.doneAt)}
          {task.dueAt !== null && item.doneAt > task.dueAt && ' · after the deadline'}
        </div>
        {item.note && <blockquote data-testid={`item-note-${item.index}`}>{item.note}</blockquote>}
      </li>
    );
  }
  return (
    <li className="task-item" data-testid={`item-${item.index}`}>
      <span aria-label="not ticked">☐</span> {item.text}
      {canTick && (
        <form className="tick-form" onSubmit={submit}>
          <label htmlFor={`note-${item.index}`} className="visually-hidden">Note for “{item.text}”</label>
          <input id={`note-${item.index}`} value={note} placeholder="Note (optional): what you found" maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" disabled={busy}>Tick</button>
        </form>
      )}
    </li>
  );
}

/** A routine task: its checklist to tick with notes, or the runbook run it started. */
export function TaskPage({ id, me }: { id: number; me: Me | undefined }) {
  const { data, error, loadedAt, refresh } = usePoll(`routine-task:${id}`, (signal) => api<{ task: RoutineTask }>(apiPath(`/routine-tasks/${id}`), { signal }), 15_000);
  const mutation = useMutation(me?.role, refresh);
  const task = data?.task;
  const canTick = me?.role === 'responder' || me?.role === 'admin';

  useEffect(() => {
    document.title = `${task?.routineTitle ?? task?.title ?? 'Routine task'} · Opsdeck`;
  }, [task?.routineTitle, task?.title]);

  const tick = async (index: number, note: string): Promise<boolean> =>
    (await mutation.run(apiPath(`/routine-tasks/${id}/items/${index}`), 'POST', note ? { note } : {})) !== undefined;

  return (
    <main>
      <p><Link href="/routines">← Routines</Link></p>
      <LoadProblem what="the task" error={error} loadedAt={loadedAt} />
      {task && (
        <>
          <div className="toolbar">
            <h1>{task.routineTitle ?? task.title}</h1>
            <TaskStateBadge state={task.state} />
          </div>
          <dl className="facts">
            <dt>Due</dt>
            <dd>{formatAbsolute(task.scheduledAt)}{task.schedule && <span className="muted"> ({task.schedule})</span>}</dd>
            {task.dueAt !== null && (<><dt>Deadline</dt><dd>{formatAbsolute(task.dueAt)}</dd></>)}
            <dt>For</dt>
            <dd>{task.assignee ?? 'anyone'}</dd>
            {task.completedAt !== null && (<><dt>Finished</dt><dd>{formatAbsolute(task.completedAt)}</dd></>)}
            {task.alertedAt !== null && (<><dt>Alerted</dt><dd>{formatAbsolute(task.alertedAt)}</dd></>)}
          </dl>
          {task.missed > 0 && (
            <p className="muted">{task.missed} earlier occurrence{task.missed === 1 ? ' was' : 's were'} passed over while Opsdeck was down; only this one was made.</p>
          )}
          {task.kind === 'runbook' ? (
            <p>
              {task.runId ? <Link href={`/runbook-runs/${task.runId}`}>Run {task.runId}</Link> : 'The run'}: {task.outcome ?? 'not started'}
            </p>
          ) : (
            <ul className="task-items" data-testid="task-items">
              {task.items.map((item) => (
                <ItemRow key={item.index} task={task} item={item} canTick={canTick} busy={mutation.busy} onTick={tick} />
              ))}
            </ul>
          )}
          {mutation.error && <p className="error" role="alert" data-testid="tick-error">{mutation.error}</p>}
        </>
      )}
    </main>
  );
}
