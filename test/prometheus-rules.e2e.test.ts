import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { closedPort } from '../src/checks/test-support/closed-port.ts';
import { PrometheusClient } from '../src/prometheus/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { startMetricsTarget, startPrometheus, type MetricsTarget, type PeerProcess } from './support/prom-stack.ts';
import { freePort } from './support/server-process.ts';

// Acceptance 2 and 3 of issue 6, against the real Debian prometheus 2.42 scraping a test target
// every second: an Opsdeck PromQL rule opens an incident after its `for` and resolves it when the
// value drops; a syntax error and a stopped Prometheus are rule errors that open no incident; and
// Prometheus scrapes Opsdeck's own /metrics with the target up. Also the client against the real API.

const prometheusConfig = (target: string, opsdeck: string) => `
global: { scrape_interval: 1s, evaluation_interval: 1s }
scrape_configs:
  - job_name: harness
    static_configs: [ { targets: ["${target}"] } ]
  - job_name: opsdeck
    metrics_path: /metrics
    static_configs: [ { targets: ["${opsdeck}"] } ]
`;

const opsdeckConfig = (prom: string) => `
organization: PromQL
severities:
  P1: { name: Critical }
  P2: { name: High }
datasources:
  prom: { prometheus: { url: "${prom}", timeout: 2s } }
services:
  web:
    checks:
      harness-up: { prometheus: { datasource: prom, query: 'up{job="harness"}' }, every: 1s, timeout: 1s, expect: ["[VALUE] == 1"] }
    alerts:
      high: { when: "prometheus: harness_value{host='h1'} > 5 for 4s", every: 1s, severity: P1 }
      broken: { when: "prometheus: sum(harness_value > 5", every: 1s, severity: P2, error_after: 1h }
`;

describe('PromQL rules against a real Prometheus', () => {
  let target: MetricsTarget;
  let prom: PeerProcess;
  let app: Opsdeck;
  let dir: string;
  let port: number;
  const logger = pino({ level: 'silent' });
  const start = () => startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port }, watch: false, logger });

  beforeAll(async () => {
    target = await startMetricsTarget();
    target.set('harness_value', { host: 'h1', job_group: 'g' }, 1);
    target.set('harness_value', { host: 'h2', job_group: 'g' }, 1);
    port = await freePort();
    prom = await startPrometheus({ config: prometheusConfig(target.address, `127.0.0.1:${port}`) });
    dir = configDir({ 'opsdeck.yaml': opsdeckConfig(prom.url) });
    app = await start();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await prom?.stop();
    await target?.close();
  });

  it('the client reads vectors and scalars and reports errors in Prometheus\'s words', async () => {
    const client = new PrometheusClient({ url: prom.url, headers: {}, timeoutMs: 5_000 });
    const vector = await waitFor('the first scrape', async () => {
      const outcome = await client.query('harness_value');
      return outcome.ok && outcome.result.type === 'vector' && outcome.result.samples.length === 2 ? outcome.result : null;
    });
    expect(vector.samples.map((s) => [s.labels['host'], s.labels['job'], s.value]).sort()).toEqual([['h1', 'harness', 1], ['h2', 'harness', 1]]);

    expect(await client.query('scalar(sum(harness_value)) * 1.5')).toMatchObject({ ok: true, result: { type: 'scalar', value: 3 } });
    expect(await client.query('1 / 0')).toMatchObject({ ok: true, result: { type: 'scalar', value: Infinity } });

    expect(await client.query('sum(harness_value')).toEqual({
      ok: false, error: { kind: 'bad_data', status: 400, message: 'PromQL parse error at column 18: unclosed left parenthesis' },
    });
    const execution = await client.query('harness_value + on(job_group) harness_value');
    expect(execution).toMatchObject({ ok: false, error: { kind: 'execution', status: 422 } });
    expect(!execution.ok && execution.error.message).toMatch(/^the query failed while Prometheus ran it: found duplicate series for the match group \{job_group="g"\}/);

    const refused = new PrometheusClient({ url: `http://127.0.0.1:${await closedPort()}`, headers: {}, timeoutMs: 2_000 });
    const down = await refused.query('up');
    expect(down).toEqual({ ok: false, error: { kind: 'unreachable', status: null, message: `cannot reach Prometheus at ${refused.endpoint.url}: connection refused` } });

    const wrongPath = await new PrometheusClient({ url: `${prom.url}/prometheus`, headers: {}, timeoutMs: 2_000 }).query('up');
    expect(wrongPath).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });
  });

  it('acceptance 3: Prometheus scrapes Opsdeck\'s /metrics and the target is up', async () => {
    const client = new PrometheusClient({ url: prom.url, headers: {}, timeoutMs: 5_000 });
    const up = await waitFor('up{job="opsdeck"} == 1', async () => {
      const outcome = await client.query('up{job="opsdeck"}');
      return outcome.ok && outcome.result.type === 'vector' && outcome.result.samples[0]?.value === 1 ? outcome.result.samples[0] : null;
    }, 20_000);
    expect(up.labels).toMatchObject({ instance: `127.0.0.1:${port}`, job: 'opsdeck' });
    const scraped = await client.query('count({job="opsdeck", __name__=~"opsdeck_.+"})');
    expect(scraped.ok && scraped.result.type === 'vector' && scraped.result.samples[0]!.value).toBeGreaterThan(5);
  });

  it('acceptance 2: a rule opens an incident after its for, keeps it through a restart without paging again, and resolves it when the value drops; a syntax error is a rule error', async () => {
    let api = apiAs(app.url, app.bootstrapSecret);
    const key = `web/high{host="h1",instance="${target.address}",job="harness",job_group="g"}`;
    const broken = await waitFor('the broken rule to report its error', async () => {
      const { body } = await api('GET', '/query-rules/web/broken');
      return body?.lastError ? body : null;
    });
    expect(broken.lastError.message).toBe('PromQL parse error at column 18: unclosed left parenthesis');
    expect(broken.series).toEqual([]);
    expect(broken.errorFiring).toBe(false);

    target.set('harness_value', { host: 'h1', job_group: 'g' }, 10);
    const pendingAt = await waitFor('the series to be pending', async () => {
      const { body } = await api('GET', '/query-rules/web/high');
      return body.series[0]?.state === 'pending' ? Date.now() : null;
    });
    const incident = await waitFor('an incident', async () => (await api('GET', '/incidents?status=open')).body.items[0], 15_000);
    // `for: 4s` counted from the first evaluation that saw the value above 5.
    expect(Date.now() - pendingAt).toBeGreaterThanOrEqual(3_000);
    expect(incident).toMatchObject({ key, service: 'web', severity: 'P1', status: 'triggered' });
    expect(incident.title).toBe(`high: 10 > 5 for 4s on {host="h1",instance="${target.address}",job="harness",job_group="g"}`);
    const rule = (await api('GET', '/query-rules/web/high')).body;
    expect(rule).toMatchObject({ lastError: null, series: [{ key, state: 'firing', value: '10' }] });

    // A restart picks the firing series up from the store: still one incident, the same one.
    await app.stop();
    app = await start();
    api = apiAs(app.url, app.bootstrapSecret ?? (await tokenFor(app)));
    await waitFor('the restarted rule to evaluate', async () => (await api('GET', '/query-rules/web/high')).body.lastEvaluatedAt);
    await new Promise((r) => setTimeout(r, 2_000));
    const afterRestart = (await api('GET', '/incidents?status=all')).body;
    expect(afterRestart.items.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([[incident.id, 'triggered']]);
    expect((await api('GET', '/query-rules/web/high')).body.series).toMatchObject([{ key, state: 'firing', value: '10' }]);

    target.set('harness_value', { host: 'h1', job_group: 'g' }, 1);
    await waitFor('auto-resolve', async () => (await api('GET', `/incidents/${incident.id}`)).body.incident.status === 'resolved', 15_000);
    expect((await api('GET', '/incidents?status=all')).body.items.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([[incident.id, 'resolved']]);
  }, 60_000);

  it('a stopped Prometheus is a rule error: states are kept, no incident opens, the check fails with the reason', async () => {
    const api = apiAs(app.url, await tokenFor(app));
    target.set('harness_value', { host: 'h1', job_group: 'g' }, 10);
    await waitFor('the series to be pending again', async () => (await api('GET', '/query-rules/web/high')).body.series[0]?.state === 'pending');
    await prom.stop();
    const failing = await waitFor('the rule error', async () => {
      const { body } = await api('GET', '/query-rules/web/high');
      return body.lastError ? body : null;
    });
    expect(failing.lastError.message).toBe(`cannot reach Prometheus at ${prom.url}: connection refused`);
    // Long past `for`: a pending series whose query fails neither fires nor clears.
    await new Promise((r) => setTimeout(r, 5_000));
    const still = (await api('GET', '/query-rules/web/high')).body;
    expect(still.series).toMatchObject([{ state: 'pending' }]);
    expect(still.errorFiring).toBe(false);
    expect((await api('GET', '/incidents?status=open')).body.total).toBe(0);
    const { body: rules } = await api('GET', '/query-rules?failing=true');
    expect(rules.items.map((r: { id: string }) => r.id).sort()).toEqual(['web/broken', 'web/high']);

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/opsdeck_query_rule_errors_total\{rule="web\/high"\} [1-9]/);
    const services = (await api('GET', '/services')).body;
    expect(JSON.stringify(services.items[0].checks[0])).toContain('connection refused');
  }, 40_000);
});

/** After a restart the store has tokens, so no bootstrap secret: make one the way an admin would. */
async function tokenFor(app: Opsdeck): Promise<string> {
  const { TokenService } = await import('../src/auth/index.ts');
  const { systemClock } = await import('../src/time/index.ts');
  return (await new TokenService(app.store, systemClock).create(`test-${Date.now()}`, 'admin', 'test')).secret;
}
