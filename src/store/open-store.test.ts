import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

describe.each(testDialects)('opening the store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it(`reports its dialect`, () => {
    expect(t.store.dialect).toBe(dialect.name);
  });

  it('keeps everything across a close and reopen (a restart)', async () => {
    const before = t.store;
    await before.results.append([{ checkId: 'web/home', at: T0, durationMs: 12, ok: true, error: null, conditions: [{ text: '[STATUS] (200) == 200', ok: true }] }]);
    await before.results.recordStateChange({ checkId: 'web/home', at: T0, ok: true, reason: '' });
    await before.alerts.save({ ruleId: 'web/errors', state: 'firing', activeSince: T0, firedAt: T0, resolvedAt: null, value: '3 of 5', updatedAt: T0 });
    const { incident } = await before.incidents.openOrAppend(
      {
        key: 'web/errors',
        title: 'Errors',
        service: 'web',
        severity: 'sev1',
        status: 'triggered',
        openedAt: T0,
        acknowledgedAt: null,
        resolvedAt: null,
        respondBy: null,
        resolveBy: null,
        respondBreachedAt: null,
        resolveBreachedAt: null,
        runbook: null,
      },
      { at: T0, kind: 'opened', actor: 'alert:web/errors', message: 'opened', data: null },
    );
    const token = await before.tokens.create({ name: 'ci', role: 'admin', hash: 'a'.repeat(64), createdAt: T0 });
    await before.audit.append({ at: T0, actor: 'system', action: 'boot', target: '-', data: null });
    await before.close();

    const after = await t.reopen();
    expect(await after.results.recent('web/home', 5)).toHaveLength(1);
    expect(await after.results.stateChanges('web/home', 5)).toHaveLength(1);
    expect((await after.alerts.get('web/errors'))?.state).toBe('firing');
    expect(await after.incidents.findOpenByKey('web/errors')).toEqual(incident);
    expect(await after.incidents.timeline(incident.id)).toHaveLength(1);
    expect(await after.tokens.findByHash('a'.repeat(64))).toEqual(token);
    expect(await after.audit.list(5)).toHaveLength(1);
    // The dedup index survives too.
    expect((await after.incidents.openOrAppend({ ...incident, key: 'web/errors' }, { at: T0 + 1, kind: 'alert', actor: 'x', message: 'again', data: null })).created).toBe(false);
  });

  it('applies each migration once: reopening finds them recorded and runs nothing again', async () => {
    const recorded = await t.target.query('select name, applied_at from opsdeck_migrations order by name');
    expect(recorded.map((row) => row['name'])).toEqual(['001-initial', '002-oncall-delivery', '003-inbound', '004-communications', '005-runbook-runs', '006-routine-tasks', '007-heartbeats', '008-alert-transitions']);
    await t.store.close();
    await t.reopen();
    await t.reopen();
    expect(await t.target.query('select name, applied_at from opsdeck_migrations order by name')).toEqual(recorded);
  });

  it('refuses a database migrated by a newer Opsdeck', async () => {
    await t.target.query(`insert into opsdeck_migrations (name, applied_at) values ('999-from-the-future', 0)`);
    await expect(t.reopen()).rejects.toThrow(
      'store: the database has migrations this Opsdeck does not know (999-from-the-future); it was opened by a newer version. Run that version or restore a backup.',
    );
  });
});

describe('opening the SQLite file', () => {
  const sqlite = testDialects.find((dialect) => dialect.name === 'sqlite');
  if (!sqlite) throw new Error('the SQLite dialect always runs');
  const t = useTestStore(sqlite);

  it('uses WAL and foreign keys', async () => {
    expect(await t.target.query('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    await expect(
      t.store.incidents.addEvent(1, { at: T0, kind: 'note', actor: 'x', message: 'y', data: null }),
    ).rejects.toThrow('store: incident 1 not found');
  });
});

describe('choosing the database', () => {
  it('rejects a DATABASE_URL that is not PostgreSQL instead of quietly using SQLite', async () => {
    await expect(openStore({ dataDir: '/nonexistent', databaseUrl: 'mysql://root:secret@db/opsdeck' })).rejects.toThrow(
      'store: DATABASE_URL must start with postgres:// or postgresql://, found "mysql://***@db/opsdeck"; unset it to use the SQLite file /nonexistent/opsdeck.db',
    );
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openStore({ dataDir: '/nonexistent', databaseUrl: 'postgres://127.0.0.1:1/x', schema: 'x"; drop table y; --' })).rejects.toThrow(
      'store: schema must be a lowercase SQL identifier (letters, digits, _), found "x"; drop table y; --"',
    );
  });
});
