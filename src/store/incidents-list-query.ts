import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { IncidentFilter } from './ports.ts';
import type { StoreTables } from './store-tables.ts';

type IncidentsQuery = SelectQueryBuilder<StoreTables, 'incidents', object>;

/** The filtered set, before ordering and paging, so items and total count the same rows. */
export function filteredIncidents(db: Kysely<StoreTables>, filter: IncidentFilter): IncidentsQuery {
  let query: IncidentsQuery = db.selectFrom('incidents');
  if (filter.status === 'open') query = query.where('resolved_at', 'is', null);
  else if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.severity !== undefined) query = query.where('severity', '=', filter.severity);
  if (filter.service !== undefined) query = query.where('service', '=', filter.service);
  if (filter.q !== undefined && filter.q !== '') {
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive and SQLite's folds ASCII only
    // (sqlite-dialect.ts gives SQLite a Unicode lower()). The user's text is matched literally.
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where(sql<boolean>`lower(title) like ${pattern} escape '\\'`);
  }
  return query;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
