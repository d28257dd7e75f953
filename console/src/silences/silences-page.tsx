import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import type { Me, SilencePage } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { useMutation } from '../api/use-mutation.ts';
import { setQuery, useLocation } from '../router/router.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { PAGE_SIZE, Pager, pageFromQuery } from '../ui/pager.tsx';
import { SilenceForm } from './silence-form.tsx';
import { SilenceRow } from './silence-row.tsx';

export function SilencesPage({ me }: { me: Me | undefined }) {
  const { query } = useLocation();
  const page = pageFromQuery(query);
  const params = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  const { data, error, loadedAt, refresh } = usePoll(
    JSON.stringify(params),
    (signal) => api<SilencePage>(apiPath('/silences', params), { signal }),
    5000,
  );
  const creating = useMutation(me?.role, refresh);
  const expiring = useMutation(me?.role, refresh);

  useEffect(() => {
    document.title = 'Silences · Opsdeck';
  }, []);

  const now = Date.now();
  return (
    <main>
      <div className="toolbar">
        <h1>Silences</h1>
        <span className="muted">Muted alerts are still recorded on their incident's timeline; only notifications are held back.</span>
      </div>
      <LoadProblem what="silences" error={error} loadedAt={loadedAt} />
      <table className="list silences">
        <thead>
          <tr>
            <th className="col-state">State</th>
            <th>Matchers</th>
            <th className="col-time">Starts</th>
            <th className="col-time">Ends</th>
            <th>Author</th>
            <th>Comment</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((silence) => (
            <SilenceRow
              key={silence.id}
              silence={silence}
              now={now}
              busy={expiring.busy}
              onExpire={(s) => void expiring.run(apiPath(`/silences/${s.id}`), 'DELETE')}
            />
          ))}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={7} className="empty">
                No silences. Create one below to mute alerts during planned work.
              </td>
            </tr>
          )}
          {!data && !error && (
            <tr>
              <td colSpan={7} className="empty">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {expiring.error && (
        <p className="error" role="alert">
          {expiring.error}
        </p>
      )}
      {data && <Pager page={page} total={data.total} shown={data.items.length} noun="silences" onPage={(p) => setQuery({ page: p > 0 ? p + 1 : undefined })} />}
      <SilenceForm mutation={creating} />
    </main>
  );
}
