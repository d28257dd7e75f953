import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// Alerts from other tools, the raw inbound event log, change events and integration keys
// (issue 6). Same conventions as 001-initial: BIGINT identity ids and epoch ms, JSON as TEXT.
// Keep in step with ../sqlite/003-inbound.ts; the comments there say why each index exists.
const statements = [
  `create table external_alerts (
    key text primary key,
    source text not null check (source in ('events-v2', 'alertmanager', 'prometheus')),
    integration text not null,
    service text not null,
    severity text not null,
    status text not null check (status in ('firing', 'resolved')),
    summary text not null,
    labels text not null,
    details text not null,
    fired_at bigint not null,
    last_event_at bigint not null,
    resolved_at bigint,
    events integer not null,
    constraint external_alerts_resolved_consistent check ((status = 'resolved') = (resolved_at is not null))
  )`,
  `create index external_alerts_status_last on external_alerts (status, last_event_at)`,
  `create index external_alerts_service_last on external_alerts (service, last_event_at)`,
  `create index external_alerts_last on external_alerts (last_event_at)`,

  `create table inbound_events (
    id bigint generated always as identity primary key,
    source text not null,
    integration text not null,
    action text not null,
    alert_key text,
    body text not null,
    received_at bigint not null
  )`,
  `create index inbound_events_integration on inbound_events (integration, id)`,
  `create index inbound_events_source on inbound_events (source, id)`,

  `create table change_events (
    id bigint generated always as identity primary key,
    service text,
    summary text not null,
    origin text not null,
    source text,
    at bigint not null,
    links text not null,
    custom_details text not null
  )`,
  `create index change_events_at on change_events (at)`,
  `create index change_events_service_at on change_events (service, at)`,

  `create table integration_keys (
    id bigint generated always as identity primary key,
    integration text not null,
    hash text not null unique,
    created_at bigint not null,
    created_by text not null,
    revoked_at bigint
  )`,
  `create index integration_keys_integration on integration_keys (integration, id)`,
];

export const inbound: Migration = {
  name: '003-inbound',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
