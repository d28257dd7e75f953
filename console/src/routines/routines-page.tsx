import { useEffect, useState } from 'react';
import { api, apiPath } from '../api/client.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { PAGE_SIZE, Pager } from '../ui/pager.tsx';
import { formatAbsolute, formatSpan } from '../ui/time-format.ts';
import { TaskStateBadge } from './task-state-badge.tsx';
import { NEEDS_SOMEONE, type RoutineTask, type RoutineView } from './routine-types.ts';

function progress(t: RoutineTask): string {
  if (t.kind === 'runbook') return t.runId ? `run ${t.runId}` : (t.outcome ?? 'not started');
  return `${t.items.filter((i) => i.doneAt !== null).length} of ${t.items.length} ticked`;
}

/** Routines and their tasks: what is due, what is open, what was missed. */
export function RoutinesPage() {
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [page, setPage] = useState(0);
  const routines = usePoll('routines', (signal) => api<{ items: RoutineView[] }>(apiPath('/routines'), { signal }), 30_000);
  const tasks = usePoll(`routine-tasks:${show}:${page}`, (signal) =>
    api<{ items: RoutineTask[]; total: number }>(apiPath('/routine-tasks', { state: show, limit: PAGE_SIZE, offset: page * PAGE_SIZE }), { signal }), 15_000);

  useEffect(() => {
    document.title = 'Routines · Opsdeck';
  }, []);

  const items = tasks.data?.items ?? [];
  return (
    <main>
      <div className="toolbar">
        <h1>Routines</h1>
        <span className="muted">Runbooks and checklists on a calendar; a failed run or a checklist past its deadline raises an alert.</span>
      </div>
      <LoadProblem what="routines" error={routines.error ?? tasks.error} loadedAt={tasks.loadedAt} />

      <h2>Tasks</h2>
      <div className="toolbar">
        <label>
          Show{' '}
          <select value={show} onChange={(e) => { setShow(e.target.value as 'open' | 'all'); setPage(0); }} data-testid="task-filter">
            <option value="open">open</option>
            <option value="all">all</option>
          </select>
        </label>
      </div>
      <table className="list routine-tasks" data-testid="routine-tasks">
        <thead>
          <tr>
            <th className="col-state">State</th>
            <th>Routine</th>
            <th className="col-time">Due</th>
            <th className="col-time">Deadline</th>
            <th>Progress</th>
            <th>For</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">{show === 'open' ? 'Nothing open.' : 'No tasks yet.'}</td>
            </tr>
          )}
          {items.map((t) => (
            <tr key={t.id} className={NEEDS_SOMEONE.has(t.state) ? 'attention' : undefined} data-testid={`routine-task-${t.id}`}>
              <td><TaskStateBadge state={t.state} /></td>
              <td>
                <Link href={`/routines/tasks/${t.id}`}>{t.routineTitle ?? t.title}</Link>
                {t.missed > 0 && <span className="muted"> · {t.missed} earlier missed while Opsdeck was down</span>}
              </td>
              <td>{formatAbsolute(t.scheduledAt)}</td>
              <td>{t.dueAt === null ? '—' : formatAbsolute(t.dueAt)}</td>
              <td>{progress(t)}</td>
              <td>{t.assignee ?? <span className="muted">anyone</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} total={tasks.data?.total ?? 0} shown={items.length} onPage={setPage} noun="tasks" />

      <h2>Routines</h2>
      <table className="list routines" data-testid="routines">
        <thead>
          <tr>
            <th>Routine</th>
            <th>When</th>
            <th>Does</th>
            <th>For</th>
            <th className="col-time">Next</th>
          </tr>
        </thead>
        <tbody>
          {(routines.data?.items ?? []).map((r) => (
            <tr key={r.id}>
              <td>{r.title} <span className="muted">({r.severity})</span></td>
              <td>{r.schedule} <span className="muted">{r.timezone}</span></td>
              <td>
                {r.runbook !== null ? (
                  <Link href={`/runbooks/view?id=${encodeURIComponent(r.runbook)}`}>{r.runbook}</Link>
                ) : (
                  `${r.checklist?.length ?? 0} items within ${formatSpan(r.deadlineMs)}`
                )}
              </td>
              <td>{r.assign ?? <span className="muted">anyone</span>}</td>
              <td>{r.next === null ? '—' : formatAbsolute(r.next)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
