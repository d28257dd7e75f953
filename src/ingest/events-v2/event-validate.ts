import { FieldCheck, type Link, type Image, readObject } from './field-check.ts';

export const EVENT_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export const MAX_DEDUP_KEY = 255;
export const MAX_SUMMARY = 1024;

export type EventAction = (typeof EVENT_ACTIONS)[number];

export interface EventPayload {
  summary: string;
  source: string;
  severity: (typeof SEVERITIES)[number];
  /** ms since the epoch. */
  timestamp: number | null;
  component: string | null;
  group: string | null;
  class: string | null;
  customDetails: unknown;
}

/** A valid Events API v2 event; unknown extra fields were ignored. */
export interface ValidEvent {
  routingKey: string;
  action: EventAction;
  /** null only on a trigger that came without one (the receiver makes one up and returns it). */
  dedupKey: string | null;
  /** Present on a trigger. */
  payload: EventPayload | null;
  links: Link[];
  images: Image[];
  client: string | null;
  clientUrl: string | null;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * The body of `POST /v2/enqueue`, already parsed from JSON, checked field by field as PagerDuty
 * does: every problem is collected, each naming the field and what was expected, so a sender
 * fixes them all at once. Pure: no clock, no store.
 */
export function validateEvent(body: unknown): Validated<ValidEvent> {
  const top = readObject(body);
  if (!top.ok) return { ok: false, errors: [top.error] };
  const f = new FieldCheck(top.value);
  const routingKey = f.requiredText('routing_key');
  const action = f.oneOf('event_action', EVENT_ACTIONS);
  // Without a valid action, whether dedup_key is required is unknown: only its type is checked.
  const needsKey = action === 'acknowledge' || action === 'resolve';
  const dedupKey = needsKey ? f.requiredText('dedup_key', MAX_DEDUP_KEY) : f.optionalText('dedup_key', MAX_DEDUP_KEY);
  let payload: EventPayload | null = null;
  if (action === 'trigger') {
    const p = f.object('payload', true);
    if (p) {
      payload = {
        summary: p.requiredText('summary', MAX_SUMMARY) ?? '',
        source: p.requiredText('source') ?? '',
        severity: p.oneOf('severity', SEVERITIES) ?? 'critical',
        timestamp: p.timestamp('timestamp'),
        component: p.optionalText('component'),
        group: p.optionalText('group'),
        class: p.optionalText('class'),
        customDetails: p.details('custom_details'),
      };
    }
  }
  const links = f.links('links');
  const images = f.images('images');
  const client = f.optionalText('client');
  const clientUrl = f.optionalText('client_url');
  if (f.errors.length > 0 || routingKey === null || action === null) return { ok: false, errors: f.errors };
  return { ok: true, value: { routingKey, action, dedupKey, payload, links, images, client, clientUrl } };
}

/** A valid change event (`POST /v2/change/enqueue`). */
export interface ValidChange {
  routingKey: string;
  summary: string;
  source: string | null;
  timestamp: number | null;
  customDetails: unknown;
  links: Link[];
}

export function validateChange(body: unknown): Validated<ValidChange> {
  const top = readObject(body);
  if (!top.ok) return { ok: false, errors: [top.error] };
  const f = new FieldCheck(top.value);
  const routingKey = f.requiredText('routing_key');
  const p = f.object('payload', true);
  const summary = p?.requiredText('summary', MAX_SUMMARY) ?? null;
  const source = p?.optionalText('source') ?? null;
  const timestamp = p?.timestamp('timestamp') ?? null;
  const customDetails = p?.details('custom_details') ?? null;
  const links = f.links('links');
  if (f.errors.length > 0 || routingKey === null || summary === null) return { ok: false, errors: f.errors };
  return { ok: true, value: { routingKey, summary, source, timestamp, customDetails, links } };
}
