import { describe, expect, it } from 'vitest';
import type { AlertRecord } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

describe.each(testDialects)('alerts, tokens and audit on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('saves alerts by rule id, replacing the previous state', async () => {
    const pending: AlertRecord = { ruleId: 'web/errors', state: 'pending', activeSince: T0, firedAt: null, resolvedAt: null, value: '2 of last 5 failed', updatedAt: T0 };
    const firing: AlertRecord = { ...pending, state: 'firing', firedAt: T0 + 60_000, value: '3 of last 5 failed', updatedAt: T0 + 60_000 };
    const other: AlertRecord = { ruleId: 'api/latency', state: 'inactive', activeSince: null, firedAt: null, resolvedAt: null, value: '', updatedAt: T0 };
    await t.store.alerts.save(pending);
    await t.store.alerts.save(other);
    await t.store.alerts.save(firing);
    expect(await t.store.alerts.get('web/errors')).toEqual(firing);
    expect(await t.store.alerts.get('web/none')).toBeNull();
    expect(await t.store.alerts.all()).toEqual([other, firing]);
  });

  it('creates tokens, finds them by hash, revokes once and records use', async () => {
    const admin = await t.store.tokens.create({ name: 'ci', role: 'admin', hash: 'a'.repeat(64), createdAt: T0 });
    const viewer = await t.store.tokens.create({ name: 'wall', role: 'viewer', hash: 'b'.repeat(64), createdAt: T0 + 1 });
    expect(admin).toEqual({ id: admin.id, name: 'ci', role: 'admin', hash: 'a'.repeat(64), createdAt: T0, lastUsedAt: null, revokedAt: null });
    expect(await t.store.tokens.findByHash('b'.repeat(64))).toEqual(viewer);
    expect(await t.store.tokens.findByHash('c'.repeat(64))).toBeNull();

    await t.store.tokens.touch(admin.id, T0 + 5);
    expect(await t.store.tokens.revoke(admin.id, T0 + 10)).toBe(true);
    expect(await t.store.tokens.revoke(admin.id, T0 + 20)).toBe(false);
    expect(await t.store.tokens.revoke(12345, T0)).toBe(false);
    // A revoked token is still found: the caller tells "revoked" from "unknown".
    expect(await t.store.tokens.findByHash('a'.repeat(64))).toEqual({ ...admin, lastUsedAt: T0 + 5, revokedAt: T0 + 10 });
    expect((await t.store.tokens.list()).map((token) => token.name)).toEqual(['ci', 'wall']);
    expect(await t.store.tokens.count()).toBe(2);
  });

  it('refuses a second token with the same hash', async () => {
    await t.store.tokens.create({ name: 'one', role: 'viewer', hash: 'f'.repeat(64), createdAt: T0 });
    await expect(t.store.tokens.create({ name: 'two', role: 'admin', hash: 'f'.repeat(64), createdAt: T0 })).rejects.toThrow();
    expect(await t.store.tokens.count()).toBe(1);
  });

  it('appends audit entries and lists the newest first', async () => {
    await t.store.audit.append({ at: T0, actor: 'token:ci', action: 'token.create', target: 'token:wall', data: { role: 'viewer' } });
    await t.store.audit.append({ at: T0 + 2, actor: 'token:ci', action: 'incident.ack', target: 'incident:1', data: null });
    await t.store.audit.append({ at: T0 + 1, actor: 'user:ann', action: 'silence.create', target: 'web/*', data: { until: T0 + 3_600_000, tags: ['x'] } });
    const entries = await t.store.audit.list(10);
    expect(entries.map(({ id: _id, ...entry }) => entry)).toEqual([
      { at: T0 + 2, actor: 'token:ci', action: 'incident.ack', target: 'incident:1', data: null },
      { at: T0 + 1, actor: 'user:ann', action: 'silence.create', target: 'web/*', data: { until: T0 + 3_600_000, tags: ['x'] } },
      { at: T0, actor: 'token:ci', action: 'token.create', target: 'token:wall', data: { role: 'viewer' } },
    ]);
    expect(await t.store.audit.list(1)).toHaveLength(1);
  });
});
