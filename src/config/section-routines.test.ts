import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig } from './index.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/config');

describe('the routines-valid fixture resolves to', () => {
  it('each schedule kind, the work, defaults for title, zone, deadline and severity', async () => {
    const loaded = await loadConfig(path.join(FIXTURES, 'routines-valid'));
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    const byId = new Map(loaded.config.routines.map((r) => [r.id, r]));
    expect([...byId.keys()]).toEqual(['morning-health-check', 'security-review', 'monthly-access-audit', 'backup-verify']);
    expect(byId.get('morning-health-check')).toEqual({
      id: 'morning-health-check', title: 'Daily health check', timezone: 'Europe/Berlin',
      schedule: { kind: 'daily', minute: 540, weekdays: [1, 2, 3, 4, 5] },
      work: { kind: 'runbook', runbook: 'runbooks/daily-health-check.md', params: { ENV: 'production', REPLICAS: '3' } },
      deadlineMs: 0, assign: { kind: 'schedule', id: 'primary' }, severity: 'P3',
    });
    expect(byId.get('security-review')).toMatchObject({
      title: 'security-review', timezone: 'UTC', schedule: { kind: 'weekly', weekday: 1, minute: 600 },
      work: { kind: 'checklist', items: ['Run vulnerability scan', 'Review access permissions', 'Check SSL certificate expiry'] },
      deadlineMs: 2 * 3_600_000, assign: { kind: 'user', id: 'ana' }, severity: 'P4',
    });
    expect(byId.get('monthly-access-audit')).toMatchObject({ schedule: { kind: 'monthly-weekday', nth: 1, weekday: 1, minute: 600 }, deadlineMs: 86_400_000, assign: null });
    expect(byId.get('backup-verify')!.schedule).toMatchObject({ kind: 'cron', expr: '30 7 * * 1-5' });
  });
});
