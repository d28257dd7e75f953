import type { IntegrationDef } from '../../config/index.ts';
import { matchesAll } from '../../pipeline/index.ts';
import type { AlertDetails } from '../../store/index.ts';
import type { FireInput } from '../alert-intake.ts';
import type { EventPayload, ValidEvent } from './event-validate.ts';

/** Every Events v2 alert key: the integration is part of it, so another routing key's ack or resolve cannot touch it. */
export function alertKey(integration: string, dedupKey: string): string {
  return `events-v2:${integration}/${dedupKey}`;
}

/** The labels routes match on and silences see: the payload's own fields. */
export function eventLabels(payload: EventPayload): Record<string, string> {
  const labels: Record<string, string> = { source: payload.source, severity_sent: payload.severity };
  if (payload.component !== null) labels['component'] = payload.component;
  if (payload.group !== null) labels['group'] = payload.group;
  if (payload.class !== null) labels['class'] = payload.class;
  return labels;
}

/**
 * Where a trigger goes and how urgent it is: the first route whose matchers all hold (its service,
 * and its severity if it sets one), else the integration's service with the mapped severity.
 * Null: routes only, and none matched.
 */
export function placeTrigger(integration: IntegrationDef, payload: EventPayload): { service: string; severity: string } | null {
  const labels = eventLabels(payload);
  const mapped = integration.severityMap[payload.severity] ?? integration.defaultSeverity;
  const route = integration.routes.find((r) => matchesAll(r.matchers, labels));
  if (route) return { service: route.service, severity: route.severity ?? mapped };
  return integration.service === null ? null : { service: integration.service, severity: mapped };
}

/** What FireInput the trigger makes; `dedupKey` is the event's or the one made up for it. */
export function triggerInput(integration: IntegrationDef, event: ValidEvent, dedupKey: string, place: { service: string; severity: string }): FireInput {
  const payload = event.payload!;
  const details: AlertDetails = {
    source: payload.source,
    component: payload.component,
    group: payload.group,
    class: payload.class,
    customDetails: payload.customDetails,
    links: event.links,
    images: event.images,
    client: event.client,
    clientUrl: event.clientUrl,
    annotations: {},
    generatorUrl: null,
    startedAt: payload.timestamp,
  };
  return {
    source: 'events-v2',
    key: alertKey(integration.id, dedupKey),
    integration: integration.id,
    service: place.service,
    severity: place.severity,
    summary: payload.summary,
    labels: eventLabels(payload),
    details,
    escalation: integration.escalation,
    autoResolve: true,
  };
}
