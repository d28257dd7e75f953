import type { Config } from '../../config/index.ts';
import { matchesAll } from '../../pipeline/index.ts';
import type { AlertDetails } from '../../store/index.ts';
import type { FireInput } from '../alert-intake.ts';
import type { WebhookAlert, WebhookPayload } from './webhook-payload.ts';

type IntegrationDef = Config['integrations'][number];

/** An alert of the group that no route placed and the integration has no service for. */
export interface SkippedAlert {
  fingerprint: string;
  alertname: string | null;
  reason: string;
}

/** What one webhook asks of the intake, in the order the alerts came. */
export type WebhookStep = { action: 'fire'; input: FireInput } | { action: 'resolve'; key: string };

export interface WebhookPlan {
  steps: WebhookStep[];
  skipped: SkippedAlert[];
}

export function alertmanagerKey(integration: string, fingerprint: string): string {
  return `alertmanager:${integration}/${fingerprint}`;
}

/**
 * Pure: which alerts of a webhook fire and which resolve, with their service and severity. The
 * first route whose matchers all match the alert's labels chooses the service (and may override
 * the severity); otherwise the integration's service.
 */
export function planWebhook(integration: IntegrationDef, payload: WebhookPayload): WebhookPlan {
  const steps: WebhookStep[] = [];
  const skipped: SkippedAlert[] = [];
  for (const alert of payload.alerts) {
    const key = alertmanagerKey(integration.id, alert.fingerprint);
    // A resolve needs no placing: the key alone finds the alert, wherever it was routed when it fired.
    if (alert.status === 'resolved') {
      steps.push({ action: 'resolve', key });
      continue;
    }
    const route = integration.routes.find((r) => matchesAll(r.matchers, alert.labels));
    const service = route?.service ?? integration.service;
    if (service === null) {
      skipped.push({
        fingerprint: alert.fingerprint,
        alertname: alert.labels['alertname'] ?? null,
        reason: `no route of integration ${integration.id} matches labels ${formatLabels(alert.labels)}, and it has no service: to send the rest to`,
      });
      continue;
    }
    const written = alert.labels[integration.severityLabel];
    const mapped = written === undefined ? undefined : integration.severityMap[written];
    steps.push({
      action: 'fire',
      input: {
        source: 'alertmanager',
        key,
        integration: integration.id,
        service,
        severity: route?.severity ?? mapped ?? integration.defaultSeverity,
        summary: summaryOf(alert),
        labels: alert.labels,
        details: detailsOf(alert, payload),
        escalation: integration.escalation,
        autoResolve: true,
      },
    });
  }
  return { steps, skipped };
}

function summaryOf(alert: WebhookAlert): string {
  const a = alert.annotations;
  const text = nonEmpty(a['summary']) ?? nonEmpty(a['description']) ?? nonEmpty(alert.labels['alertname']) ?? `Alertmanager alert ${alert.fingerprint}`;
  return text.length > 1024 ? `${text.slice(0, 1023)}…` : text;
}

function detailsOf(alert: WebhookAlert, payload: WebhookPayload): AlertDetails {
  const started = alert.startsAt === undefined ? NaN : Date.parse(alert.startsAt);
  return {
    source: alert.labels['instance'] ?? null,
    component: null,
    group: null,
    class: alert.labels['alertname'] ?? null,
    customDetails: null,
    links: [],
    images: [],
    client: 'Alertmanager',
    clientUrl: nonEmpty(payload.externalURL) ?? null,
    annotations: alert.annotations,
    generatorUrl: nonEmpty(alert.generatorURL) ?? null,
    // Alertmanager writes the zero time (0001-01-01) for "unknown"; that is no start at all.
    startedAt: Number.isFinite(started) && started > 0 ? started : null,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function formatLabels(labels: Record<string, string>): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}
