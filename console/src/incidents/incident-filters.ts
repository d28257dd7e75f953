import { INCIDENT_STATUSES } from '../api/types.ts';
import type { Query } from '../api/client.ts';
import { PAGE_SIZE, pageFromQuery } from '../ui/pager.tsx';

/** The list's filters as they appear in the URL; `open` is the default and so is left out of it. */
export interface IncidentFilters {
  status: string;
  severity: string;
  service: string;
  q: string;
  page: number;
}

export const STATUS_CHOICES = ['open', 'resolved', 'all', ...INCIDENT_STATUSES.filter((s) => s !== 'resolved')] as const;
export const SEVERITY_CHOICES = ['P1', 'P2', 'P3', 'P4'] as const;

export function filtersFromQuery(query: URLSearchParams): IncidentFilters {
  const status = query.get('status') ?? 'open';
  return {
    status: (STATUS_CHOICES as readonly string[]).includes(status) ? status : 'open',
    severity: query.get('severity') ?? '',
    service: query.get('service') ?? '',
    q: query.get('q') ?? '',
    page: pageFromQuery(query),
  };
}

/** The API query. Status is always sent: the server's own default is "open", so "all" must be said. */
export function apiQuery(filters: IncidentFilters): Query {
  return {
    status: filters.status,
    severity: filters.severity,
    service: filters.service,
    q: filters.q,
    limit: PAGE_SIZE,
    offset: filters.page * PAGE_SIZE,
  };
}
