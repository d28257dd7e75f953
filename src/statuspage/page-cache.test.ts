import { describe, expect, it } from 'vitest';
import { RenderCache } from './page-cache.ts';

describe('RenderCache', () => {
  it('renders once until it expires or is invalidated, and shares a render in flight', async () => {
    const cache = new RenderCache<string>();
    let renders = 0;
    const make = async () => ({ value: `v${++renders}`, expiresAt: 1_000 });
    const [a, b] = await Promise.all([cache.get('k', 0, make), cache.get('k', 0, make)]);
    expect([a, b, renders]).toEqual(['v1', 'v1', 1]);
    expect(await cache.get('k', 999, make)).toBe('v1');
    expect(await cache.get('k', 1_000, make)).toBe('v2');
    cache.invalidate();
    expect(await cache.get('k', 1_000, make)).toBe('v3');
  });

  it('does not keep a render that began before an invalidation', async () => {
    const cache = new RenderCache<string>();
    let release!: () => void;
    const slow = cache.get('k', 0, () => new Promise((resolve) => { release = () => resolve({ value: 'stale', expiresAt: 1_000 }); }));
    cache.invalidate();
    release();
    expect(await slow).toBe('stale');
    expect(await cache.get('k', 1, async () => ({ value: 'fresh', expiresAt: 1_000 }))).toBe('fresh');
  });

  it('forgets a failed render', async () => {
    const cache = new RenderCache<string>();
    await expect(cache.get('k', 0, async () => { throw new Error('store down'); })).rejects.toThrow('store down');
    expect(await cache.get('k', 0, async () => ({ value: 'ok', expiresAt: 1_000 }))).toBe('ok');
  });
});
