import { useCallback } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { withQuery } from '../router/router.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { RunList } from './run-list.tsx';
import type { RunPage, RunbookView } from './runbook-types.ts';

const isUrl = (runbook: string): boolean => /^https?:\/\//i.test(runbook);

/**
 * The incident's runbook with a way to run it here (the run is linked to the incident and goes on
 * its timeline), and the runs already linked. A runbook given as a URL is outside Opsdeck: the
 * page heading links it and this panel only lists runs.
 */
export function IncidentRunbookPanel({ incidentId, runbook, me }: { incidentId: number; runbook: string | null; me: Me | undefined }) {
  const own = runbook !== null && !isUrl(runbook) ? runbook : undefined;
  const loadRunbook = useCallback(
    (signal: AbortSignal) => (own ? api<{ runbook: RunbookView }>(apiPath('/runbooks/view', { id: own }), { signal }) : Promise.resolve(undefined)),
    [own],
  );
  const view = usePoll(`runbook:${own ?? ''}`, loadRunbook, 60_000);
  const loadRuns = useCallback((signal: AbortSignal) => api<RunPage>(apiPath('/runbook-runs', { incident: incidentId, limit: 20 }), { signal }), [incidentId]);
  const runs = usePoll(`incident-runs:${incidentId}`, loadRuns, 5000);

  const known = view.data?.runbook;
  const unknown = view.error instanceof ApiError && view.error.status === 404;
  if (!own && (runs.data?.total ?? 0) === 0) return null;
  const mayRun = known !== undefined && (me === undefined || known.roles.includes(me.role));
  return (
    <section className="runbook-section" aria-labelledby="runbook-title" data-testid="runbook-panel">
      <h2 id="runbook-title">Runbook</h2>
      {own && known && (
        <p className="runbook-summary">
          <Link href={withQuery('/runbooks/view', { id: own })}>{known.title}</Link> <code className="muted">{own}</code>{' '}
          <span className="muted">
            {known.steps.filter((s) => s.kind === 'shell').length} commands, {known.steps.filter((s) => s.kind === 'shell' && s.risk === 'mutating').length} mutating
          </span>{' '}
          {mayRun ? (
            <Link href={withQuery('/runbooks/view', { id: own, incident: incidentId })} className="button primary" data-testid="run-runbook">
              Run it here…
            </Link>
          ) : (
            <span className="muted">Your role ({me?.role}) cannot run it.</span>
          )}
        </p>
      )}
      {own && unknown && (
        <p className="muted">
          <code>{own}</code> is not a runbook in the configuration, so it cannot be run from here.
        </p>
      )}
      {own && !unknown && <LoadProblem what="the runbook" error={view.error} loadedAt={view.loadedAt} />}
      <LoadProblem what="the runs" error={runs.error} loadedAt={runs.loadedAt} />
      {runs.data && <RunList runs={runs.data.items} now={Date.now()} empty="Not run for this incident yet." />}
    </section>
  );
}
