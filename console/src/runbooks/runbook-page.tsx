import { useCallback, useEffect } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/router.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { RunForm } from './run-form.tsx';
import { RunList } from './run-list.tsx';
import { RunbookPlan } from './runbook-plan.tsx';
import type { RunPage, RunbookView } from './runbook-types.ts';

/** /runbooks/view?id=runbooks/x.md[&incident=N]: the plan, then the form; from an incident the run is linked to it. */
export function RunbookPage({ me }: { me: Me | undefined }) {
  const { query } = useLocation();
  const id = query.get('id') ?? '';
  const incidentParam = Number(query.get('incident') ?? '');
  const incident = Number.isInteger(incidentParam) && incidentParam > 0 ? incidentParam : undefined;

  const load = useCallback((signal: AbortSignal) => api<{ runbook: RunbookView }>(apiPath('/runbooks/view', { id }), { signal }), [id]);
  // Runbooks change only on a config reload: a slow refresh is enough.
  const { data, error, loadedAt } = usePoll(`runbook:${id}`, load, 60_000);
  const loadRuns = useCallback((signal: AbortSignal) => api<RunPage>(apiPath('/runbook-runs', { runbook: id, limit: 20 }), { signal }), [id]);
  const runs = usePoll(`runbook-runs:${id}`, loadRuns, 5000);

  const title = data?.runbook.title;
  useEffect(() => {
    document.title = `${title ?? 'Runbook'} · Opsdeck`;
  }, [title]);

  const back = (
    <p>
      {incident !== undefined ? <Link href={`/incidents/${incident}`}>← Incident #{incident}</Link> : <Link href="/runbooks">← Runbooks</Link>}
    </p>
  );
  if (!data) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <main>
        {back}
        {notFound ? (
          <p>
            No runbook <code>{id}</code> in the configuration. <Link href="/runbooks">See the runbooks there are</Link>.
          </p>
        ) : error ? (
          <LoadProblem what={`runbook ${id}`} error={error} loadedAt={undefined} />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </main>
    );
  }
  const { runbook } = data;
  return (
    <main className="runbook">
      {back}
      <LoadProblem what={`runbook ${id}`} error={error} loadedAt={loadedAt} />
      <h1>{runbook.title}</h1>
      <p className="muted">
        <code>{runbook.id}</code> · may be run by {runbook.roles.join(', ')}
      </p>
      {runbook.description && <p className="runbook-description">{runbook.description}</p>}
      <div className="runbook-columns">
        <div>
          <h2>Plan</h2>
          <RunbookPlan runbook={runbook} />
        </div>
        <div>
          <RunForm key={`${runbook.id}:${incident ?? ''}`} runbook={runbook} me={me} incident={incident} />
          <h2>Recent runs</h2>
          <LoadProblem what="the runs" error={runs.error} loadedAt={runs.loadedAt} />
          {runs.data && <RunList runs={runs.data.items} now={Date.now()} showRunbook={false} empty="Not run yet." />}
        </div>
      </div>
    </main>
  );
}
