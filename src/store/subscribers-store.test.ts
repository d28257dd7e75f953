import { describe, expect, it } from 'vitest';
import type { Subscriber, SubscribersStore } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

type NewSubscriber = Parameters<SubscribersStore['create']>[0];

function email(token: string, components: string[] = [], overrides: Partial<NewSubscriber> = {}): NewSubscriber {
  return { kind: 'email', address: `${token}@example.com`, components, token, createdAt: T0, ...overrides };
}

describe.each(testDialects)('subscribers store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('creates an email subscriber unconfirmed and a webhook confirmed at creation, found by token', async () => {
    const mail = await t.store.subscribers.create(email('tok-mail', ['api']));
    expect(mail).toEqual({ id: mail.id, kind: 'email', address: 'tok-mail@example.com', components: ['api'], token: 'tok-mail', createdAt: T0, confirmedAt: null, unsubscribedAt: null });
    const hook = await t.store.subscribers.create({ kind: 'webhook', address: 'https://hooks.example/x', components: [], token: 'tok-hook', createdAt: T0 + 1, confirmedAt: T0 + 1 });
    expect(hook).toMatchObject({ kind: 'webhook', confirmedAt: T0 + 1, unsubscribedAt: null, components: [] });

    expect(await t.store.subscribers.byToken('tok-mail')).toEqual(mail);
    expect(await t.store.subscribers.byToken('tok-hook')).toEqual(hook);
    expect(await t.store.subscribers.byToken('tok-none')).toBeNull();
  });

  it('refuses a second subscriber with the same token', async () => {
    await t.store.subscribers.create(email('same'));
    await expect(t.store.subscribers.create(email('same', [], { address: 'other@example.com' }))).rejects.toThrow();
  });

  it('confirms once: the second click, an unknown token and a racing click all return false', async () => {
    await t.store.subscribers.create(email('a'));
    expect(await t.store.subscribers.confirm('a', T0 + 5)).toBe(true);
    expect(await t.store.subscribers.confirm('a', T0 + 9)).toBe(false);
    expect(await t.store.subscribers.byToken('a')).toMatchObject({ confirmedAt: T0 + 5 });
    expect(await t.store.subscribers.confirm('unknown', T0)).toBe(false);

    await t.store.subscribers.create(email('b'));
    const other = await t.reopen();
    const outcomes = await Promise.all([t.store.subscribers.confirm('b', T0 + 1), other.subscribers.confirm('b', T0 + 2)]);
    expect(outcomes.sort()).toEqual([false, true]);
  });

  it('unsubscribes once', async () => {
    await t.store.subscribers.create(email('a'));
    expect(await t.store.subscribers.unsubscribe('a', T0 + 5)).toBe(true);
    expect(await t.store.subscribers.unsubscribe('a', T0 + 9)).toBe(false);
    expect(await t.store.subscribers.byToken('a')).toMatchObject({ unsubscribedAt: T0 + 5 });
    expect(await t.store.subscribers.unsubscribe('unknown', T0)).toBe(false);
  });

  it('reaches the confirmed, subscribed ones interested in any of the components or in all', async () => {
    const made = new Map<string, Subscriber>();
    for (const [token, components] of [
      ['all', []],
      ['api', ['api']],
      ['web-api', ['web', 'api']],
      ['db', ['db']],
      ['unconfirmed-all', []],
      ['unconfirmed-api', ['api']],
      ['unsubscribed-all', []],
      ['unsubscribed-api', ['api']],
    ] as const) {
      made.set(token, await t.store.subscribers.create(email(token, [...components])));
      if (!token.startsWith('unconfirmed')) await t.store.subscribers.confirm(token, T0 + 1);
      if (token.startsWith('unsubscribed')) await t.store.subscribers.unsubscribe(token, T0 + 2);
    }
    await t.store.subscribers.create({ kind: 'webhook', address: 'https://hooks.example/web', components: ['web'], token: 'hook-web', createdAt: T0, confirmedAt: T0 });

    const tokens = async (components: string[]) => (await t.store.subscribers.audience(components)).map((s) => s.token);
    expect(await tokens(['api'])).toEqual(['all', 'api', 'web-api']);
    expect(await tokens(['web'])).toEqual(['all', 'web-api', 'hook-web']);
    expect(await tokens(['db', 'web'])).toEqual(['all', 'web-api', 'db', 'hook-web']);
    expect(await tokens(['elsewhere'])).toEqual(['all']);
    expect(await tokens([])).toEqual(['all']);
    expect((await t.store.subscribers.audience(['api']))[0]).toEqual({ ...made.get('all'), confirmedAt: T0 + 1 });
  });

  it('lists newest first, a page at a time, with the total', async () => {
    for (let i = 0; i < 5; i++) await t.store.subscribers.create(email(`s${i}`, [], { createdAt: T0 + i }));
    const first = await t.store.subscribers.list(2, 0);
    expect(first.total).toBe(5);
    expect(first.items.map((s) => s.token)).toEqual(['s4', 's3']);
    expect((await t.store.subscribers.list(2, 4)).items.map((s) => s.token)).toEqual(['s0']);
    expect(await t.store.subscribers.list(2, 5)).toEqual({ items: [], total: 5 });
  });
});
