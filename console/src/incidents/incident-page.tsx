import { useCallback, useEffect } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { IncidentDetail, IncidentEscalation, Me, UserList } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { ChangesBeforePanel } from '../changes/changes-before-panel.tsx';
import { ExternalAlertPanel } from '../changes/external-alert-panel.tsx';
import { Link } from '../router/link.tsx';
import { withQuery } from '../router/router.ts';
import { IncidentRunbookPanel } from '../runbooks/incident-runbook-panel.tsx';
import { IncidentStatusBadge, SeverityBadge } from '../ui/badges.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatAbsolute } from '../ui/time-format.ts';
import { UpdatesPanel } from '../updates/updates-panel.tsx';
import { DueTime } from './due-time.tsx';
import { EscalationPanel } from './escalation-panel.tsx';
import { IncidentActions } from './incident-actions.tsx';
import { NoteForm } from './note-form.tsx';
import { ReassignForm } from './reassign-form.tsx';
import { Timeline } from './timeline.tsx';
import { useAction } from './use-action.ts';

/** A runbook given as a URL is linked; a path in the config directory is shown as it is written. */
function Runbook({ runbook }: { runbook: string }) {
  if (/^https?:\/\//i.test(runbook)) {
    return (
      <a href={runbook} target="_blank" rel="noreferrer" data-testid="runbook-link">
        {runbook}
      </a>
    );
  }
  return <code data-testid="runbook-link">{runbook}</code>;
}

function When({ at, now }: { at: number | null; now: number }) {
  if (at === null) return <span className="muted">—</span>;
  return (
    <>
      {formatAbsolute(at)} <span className="muted">(<TimeAgo at={at} now={now} />)</span>
    </>
  );
}

const loadUsers = (signal: AbortSignal) => api<UserList>(apiPath('/users'), { signal });

export function IncidentPage({ id, me }: { id: number; me: Me | undefined }) {
  const load = useCallback((signal: AbortSignal) => api<IncidentDetail>(apiPath(`/incidents/${id}`), { signal }), [id]);
  const { data, error, loadedAt, refresh } = usePoll(`incident:${id}`, load, 2000);
  const loadEscalation = useCallback((signal: AbortSignal) => api<IncidentEscalation>(apiPath(`/incidents/${id}/escalation`), { signal }), [id]);
  const escalation = usePoll(`escalation:${id}`, loadEscalation, 5000);
  const users = usePoll('users', loadUsers, 60_000);
  // Acknowledge, resolve and reassign all change the escalation too: refetch both at once.
  const refreshEscalation = escalation.refresh;
  const refreshBoth = useCallback(() => {
    refresh();
    refreshEscalation();
  }, [refresh, refreshEscalation]);
  const action = useAction(me?.role, refreshBoth);

  const title = data?.incident.title;
  useEffect(() => {
    document.title = title ? `#${id} ${title} · Opsdeck` : `Incident #${id} · Opsdeck`;
  }, [id, title]);

  if (!data) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <main>
        <p>
          <Link href="/incidents">← Incidents</Link>
        </p>
        {notFound ? <p>Incident #{id} does not exist.</p> : error ? <LoadProblem what={`incident #${id}`} error={error} loadedAt={undefined} /> : <p className="muted">Loading…</p>}
      </main>
    );
  }

  const { incident, timeline } = data;
  const now = Date.now();
  return (
    <main className="incident">
      <p>
        <Link href="/incidents">← Incidents</Link>
      </p>
      <LoadProblem what={`incident #${id}`} error={error} loadedAt={loadedAt} />
      <h1>
        <span className="muted">#{incident.id}</span> {incident.title}
      </h1>
      <div className="incident-head">
        <SeverityBadge severity={incident.severity} />
        <IncidentStatusBadge status={incident.status} testId="incident-status" />
        {incident.service && (
          <span>
            Service <Link href={`/services/${encodeURIComponent(incident.service)}`}>{incident.service}</Link>
          </span>
        )}
        {incident.runbook && (
          <span>
            Runbook <Runbook runbook={incident.runbook} />
          </span>
        )}
      </div>

      <dl className="facts">
        <dt>Opened</dt>
        <dd>
          <When at={incident.openedAt} now={now} />
        </dd>
        <dt>Respond by</dt>
        <dd data-testid="respond-by">
          {incident.respondBy !== null && formatAbsolute(incident.respondBy)}{' '}
          <DueTime due={incident.respondBy} breachedAt={incident.respondBreachedAt} doneAt={incident.acknowledgedAt} now={now} />
        </dd>
        <dt>Resolve by</dt>
        <dd data-testid="resolve-by">
          {incident.resolveBy !== null && formatAbsolute(incident.resolveBy)}{' '}
          <DueTime due={incident.resolveBy} breachedAt={incident.resolveBreachedAt} doneAt={incident.resolvedAt} now={now} />
        </dd>
        <dt>Acknowledged</dt>
        <dd>
          <When at={incident.acknowledgedAt} now={now} />
        </dd>
        <dt>Resolved</dt>
        <dd>
          <When at={incident.resolvedAt} now={now} />
        </dd>
      </dl>

      <IncidentActions incident={incident} action={action} />
      {action.error && (
        <p className="error" role="alert" data-testid="action-error">
          {action.error}
        </p>
      )}

      <UpdatesPanel incidentId={incident.id} resolved={incident.status === 'resolved'} me={me} onPosted={refreshBoth} />

      <section className="escalation-section" aria-labelledby="escalation-title">
        <h2 id="escalation-title">Escalation</h2>
        <LoadProblem what="the escalation" error={escalation.error} loadedAt={escalation.loadedAt} />
        <EscalationPanel data={escalation.data} now={now} />
        {incident.status !== 'resolved' && (
          <ReassignForm incidentId={incident.id} users={users.data?.items} currentPolicy={escalation.data?.escalation?.policy ?? null} action={action} />
        )}
        <p>
          <Link href={withQuery('/notifications', { incident: incident.id })}>Notifications for this incident</Link>
        </p>
        <p>
          <Link href={`/incidents/${incident.id}/postmortem`} data-testid="postmortem-link">
            Post-mortem{incident.status === 'resolved' ? '' : ' (drafted once resolved)'}
          </Link>
        </p>
      </section>

      <IncidentRunbookPanel incidentId={incident.id} runbook={incident.runbook} me={me} />

      {data.externalAlert && <ExternalAlertPanel alert={data.externalAlert} now={now} />}
      <ChangesBeforePanel incident={incident} changes={data.changesBefore} now={now} />

      <h2>Timeline</h2>
      <Timeline events={timeline} now={now} />
      <NoteForm incidentId={incident.id} action={action} />
    </main>
  );
}
