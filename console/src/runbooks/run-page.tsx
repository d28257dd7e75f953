import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useMutation } from '../api/use-mutation.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { formatAbsolute } from '../ui/time-format.ts';
import { RunStatusBadge, formatDuration } from './run-status.tsx';
import { RunStepRow } from './run-step-row.tsx';
import type { OutputSegment } from './run-stream.ts';
import { isLive, type RunDetail, type RunbookView } from './runbook-types.ts';
import { useRunStream } from './use-run-stream.ts';

/** The clock for durations of what is still running; it stops once nothing is. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return ticking ? now : Date.now();
}

/** /runbook-runs/:id: each step's status and output, live while the run lasts, with the buttons a person must press. */
export function RunPage({ id, me }: { id: number; me: Me | undefined }) {
  const load = useCallback((signal: AbortSignal) => api<RunDetail>(apiPath(`/runbook-runs/${id}`), { signal }), [id]);
  const [live, setLive] = useState(true);
  const { data, error, loadedAt, refresh } = usePoll(`run:${id}`, load, live ? 3000 : 30_000);
  const runbookId = data?.run.runbook;
  const loadRunbook = useCallback(
    (signal: AbortSignal) => (runbookId ? api<{ runbook: RunbookView }>(apiPath('/runbooks/view', { id: runbookId }), { signal }) : Promise.resolve(undefined)),
    [runbookId],
  );
  const plan = usePoll(`runbook:${runbookId ?? ''}`, loadRunbook, 300_000);
  const stream = useRunStream(id, data !== undefined && !isLive(data.run.status));
  const mutation = useMutation(me?.role, refresh);

  // The stream is the faster witness: what it says wins, and each change it reports refetches
  // the run for the times and exit codes it does not carry.
  const status = stream.run ?? data?.run.status;
  const streamSignature = `${stream.run ?? ''}|${Object.entries(stream.steps)
    .map(([i, s]) => `${i}:${s.status}`)
    .join(',')}`;
  useEffect(() => {
    if (streamSignature !== '|') refresh();
  }, [streamSignature, refresh]);
  useEffect(() => {
    if (status) setLive(isLive(status));
  }, [status]);
  const title = data?.run.title;
  useEffect(() => {
    document.title = `Run #${id}${title ? ` ${title}` : ''}${status ? ` (${status})` : ''} · Opsdeck`;
  }, [id, title, status]);
  const now = useNow(status !== undefined && isLive(status));

  if (!data || !status) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <main>
        <p>
          <Link href="/runbooks">← Runbooks</Link>
        </p>
        {notFound ? <p>Run #{id} does not exist.</p> : error ? <LoadProblem what={`run #${id}`} error={error} loadedAt={undefined} /> : <p className="muted">Loading…</p>}
      </main>
    );
  }

  const { run, steps } = data;
  const canAct = me?.role !== 'viewer';
  const byIndex = new Map((plan.data?.runbook.steps ?? []).map((s) => [s.index, s]));
  const waiting = steps.find((s) => (stream.steps[s.index]?.status ?? s.status) === 'waiting');
  const params = Object.entries(run.params);
  return (
    <main className="run-page">
      <p>
        {run.incidentId !== null ? <Link href={`/incidents/${run.incidentId}`}>← Incident #{run.incidentId}</Link> : <Link href="/runbooks">← Runbooks</Link>}
      </p>
      <LoadProblem what={`run #${id}`} error={error} loadedAt={loadedAt} />
      <h1>
        <span className="muted">Run #{run.id}</span> <Link href={`/runbooks/view?id=${encodeURIComponent(run.runbook)}`}>{run.title}</Link>
      </h1>
      <div className="incident-head">
        <RunStatusBadge status={status} testId="run-status" />
        {run.dryRun && <span className="dry-run-tag">dry run: nothing was executed</span>}
        <span>
          by {run.routine ? `routine ${run.routine}` : run.actor}, {formatAbsolute(run.startedAt)}
        </span>
        <span className="muted">{formatDuration((run.endedAt ?? now) - run.startedAt)}</span>
        {run.incidentId !== null && (
          <span>
            for <Link href={`/incidents/${run.incidentId}`}>incident #{run.incidentId}</Link>
          </span>
        )}
        {isLive(status) && canAct && (
          <button type="button" disabled={mutation.busy} onClick={() => void mutation.run(apiPath(`/runbook-runs/${run.id}/cancel`), 'POST')}>
            Cancel run
          </button>
        )}
      </div>
      {params.length > 0 && (
        <dl className="facts run-params" aria-label="Parameters">
          {params.map(([name, value]) => (
            <div key={name} className="fact">
              <dt>
                <code>{name}</code>
              </dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="visually-hidden" role="status">
        {waiting ? `Step ${waiting.index + 1} is waiting for you.` : ''}
      </p>
      {mutation.error && (
        <p className="error" role="alert" data-testid="run-action-error">
          {mutation.error}
        </p>
      )}
      <ol className="run-steps">
        {[...steps]
          .sort((a, b) => a.index - b.index)
          .map((step) => {
            const live = stream.steps[step.index];
            const streamed = stream.output[step.index] ?? [];
            const streamedLength = streamed.reduce((sum, s) => sum + s.text.length, 0);
            // The stream replays from the start, so it has everything unless it never connected.
            const segments: OutputSegment[] = streamedLength >= step.output.length ? streamed : [{ stream: 'stdout', text: step.output }];
            return (
              <RunStepRow
                key={step.index}
                step={step}
                plan={byIndex.get(step.index)}
                status={live?.status ?? step.status}
                exitCode={live?.exitCode ?? step.exitCode}
                segments={segments}
                dropped={segments === streamed ? (stream.dropped[step.index] ?? 0) : 0}
                now={now}
                canAct={canAct && isLive(status)}
                mutation={mutation}
                onConfirm={() => void mutation.run(apiPath(`/runbook-runs/${run.id}/steps/${step.index}/confirm`), 'POST')}
                onDone={(note) => void mutation.run(apiPath(`/runbook-runs/${run.id}/steps/${step.index}/done`), 'POST', note ? { note } : {})}
              />
            );
          })}
      </ol>
    </main>
  );
}
