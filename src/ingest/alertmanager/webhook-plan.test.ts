import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../config/index.ts';
import { parseWebhookPayload, type WebhookPayload } from './webhook-payload.ts';
import { planWebhook } from './webhook-plan.ts';

type IntegrationDef = Config['integrations'][number];

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/integrations/${name}`, import.meta.url), 'utf8');

function payload(body: unknown): WebhookPayload {
  const parsed = parseWebhookPayload(body);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.payload;
}

const am: IntegrationDef = {
  id: 'am', type: 'alertmanager', service: 'api', keyEnv: null,
  severityMap: { critical: 'P1', warning: 'P3' }, severityLabel: 'severity', defaultSeverity: 'P4',
  routes: [
    { matchers: [{ label: 'team', op: '=', value: 'payments' }], service: 'payments', severity: null },
    { matchers: [{ label: 'team', op: '=~', value: 'data|db' }, { label: 'env', op: '!=', value: 'dev' }], service: 'data', severity: 'P2' },
  ],
  rateLimitPerMinute: 120, escalation: 'night',
};

const alert = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  status: 'firing', labels, annotations: {}, startsAt: '2026-11-22T13:25:23.294Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'abc', ...extra,
});
const one = (a: unknown) => payload({ version: '4', status: 'firing', alerts: [a] });

describe('planWebhook', () => {
  it('fires each alert of the captured group under its fingerprint, with labels, summary and details', () => {
    const plan = planWebhook(am, payload(JSON.parse(fixture('alertmanager-webhook-firing.json'))));
    expect(plan.skipped).toEqual([]);
    expect(plan.steps.map((s) => s.action === 'fire' && s.input.key)).toEqual(['alertmanager:am/04dd39b85988b6a2', 'alertmanager:am/c8916cb234e36a17']);
    const first = plan.steps[0]!;
    if (first.action !== 'fire') throw new Error('expected a fire step');
    expect(first.input).toMatchObject({
      source: 'alertmanager', integration: 'am', service: 'api', severity: 'P1', summary: 'harness_value is 10 on db-1',
      labels: { alertname: 'HarnessValueHigh', host: 'db-1', team: 'ops' }, escalation: 'night', autoResolve: true,
    });
    expect(first.input.details).toMatchObject({
      class: 'HarnessValueHigh', client: 'Alertmanager', clientUrl: 'http://127.0.0.1:19093', source: '127.0.0.1:19100',
      generatorUrl: 'http://127.0.0.1:19090/graph?g0.expr=harness_value+%3E+5&g0.tab=1',
      startedAt: Date.parse('2026-11-22T13:25:23.294Z'),
      annotations: { runbook_url: 'https://runbooks.example.invalid/harness-value-high', summary: 'harness_value is 10 on db-1' },
    });
  });

  it('resolves each alert of the captured resolved group by the same key', () => {
    const plan = planWebhook(am, payload(JSON.parse(fixture('alertmanager-webhook-resolved.json'))));
    expect(plan.steps).toEqual([
      { action: 'resolve', key: 'alertmanager:am/04dd39b85988b6a2' },
      { action: 'resolve', key: 'alertmanager:am/c8916cb234e36a17' },
    ]);
  });

  it.each<{ name: string; labels: Record<string, string>; service: string; severity: string }>([
    { name: 'no route: the integration service and mapped severity', labels: { severity: 'warning' }, service: 'api', severity: 'P3' },
    { name: 'severity not in the map: the default', labels: { severity: 'page-me' }, service: 'api', severity: 'P4' },
    { name: 'no severity label: the default', labels: {}, service: 'api', severity: 'P4' },
    { name: 'first route: its service, the mapped severity', labels: { team: 'payments', severity: 'critical' }, service: 'payments', severity: 'P1' },
    { name: 'second route: its service and its severity override', labels: { team: 'db', env: 'prod', severity: 'critical' }, service: 'data', severity: 'P2' },
    { name: 'second route does not match env=dev: the integration service', labels: { team: 'db', env: 'dev' }, service: 'api', severity: 'P4' },
    { name: 'regex anchored: team=dbx is no match', labels: { team: 'dbx' }, service: 'api', severity: 'P4' },
  ])('$name', ({ labels, service, severity }) => {
    const [step] = planWebhook(am, one(alert(labels))).steps;
    expect(step).toMatchObject({ action: 'fire', input: { service, severity } });
  });

  it('reads the severity from the configured label', () => {
    const [step] = planWebhook({ ...am, severityLabel: 'priority' }, one(alert({ severity: 'warning', priority: 'critical' }))).steps;
    expect(step).toMatchObject({ input: { severity: 'P1' } });
  });

  it('skips an alert no route places when the integration has no service, and says why', () => {
    const plan = planWebhook({ ...am, service: null }, payload({ version: '4', alerts: [alert({ alertname: 'X', team: 'web' }), alert({ team: 'payments' }, { fingerprint: 'def' })] }));
    expect(plan.steps).toMatchObject([{ action: 'fire', input: { key: 'alertmanager:am/def', service: 'payments' } }]);
    expect(plan.skipped).toEqual([{
      fingerprint: 'abc', alertname: 'X',
      reason: 'no route of integration am matches labels {alertname="X", team="web"}, and it has no service: to send the rest to',
    }]);
  });

  it.each<{ name: string; annotations: Record<string, string>; labels: Record<string, string>; summary: string }>([
    { name: 'summary annotation', annotations: { summary: 'S', description: 'D' }, labels: { alertname: 'A' }, summary: 'S' },
    { name: 'description when no summary', annotations: { summary: ' ', description: 'D' }, labels: { alertname: 'A' }, summary: 'D' },
    { name: 'alertname when neither', annotations: {}, labels: { alertname: 'A' }, summary: 'A' },
    { name: 'the fingerprint when not even an alertname', annotations: {}, labels: {}, summary: 'Alertmanager alert abc' },
  ])('summary: $name', ({ annotations, labels, summary }) => {
    const [step] = planWebhook(am, one(alert(labels, { annotations }))).steps;
    expect(step).toMatchObject({ input: { summary } });
  });

  it('treats a missing or zero startsAt as unknown', () => {
    for (const startsAt of [undefined, '0001-01-01T00:00:00Z', 'soon']) {
      const [step] = planWebhook(am, one(alert({}, { startsAt }))).steps;
      expect(step).toMatchObject({ input: { details: { startedAt: null } } });
    }
  });
});

describe('parseWebhookPayload', () => {
  it('tolerates fields newer Alertmanagers add', () => {
    const body = JSON.parse(fixture('alertmanager-webhook-firing.json'));
    body.notification_reason = 'repeat';
    body.routeLabels = { team: 'ops' };
    body.alerts[0].silencedBy = [];
    expect(parseWebhookPayload(body).ok).toBe(true);
  });

  it.each([
    { name: 'not an object', body: [1], error: 'body: expected a JSON object (Alertmanager\'s webhook payload), found an array' },
    { name: 'another version', body: { version: '3', alerts: [] }, error: 'version: expected version "4" (Alertmanager\'s webhook format), found "3"' },
    { name: 'no alerts', body: { version: '4' }, error: 'alerts: Invalid input: expected array, received undefined' },
    { name: 'a bad status', body: { version: '4', alerts: [alert({}, { status: 'pending' })] }, error: 'alerts.0.status: Invalid option: expected one of "firing"|"resolved"' },
    { name: 'a missing fingerprint', body: { version: '4', alerts: [alert({}, { fingerprint: undefined })] }, error: 'alerts.0.fingerprint: Invalid input: expected string, received undefined' },
    { name: 'a fingerprint with spaces', body: { version: '4', alerts: [alert({}, { fingerprint: 'a b' })] }, error: 'alerts.0.fingerprint: expected a fingerprint of 1 to 128 printable characters, like "04dd39b85988b6a2"' },
    { name: 'a label that is not a string', body: { version: '4', alerts: [alert({ n: 1 } as never)] }, error: 'alerts.0.labels.n: Invalid input: expected string, received number' },
  ])('refuses $name', ({ body, error }) => {
    const parsed = parseWebhookPayload(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toBe(error);
  });
});
