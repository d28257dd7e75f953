import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig } from './index.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/config/heartbeats-valid');

describe('heartbeats resolve to', () => {
  it('cron in its zone, a period, and the defaults: the id as name and service, the config zone, the least urgent severity, an hour of grace', async () => {
    const loaded = await loadConfig(dir);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    const [backup, drain, report] = loaded.config.heartbeats;
    expect(backup).toMatchObject({
      id: 'nightly-backup', name: 'Nightly backup', service: 'db', graceMs: 3_600_000, severity: 'P2', escalation: 'default',
      schedule: { kind: 'cron', expr: '0 2 * * *', timezone: 'UTC' },
    });
    expect(backup!.schedule.kind === 'cron' && backup!.schedule.cron.minutesOfDay).toEqual([120]);
    expect(drain).toEqual({ id: 'queue-drain', name: 'queue-drain', service: 'db', schedule: { kind: 'period', everyMs: 900_000 }, graceMs: 120_000, severity: 'P3', escalation: null });
    expect(report).toMatchObject({ id: 'report-mail', name: 'report-mail', service: 'report-mail', graceMs: 3_600_000, severity: 'P3', schedule: { kind: 'cron', timezone: 'Europe/Berlin' } });
  });
});
