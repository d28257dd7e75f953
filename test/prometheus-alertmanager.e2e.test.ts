import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { startAlertmanager, startMetricsTarget, startPrometheus, type MetricsTarget, type PeerProcess } from './support/prom-stack.ts';

// Acceptance 1 of issue 6, against the real Debian prometheus 2.42 and prometheus-alertmanager 0.25:
// a Prometheus alerting rule fires, Alertmanager delivers it to Opsdeck and an incident opens; the
// condition clears and the incident resolves. Once through webhook_config (/alertmanager/<key>),
// once through pagerduty_config with url: at Opsdeck's Events API v2 endpoint. Each binary is
// started once; the two paths are told apart by the series' `path` label, which Alertmanager routes on.

const AM_KEY = `am-${randomBytes(12).toString('hex')}`;
const EV_KEY = randomBytes(16).toString('hex');
// routing_key_env is read from the process environment.
process.env['OPSDECK_E2E_AM_KEY'] = AM_KEY;
process.env['OPSDECK_E2E_EV_KEY'] = EV_KEY;

const OPSDECK_CONFIG = `
organization: Peers
severities:
  P1: { name: Critical, respond_within: 15m }
  P2: { name: High }
  P3: { name: Warning }
services:
  api: { name: API }
  payments: { name: Payments }
integrations:
  prom:
    alertmanager: { service: api, severity_map: { critical: P1, warning: P3 }, routing_key_env: OPSDECK_E2E_AM_KEY }
  pd:
    events_v2: { service: payments, routing_key_env: OPSDECK_E2E_EV_KEY }
`;

const RULES = `
groups:
  - name: harness
    rules:
      - alert: HarnessValueHigh
        expr: harness_value > 5
        for: 4s
        labels: { severity: critical }
        annotations:
          summary: "harness_value is {{ $value }} on {{ $labels.path }}"
          runbook_url: https://runbooks.example.invalid/harness-value-high
`;

const prometheusConfig = (target: string, alertmanager: string) => `
global: { scrape_interval: 2s, evaluation_interval: 2s }
rule_files: [rules.yml]
alerting:
  alertmanagers: [ { static_configs: [ { targets: ["${alertmanager}"] } ] } ]
scrape_configs:
  - job_name: harness
    static_configs: [ { targets: ["${target}"] } ]
`;

const alertmanagerConfig = (opsdeck: string) => `
global: { resolve_timeout: 5m }
route:
  receiver: opsdeck-webhook
  group_by: [alertname, path]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
  routes:
    - matchers: ['path="pagerduty"']
      receiver: opsdeck-events-v2
receivers:
  - name: opsdeck-webhook
    webhook_configs:
      - url: "${opsdeck}/alertmanager/${AM_KEY}"
        send_resolved: true
      # The same group again with the key in a header: both must be accepted, and open one incident.
      - url: "${opsdeck}/alertmanager"
        send_resolved: true
        http_config: { authorization: { credentials: "${AM_KEY}" } }
  - name: opsdeck-events-v2
    pagerduty_configs:
      - url: "${opsdeck}/v2/enqueue"
        routing_key: "${EV_KEY}"
        send_resolved: true
`;

interface IncidentRow { id: number; key: string; title: string; service: string; severity: string; status: string }

describe('real Prometheus and Alertmanager deliver to Opsdeck', () => {
  let app: Opsdeck;
  let target: MetricsTarget;
  let alertmanager: PeerProcess | undefined;
  let prometheus: PeerProcess | undefined;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    target = await startMetricsTarget();
    target.set('harness_value', { path: 'webhook' }, 1);
    target.set('harness_value', { path: 'pagerduty' }, 1);
    app = await startOpsdeck({ configDir: configDir({ 'opsdeck.yaml': OPSDECK_CONFIG }), listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
    alertmanager = await startAlertmanager({ config: alertmanagerConfig(app.url) });
    prometheus = await startPrometheus({ config: prometheusConfig(target.address, alertmanager.address), files: { 'rules.yml': RULES } });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await app?.stop();
    await target?.close();
  });

  const incidentsOf = async (service: string): Promise<IncidentRow[]> => (await api('GET', `/incidents?service=${service}&status=all`)).body.items;
  const peersSaid = () => `\n--- prometheus:\n${prometheus?.output()}\n--- alertmanager:\n${alertmanager?.output()}`;

  it('webhook_config: the rule fires and an incident opens; the value drops and it resolves', async () => {
    expect(await incidentsOf('api')).toEqual([]);
    target.set('harness_value', { path: 'webhook' }, 10);
    const opened = await waitFor('an incident from the webhook', async () => (await incidentsOf('api'))[0], 45_000).catch((err) => {
      throw new Error(`${(err as Error).message}${peersSaid()}`);
    });
    expect(opened).toMatchObject({ title: 'harness_value is 10 on webhook', severity: 'P1', status: 'triggered' });
    expect(opened.key).toMatch(/^alertmanager:prom\/[0-9a-f]{16}$/);
    const alert = await app.store.externalAlerts.get(opened.key);
    expect(alert).toMatchObject({
      source: 'alertmanager', labels: { alertname: 'HarnessValueHigh', path: 'webhook', job: 'harness', instance: target.address },
      details: { generatorUrl: expect.stringContaining(prometheus!.url), annotations: { runbook_url: 'https://runbooks.example.invalid/harness-value-high' } },
    });
    expect(await incidentsOf('payments')).toEqual([]);
    // One firing webhook per webhook_config (path key and Bearer key); a refused one is not retried.
    const firings = async () => (await app.store.inboundEvents.list({ integration: 'prom', limit: 50, offset: 0 })).items.filter((e) => e.action === 'firing');
    await waitFor('both webhook_configs delivered', async () => (await firings()).length >= 2, 10_000);

    target.set('harness_value', { path: 'webhook' }, 1);
    const resolved = await waitFor('the incident resolved', async () => (await incidentsOf('api')).find((i) => i.id === opened.id && i.status === 'resolved'), 30_000);
    expect(resolved.key).toBe(opened.key);
    expect(await incidentsOf('api')).toHaveLength(1);
    const resolvedEvents = async () => (await app.store.inboundEvents.list({ integration: 'prom', limit: 50, offset: 0 })).items.filter((e) => e.action === 'resolved');
    await waitFor('both webhook_configs delivered the resolution', async () => (await resolvedEvents()).length >= 2, 10_000);
  }, 60_000);

  it('pagerduty_config with url: at /v2/enqueue: an incident opens and resolves', async () => {
    target.set('harness_value', { path: 'pagerduty' }, 10);
    const opened = await waitFor('an incident from Events v2', async () => (await incidentsOf('payments'))[0], 45_000).catch((err) => {
      throw new Error(`${(err as Error).message}${peersSaid()}`);
    });
    // One event per Alertmanager group, dedup_key sha256(groupKey); pagerduty_config's default severity is "error" (P2 by default).
    expect(opened).toMatchObject({ status: 'triggered', severity: 'P2', title: expect.stringMatching(/^\[FIRING:1\] HarnessValueHigh /) });
    expect(opened.key).toMatch(/^events-v2:pd\/[0-9a-f]{64}$/);

    target.set('harness_value', { path: 'pagerduty' }, 1);
    await waitFor('the incident resolved', async () => (await incidentsOf('payments')).find((i) => i.id === opened.id && i.status === 'resolved'), 30_000);
    expect(await incidentsOf('payments')).toHaveLength(1);
  }, 60_000);
});
