import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig } from '../src/config/index.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/config/prometheus-valid');

describe('the prometheus-valid fixture resolves to', () => {
  const load = async () => {
    const loaded = await loadConfig(DIR);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    return loaded.config;
  };

  it('a datasource with headers_env read from the environment and no trailing slash', async () => {
    expect((await load()).datasources).toEqual([
      { id: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9090', headers: { 'X-Scope-OrgID': 'ops', Authorization: process.env['PATH'] }, timeoutMs: 5_000 },
    ]);
  });

  it('PromQL rules in queryAlerts, check rules untouched in alerts', async () => {
    const [api] = (await load()).services;
    expect(api!.alerts.map((a) => a.id)).toEqual(['api/down']);
    expect(api!.queryAlerts.map((q) => [q.id, q.op, q.threshold, q.forMs, q.everyMs, q.errorAfterMs, q.datasource])).toEqual([
      ['api/error-rate', '>', 0.05, 300_000, 30_000, 300_000, 'prom'],
      ['api/latency-p95', '>', 0.5, 300_000, 15_000, 600_000, 'prom'],
      ['api/cpu', '>', 0.9, 600_000, 30_000, 300_000, 'prom'],
      ['api/memory', '>', 0.9, 600_000, 30_000, 300_000, 'prom'],
      ['api/disk', '<', 0.1, 0, 30_000, 300_000, 'prom'],
      ['api/pool', '>=', 0.8, 120_000, 30_000, 300_000, 'prom'],
    ]);
    expect(api!.queryAlerts[0]!.expr).toBe("sum(rate(http_requests_total{status=~'5..'}[5m])) / sum(rate(http_requests_total[5m]))");
    expect(api!.queryAlerts[1]!.labels).toEqual({ team: 'api' });
    expect(api!.queryAlerts[4]!.autoResolve).toBe(false);
  });

  it('a prometheus check with the datasource url and headers copied in', async () => {
    const check = (await load()).services[0]!.checks.find((c) => c.type === 'prometheus')!;
    expect(check.typeConfig).toEqual({ datasource: 'prom', query: 'up{job="api"}', url: 'http://127.0.0.1:9090', headers: { 'X-Scope-OrgID': 'ops', Authorization: process.env['PATH'] } });
  });
});
