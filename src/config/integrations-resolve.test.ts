import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig } from './index.ts';
import { parseRate } from './section-integrations.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/config');

describe('integrations resolve', () => {
  it('fills defaults: the P1..P4 map cut to the severities that exist, the least urgent severity, 120/min', async () => {
    const loaded = await loadConfig(path.join(FIXTURES, 'integrations-valid'));
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    const [checkout, ci, am] = loaded.config.integrations;
    expect(checkout).toEqual({
      id: 'checkout', type: 'events_v2', service: 'payments', keyEnv: 'CHECKOUT_KEY',
      severityMap: { critical: 'P1', error: 'P2', warning: 'P3', info: 'P3' }, severityLabel: 'severity',
      defaultSeverity: 'P3', routes: [], rateLimitPerMinute: 120, escalation: 'default',
    });
    expect(ci).toMatchObject({ id: 'ci', keyEnv: null, severityMap: { critical: 'P1', error: 'P2', warning: 'P3' }, defaultSeverity: 'P3', rateLimitPerMinute: 120, escalation: null });
    expect(am).toMatchObject({ type: 'alertmanager', service: 'api', keyEnv: 'AM_KEY', severityMap: { critical: 'P1', warning: 'P3' }, rateLimitPerMinute: 1200 });
    expect(am!.routes).toEqual([
      { matchers: [{ label: 'team', op: '=', value: 'payments' }, { label: 'alertname', op: '=~', value: 'Payment.*' }], service: 'payments', severity: 'P1' },
      { matchers: [{ label: 'team', op: '=', value: 'api' }], service: 'api', severity: null },
    ]);
  });

  it.each([
    ['120/min', 120], ['10/s', 600], ['3000/h', 50], [' 5 / minute ', 5], ['60/hour', 1],
  ])('rate %j is %d a minute', (written, perMinute) => {
    expect(parseRate(written)).toEqual({ ok: true, perMinute });
  });

  it.each([
    ['120', 'expected a rate like 120/min, 10/s or 3000/h, found "120"'],
    ['1.5/s', 'expected a rate like 120/min, 10/s or 3000/h, found "1.5/s"'],
    ['30/h', 'expected at least 1/min, found "30/h"'],
    ['200000/s', 'expected at most 100000/s, found "200000/s"'],
  ])('rate %j is refused', (written, message) => {
    expect(parseRate(written)).toEqual({ ok: false, message });
  });
});
