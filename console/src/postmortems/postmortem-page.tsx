import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import { explainFailure } from '../api/explain-failure.ts';
import type { IncidentDetail, Me } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { Link } from '../router/link.tsx';
import { LoadProblem } from '../ui/load-problem.tsx';
import { formatAbsolute } from '../ui/time-format.ts';
import { ActionItems } from './action-items.tsx';
import { downloadMarkdown } from './export-markdown.ts';
import { MarkdownView } from './markdown-view.tsx';
import type { PostmortemAnswer } from './postmortem-types.ts';

/** null: the incident has no post-mortem yet (the API's 404), so the page offers to draft one. */
async function loadPostmortem(id: number, signal: AbortSignal): Promise<PostmortemAnswer | null> {
  try {
    return await api<PostmortemAnswer>(apiPath(`/incidents/${id}/postmortem`), { signal });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Draft, edit (Markdown beside its preview), save, publish and export an incident's post-mortem; track its action items. */
export function PostmortemPage({ id, me }: { id: number; me: Me | undefined }) {
  const load = useCallback((signal: AbortSignal) => loadPostmortem(id, signal), [id]);
  const { data, error, loadedAt, refresh } = usePoll(`postmortem:${id}`, load, 15_000);
  const loadIncident = useCallback((signal: AbortSignal) => api<IncidentDetail>(apiPath(`/incidents/${id}`), { signal }), [id]);
  const incident = usePoll(`incident:${id}`, loadIncident, 30_000).data?.incident;
  // What is typed is kept apart from what was loaded, so a poll never overwrites an edit in progress.
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const canEdit = me?.role === 'responder' || me?.role === 'admin';

  useEffect(() => {
    document.title = `Post-mortem #${id} · Opsdeck`;
  }, [id]);

  const change = useCallback(async (request: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await request();
      refresh();
      return true;
    } catch (e) {
      setProblem(explainFailure(e, me?.role));
      return false;
    } finally {
      setBusy(false);
    }
  }, [refresh, me?.role]);

  const generate = (regenerate: boolean) => change(async () => {
    await api(apiPath(`/incidents/${id}/postmortem`, { regenerate: regenerate ? 'true' : undefined }), { method: 'POST' });
    setDraft(null);
  });

  const header = (
    <>
      <p><Link href={`/incidents/${id}`}>← Incident #{id}</Link></p>
      <h1>Post-mortem <span className="muted">#{id}</span> {incident?.title}</h1>
      <LoadProblem what="the post-mortem" error={error} loadedAt={loadedAt} />
      {problem && <p className="error" role="alert" data-testid="postmortem-error">{problem}</p>}
    </>
  );

  if (data === undefined) return <main>{header}{!error && <p className="muted">Loading…</p>}</main>;
  if (data === null) {
    const resolved = incident?.status === 'resolved';
    return (
      <main>
        {header}
        <p>This incident has no post-mortem yet.{' '}
          {resolved ? 'Draft one from its timeline, then edit it here.' : 'A post-mortem is drafted once the incident is resolved.'}</p>
        {canEdit && <button type="button" disabled={busy || !resolved} onClick={() => void generate(false)} data-testid="generate-postmortem">Draft the post-mortem</button>}
      </main>
    );
  }

  const { postmortem, actions, markdown } = data;
  const text = draft ?? postmortem.body;
  const dirty = draft !== null && draft !== postmortem.body;
  const save = () => change(async () => {
    await api(apiPath(`/incidents/${id}/postmortem`), { method: 'PUT', body: { body: text } });
    setDraft(null);
  });

  return (
    <main className="postmortem">
      {header}
      <div className="postmortem-bar">
        <span className={`status status-${postmortem.state === 'published' ? 'resolved' : 'monitoring'}`} data-testid="postmortem-state">{postmortem.state}</span>
        <span className="muted">last edited by {postmortem.updatedBy}, {formatAbsolute(postmortem.updatedAt)}</span>
        {canEdit && <button type="button" disabled={busy || !dirty} onClick={() => void save()}>Save</button>}
        {canEdit && postmortem.state === 'draft' && (
          <button type="button" disabled={busy || dirty} title={dirty ? 'Save first' : undefined} onClick={() => void change(() => api(apiPath(`/incidents/${id}/postmortem/publish`), { method: 'POST' }))}>Publish</button>
        )}
        <button type="button" onClick={() => void change(() => downloadMarkdown(id))}>Export Markdown</button>
        {canEdit && (
          <button type="button" disabled={busy} onClick={() => {
            if (window.confirm('Replace the post-mortem with a fresh draft? Edits are lost.')) void generate(true);
          }}>Regenerate draft</button>
        )}
        {dirty && <span className="muted">unsaved changes</span>}
      </div>
      <div className="postmortem-editor">
        <label>
          <span className="muted">Markdown</span>
          <textarea value={text} readOnly={!canEdit} onChange={(e) => setDraft(e.target.value)} data-testid="postmortem-body" />
        </label>
        <div>
          <span className="muted">Preview (the action-item table as it is now)</span>
          <MarkdownView text={dirty ? text : markdown} />
        </div>
      </div>
      <ActionItems incidentId={id} items={actions} canEdit={canEdit} change={change} />
    </main>
  );
}
