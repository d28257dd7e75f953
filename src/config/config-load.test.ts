import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig } from './index.ts';
import type { Config } from './index.ts';

/**
 * Every folder under test/fixtures/config is a case: its opsdeck.yaml (plus
 * included files) and expected.txt, the exact formatted errors one per line,
 * or an empty expected.txt for a config that must load. Adding a case is
 * adding a folder.
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/config');
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('config fixtures', () => {
  it('has the cases this suite promises', () => {
    expect(cases).toEqual(expect.arrayContaining(['valid', 'five-mistakes', 'duplicate-across-include', 'bad-condition', 'yaml-syntax', 'bad-timezone', 'missing-include', 'check-type-count']));
  });

  it.each(cases)('%s', async (name) => {
    const expected = readFileSync(path.join(FIXTURES, name, 'expected.txt'), 'utf8').split('\n').filter((line) => line !== '');
    const loaded = await loadConfig(path.join(FIXTURES, name));
    const actual = loaded.ok ? [] : loaded.errors.map(formatConfigError);
    expect(actual).toEqual(expected);
    expect(loaded.ok).toBe(expected.length === 0);
  });
});

describe('the valid fixture resolves to', () => {
  const dir = path.join(FIXTURES, 'valid');
  const load = async (): Promise<{ config: Config; files: string[] }> => {
    const loaded = await loadConfig(dir);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    return loaded;
  };

  it('top-level settings with defaults filled and paths absolute', async () => {
    const { config, files } = await load();
    expect(files).toEqual(['opsdeck.yaml', 'services/web.yaml', 'severities.yaml']);
    expect(config.directory).toBe(dir);
    expect(config.organization).toBe('Accelerapp');
    expect(config.timezone).toBe('Europe/Berlin');
    expect(config.server).toEqual({ host: '0.0.0.0', port: 9090, publicUrl: 'https://ops.example.com', dataDir: path.join(dir, 'state') });
    expect(config.retention).toEqual({ rawMs: 7_200_000, minuteMs: 86_400_000, hourMs: 90 * 86_400_000 });
    expect(config.engine).toEqual({ concurrency: 256, intervalMs: 60_000, timeoutMs: 15_000 });
  });

  it('severities in file order, with names defaulting to ids', async () => {
    const { config } = await load();
    expect(config.severities.map((s) => s.id)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(config.severities[0]).toEqual({ id: 'P1', name: 'Critical', respondWithinMs: 900_000, resolveWithinMs: 14_400_000, updateEveryMs: 1_800_000, escalation: null });
    expect(config.severities[3]).toEqual({ id: 'P4', name: 'P4', respondWithinMs: null, resolveWithinMs: null, updateEveryMs: null, escalation: null });
  });

  it('checks with global ids, engine defaults and the type’s default conditions', async () => {
    const { config } = await load();
    expect(config.services.map((s) => s.id)).toEqual(['api', 'web']);
    const [api, web] = config.services;
    expect(api).toMatchObject({ name: 'API', component: 'API', description: 'The public API' });
    expect(web).toMatchObject({ name: 'web', component: null, description: null });
    expect(api!.checks[0]).toMatchObject({ id: 'api/health', service: 'api', name: 'health', type: 'http', intervalMs: 30_000, timeoutMs: 5_000, expect: ['[STATUS] == 200', '[RESPONSE_TIME] < 500'] });
    expect(api!.checks[0]!.typeConfig).toMatchObject({ url: 'http://127.0.0.1:8000/health', method: 'GET' });
    expect(api!.checks[0]!.conditions.map((c) => c.text)).toEqual(['[STATUS] == 200', '[RESPONSE_TIME] < 500']);
    expect(api!.checks[1]).toMatchObject({ id: 'api/db', type: 'postgres', intervalMs: 60_000, timeoutMs: 15_000, expect: ['[CONNECTED] == true'] });
    expect(web!.checks.map((c) => [c.id, c.intervalMs, c.timeoutMs])).toEqual([['web/home', 60_000, 15_000], ['web/port', 10_000, 2_000]]);
  });

  it('alert rules with their check resolved to a full id, also across services', async () => {
    const { config } = await load();
    const [api, web] = config.services;
    expect(api!.alerts[0]).toEqual({
      id: 'api/down',
      service: 'api',
      name: 'down',
      when: 'health failing for 2m',
      condition: { kind: 'failing', check: 'api/health', forMs: 120_000 },
      severity: 'P1',
      runbook: 'runbooks/service-wont-start.md',
      autoResolve: false,
      cooldownMs: 600_000,
      summary: 'API is down',
      escalation: null,
      labels: {},
    });
    expect(api!.alerts[1]).toMatchObject({ condition: { kind: 'slow', check: 'api/health', thresholdMs: 500, forMs: 300_000 }, autoResolve: true, cooldownMs: 300_000, runbook: null, summary: null });
    expect(web!.alerts[0]).toMatchObject({ id: 'web/database', condition: { kind: 'failing_n_of_m', check: 'api/db', n: 3, m: 5, forMs: 0 }, severity: 'P2' });
  });
});
