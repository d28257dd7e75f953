import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import type { ServicePage, ServiceStatus } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { setQuery, useLocation } from '../router/router.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { PAGE_SIZE, Pager, pageFromQuery } from '../ui/pager.tsx';
import { SearchBox } from '../ui/search-box.tsx';
import { ServiceRow } from './service-row.tsx';
import { StatusFilter } from './status-filter.tsx';

const STATUSES: readonly string[] = ['up', 'down', 'unknown'];

/**
 * The home page. Everything (search, status, paging, and the failing-first order) is done by
 * the server, so the page renders at most 50 rows however many services there are.
 */
export function ServicesPage() {
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const rawStatus = query.get('status') ?? '';
  const status = STATUSES.includes(rawStatus) ? (rawStatus as ServiceStatus) : undefined;
  const page = pageFromQuery(query);
  const params = { q, status, limit: PAGE_SIZE, offset: page * PAGE_SIZE };

  const { data, error, loadedAt } = usePoll(
    JSON.stringify(params),
    (signal) => api<ServicePage>(apiPath('/services', params), { signal }),
    2000,
  );

  // The tab title carries the down count, so a background tab still says when things break.
  const down = data?.counts.down;
  useEffect(() => {
    document.title = down ? `(${down} down) Services · Opsdeck` : 'Services · Opsdeck';
  }, [down]);

  const now = Date.now();
  return (
    <main>
      <div className="toolbar">
        <h1>Services</h1>
        <StatusFilter value={status} counts={data?.counts} onChange={(s) => setQuery({ status: s, page: undefined })} />
        <SearchBox label="Search services" value={q} onSearch={(text) => setQuery({ q: text, page: undefined }, { replace: true })} />
      </div>
      <LoadProblem what="services" error={error} loadedAt={loadedAt} />
      <table className="list services">
        <thead>
          <tr>
            <th className="col-status">Status</th>
            <th className="col-name">Service</th>
            <th className="col-checks">Checks</th>
            <th className="col-time">Last run</th>
            <th className="col-incidents">Incidents</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((service) => <ServiceRow key={service.id} service={service} now={now} />)}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                {q || status ? 'No services match these filters.' : 'No services are configured yet. Add some under services: in the config directory.'}
              </td>
            </tr>
          )}
          {!data && !error && (
            <tr>
              <td colSpan={5} className="empty">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {data && (
        <Pager page={page} total={data.total} shown={data.items.length} noun="services" onPage={(p) => setQuery({ page: p > 0 ? p + 1 : undefined })} />
      )}
    </main>
  );
}
