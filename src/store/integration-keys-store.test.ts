import { describe, expect, it } from 'vitest';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

describe.each(testDialects)('integration keys store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('creates keys and finds them by hash', async () => {
    const key = await t.store.integrationKeys.create({ integration: 'pd', hash: HASH_A, createdAt: T0, createdBy: 'ana' });
    expect(key).toEqual({ id: key.id, integration: 'pd', hash: HASH_A, createdAt: T0, createdBy: 'ana', revokedAt: null });
    expect(await t.store.integrationKeys.findByHash(HASH_A)).toEqual(key);
    expect(await t.store.integrationKeys.findByHash(HASH_B)).toBeNull();
    // One secret must name one key.
    await expect(t.store.integrationKeys.create({ integration: 'am', hash: HASH_A, createdAt: T0, createdBy: 'bo' })).rejects.toThrow();
  });

  it('revokes a key once; a revoked key is no longer found but still listed', async () => {
    const a = await t.store.integrationKeys.create({ integration: 'pd', hash: HASH_A, createdAt: T0, createdBy: 'ana' });
    const b = await t.store.integrationKeys.create({ integration: 'am', hash: HASH_B, createdAt: T0 + 1, createdBy: 'config' });
    const c = await t.store.integrationKeys.create({ integration: 'pd', hash: HASH_C, createdAt: T0 + 2, createdBy: 'ana' });
    expect(await t.store.integrationKeys.revoke(a.id, T0 + 10)).toBe(true);
    expect(await t.store.integrationKeys.revoke(a.id, T0 + 20)).toBe(false);
    expect(await t.store.integrationKeys.revoke(a.id + 1_000, T0)).toBe(false);
    expect(await t.store.integrationKeys.findByHash(HASH_A)).toBeNull();
    expect(await t.store.integrationKeys.findByHash(HASH_C)).toEqual(c);

    expect(await t.store.integrationKeys.list('pd')).toEqual([{ ...a, revokedAt: T0 + 10 }, c]);
    expect((await t.store.integrationKeys.list()).map((k) => k.id)).toEqual([a.id, b.id, c.id]);
    expect(await t.store.integrationKeys.list('none')).toEqual([]);
  });
});
