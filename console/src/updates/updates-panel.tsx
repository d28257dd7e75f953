import { useCallback } from 'react';
import { api, apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useMutation } from '../api/use-mutation.ts';
import { usePoll } from '../api/use-poll.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { UpdateForm } from './update-form.tsx';
import { UpdateList } from './update-list.tsx';
import { UpdateOverdue } from './update-overdue.tsx';
import type { CommsTemplate, UpdateList as Updates } from './update-types.ts';

const loadTemplates = (signal: AbortSignal) => api<{ items: CommsTemplate[] }>(apiPath('/templates'), { signal });

/** The incident's status updates: when the next public one is due, what was said, and a form to say more. */
export function UpdatesPanel({ incidentId, resolved, me, onPosted }: { incidentId: number; resolved: boolean; me: Me | undefined; onPosted: () => void }) {
  const load = useCallback((signal: AbortSignal) => api<Updates>(apiPath(`/incidents/${incidentId}/updates`), { signal }), [incidentId]);
  const updates = usePoll(`updates:${incidentId}`, load, 5000);
  const templates = usePoll('templates', loadTemplates, 60_000);
  const refresh = updates.refresh;
  // A status set with the update changes the incident too: refetch both.
  const done = useCallback(() => {
    refresh();
    onPosted();
  }, [refresh, onPosted]);
  const mutation = useMutation(me?.role, done);
  const now = Date.now();
  return (
    <section className="updates-section" aria-labelledby="updates-title">
      <h2 id="updates-title">Status updates</h2>
      <LoadProblem what="the status updates" error={updates.error} loadedAt={updates.loadedAt} />
      <UpdateOverdue cadence={updates.data?.cadence} now={now} />
      {updates.data && <UpdateList items={updates.data.items} now={now} />}
      {me?.role !== 'viewer' && <UpdateForm incidentId={incidentId} resolved={resolved} templates={templates.data?.items} role={me?.role} mutation={mutation} />}
    </section>
  );
}
