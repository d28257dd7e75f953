import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HOUR = 3_600_000;

function change(overrides: Partial<ChangeEvent> = {}): Omit<ChangeEvent, 'id'> {
  return {
    service: 'web',
    summary: 'Deploy web v1.2.3',
    origin: 'ci',
    source: 'github-actions',
    at: T0,
    links: [{ href: 'https://ci.example/run/1', text: 'Run' }],
    customDetails: { sha: 'abc123', files: 3 },
    ...overrides,
  };
}

describe.each(testDialects)('changes store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('adds a change and reads it back whole', async () => {
    const added = await t.store.changes.add(change());
    expect(added).toEqual({ ...change(), id: added.id });
    const bare = await t.store.changes.add(change({ service: null, source: null, links: [], customDetails: undefined }));
    expect(bare).toEqual({ ...change({ service: null, source: null, links: [] }), customDetails: null, id: bare.id });
    expect(await t.store.changes.between(null, T0, T0 + 1, 10)).toEqual([bare, added]);
  });

  it('finds changes with at in [from, to), newest first, up to the limit', async () => {
    const from = T0 - 2 * HOUR;
    const ids = new Map<string, number>();
    for (const [name, at, service] of [
      ['before', from - 1, 'web'],
      ['at-from', from, 'web'],
      ['middle', T0 - HOUR, 'web'],
      ['other-service', T0 - HOUR + 1, 'db'],
      ['no-service', T0 - HOUR + 2, null],
      ['last', T0 - 1, 'web'],
      ['at-to', T0, 'web'],
    ] as const) {
      ids.set(name, (await t.store.changes.add(change({ summary: name, at, service }))).id);
    }
    const names = async (service: string | null, limit = 10) => (await t.store.changes.between(service, from, T0, limit)).map((c) => c.summary);
    // A service's window has the changes tied to no service too (they belong on every incident).
    expect(await names('web')).toEqual(['last', 'no-service', 'middle', 'at-from']);
    expect(await names('db')).toEqual(['no-service', 'other-service']);
    expect(await names(null)).toEqual(['last', 'no-service', 'other-service', 'middle', 'at-from']);
    expect(await names(null, 2)).toEqual(['last', 'no-service']);
    expect(await names('nobody')).toEqual(['no-service']);
    expect(await t.store.changes.between('web', T0, T0, 10)).toEqual([]);
  });

  it('orders changes at the same time by arrival, newest first', async () => {
    const a = await t.store.changes.add(change({ summary: 'a' }));
    const b = await t.store.changes.add(change({ summary: 'b' }));
    expect((await t.store.changes.between('web', T0, T0 + 1, 10)).map((c) => c.id)).toEqual([b.id, a.id]);
  });

  it('lists newest first, by service, with the total', async () => {
    await t.store.changes.add(change({ summary: 'old', at: T0 - HOUR }));
    await t.store.changes.add(change({ summary: 'db', service: 'db', at: T0 }));
    await t.store.changes.add(change({ summary: 'new', at: T0 + HOUR }));
    await t.store.changes.add(change({ summary: 'global', service: null, at: T0 + 2 * HOUR }));
    const summaries = async (filter: Parameters<typeof t.store.changes.list>[0]) => {
      const page = await t.store.changes.list(filter);
      return { summaries: page.items.map((c) => c.summary), total: page.total };
    };
    expect(await summaries({ limit: 2, offset: 0 })).toEqual({ summaries: ['global', 'new'], total: 4 });
    expect(await summaries({ limit: 2, offset: 2 })).toEqual({ summaries: ['db', 'old'], total: 4 });
    expect(await summaries({ service: 'web', limit: 10, offset: 0 })).toEqual({ summaries: ['new', 'old'], total: 2 });
  });
});
