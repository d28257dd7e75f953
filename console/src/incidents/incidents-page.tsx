import { useEffect } from 'react';
import { api, apiPath } from '../api/client.ts';
import type { IncidentPage } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { setQuery, useLocation } from '../router/router.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { Pager } from '../ui/pager.tsx';
import { SearchBox } from '../ui/search-box.tsx';
import { SEVERITY_CHOICES, STATUS_CHOICES, apiQuery, filtersFromQuery } from './incident-filters.ts';
import { IncidentRow } from './incident-row.tsx';

export function IncidentsPage() {
  const { query } = useLocation();
  const filters = filtersFromQuery(query);
  const params = apiQuery(filters);

  const { data, error, loadedAt } = usePoll(
    JSON.stringify(params),
    (signal) => api<IncidentPage>(apiPath('/incidents', params), { signal }),
    2000,
  );

  useEffect(() => {
    document.title = 'Incidents · Opsdeck';
  }, []);

  // A filter change starts again at page 1; "open" is the default, so it stays out of the URL.
  const change = (key: string, value: string, replace = false): void =>
    setQuery({ [key]: key === 'status' && value === 'open' ? undefined : value, page: undefined }, { replace });

  const now = Date.now();
  return (
    <main>
      <div className="toolbar">
        <h1>Incidents</h1>
        <label>
          Status{' '}
          <select value={filters.status} onChange={(e) => change('status', e.target.value)} data-testid="filter-status">
            {STATUS_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity{' '}
          <select value={filters.severity} onChange={(e) => change('severity', e.target.value)} data-testid="filter-severity">
            <option value="">any</option>
            {SEVERITY_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <SearchBox label="Service" value={filters.service} onSearch={(text) => change('service', text, true)} />
        <SearchBox label="Search incidents" value={filters.q} onSearch={(text) => change('q', text, true)} />
      </div>
      <LoadProblem what="incidents" error={error} loadedAt={loadedAt} />
      <table className="list incidents">
        <thead>
          <tr>
            <th className="col-id">#</th>
            <th className="col-title">Title</th>
            <th>Severity</th>
            <th>Status</th>
            <th className="col-service">Service</th>
            <th className="col-time">Opened</th>
            <th className="col-time">Respond by</th>
            <th className="col-breach">Breached</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((incident) => <IncidentRow key={incident.id} incident={incident} now={now} />)}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={8} className="empty">
                {filters.status === 'open' && !filters.severity && !filters.service && !filters.q
                  ? 'No open incidents.'
                  : 'No incidents match these filters.'}
              </td>
            </tr>
          )}
          {!data && !error && (
            <tr>
              <td colSpan={8} className="empty">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {data && (
        <Pager page={filters.page} total={data.total} shown={data.items.length} noun="incidents" onPage={(p) => setQuery({ page: p > 0 ? p + 1 : undefined })} />
      )}
    </main>
  );
}
