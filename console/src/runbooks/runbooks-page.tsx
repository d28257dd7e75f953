import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { RunList } from './run-list.tsx';
import type { RunPage, RunbookView } from './runbook-types.ts';

const loadRunbooks = (signal: AbortSignal) => api<{ items: RunbookView[] }>(apiPath('/runbooks'), { signal });
const loadRuns = (signal: AbortSignal) => api<RunPage>(apiPath('/runbook-runs', { limit: 20 }), { signal });

function RunbookRow({ runbook }: { runbook: RunbookView }) {
  const runnable = runbook.steps.filter((s) => s.kind !== 'shown').length;
  const mutating = runbook.steps.filter((s) => s.kind === 'shell' && s.risk === 'mutating').length;
  return (
    <tr data-testid="runbook-row" data-runbook-id={runbook.id}>
      <td>
        <Link href={`/runbooks/view?id=${encodeURIComponent(runbook.id)}`} className="service-name">
          {runbook.title}
        </Link>
        {runbook.description && <div className="muted">{runbook.description}</div>}
      </td>
      <td>
        <code>{runbook.id}</code>
      </td>
      <td className="num">{runnable}</td>
      <td className="num">{mutating > 0 ? <span className="risk risk-mutating">{mutating} mutating</span> : <span className="muted">none</span>}</td>
      <td className="num">{runbook.parameters.length}</td>
    </tr>
  );
}

/** Every runbook in the configuration, then the latest runs of any of them. */
export function RunbooksPage() {
  const runbooks = usePoll('runbooks', loadRunbooks, 60_000);
  const runs = usePoll('runbook-runs', loadRuns, 5000);
  useEffect(() => {
    document.title = 'Runbooks · Opsdeck';
  }, []);
  const items = runbooks.data ? [...runbooks.data.items].sort((a, b) => a.title.localeCompare(b.title)) : undefined;
  return (
    <main>
      <h1>Runbooks</h1>
      <LoadProblem what="the runbooks" error={runbooks.error} loadedAt={runbooks.loadedAt} />
      {items === undefined ? (
        !runbooks.error && <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">
          No runbooks yet. Put Markdown files in the config directory and name them from an alert rule's <code>runbook:</code>.
        </p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Steps
              </th>
              <th scope="col" className="num">
                Mutating
              </th>
              <th scope="col" className="num">
                Parameters
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <RunbookRow key={r.id} runbook={r} />
            ))}
          </tbody>
        </table>
      )}
      <h2>Recent runs</h2>
      <LoadProblem what="the runs" error={runs.error} loadedAt={runs.loadedAt} />
      {runs.data && <RunList runs={runs.data.items} now={Date.now()} empty="No runs yet." />}
    </main>
  );
}
