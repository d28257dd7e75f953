import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../open-store.ts';
import { testDialects, useTestStore } from '../store-test-dialects.ts';

describe('a batch on SQLite: many transactions, one commit', () => {
  const sqlite = testDialects.find((dialect) => dialect.name === 'sqlite');
  if (!sqlite) throw new Error('the SQLite dialect always runs');
  const t = useTestStore(sqlite);
  /** What another process sees: only what has committed. */
  const committed = (key: string): string | null => {
    const other = new DatabaseSync(join(t.target.options.dataDir, SQLITE_FILE_NAME), { readOnly: true });
    try {
      const row = other.prepare('select value from settings where key = ?').get(key) as { value: string } | undefined;
      return row?.value ?? null;
    } finally {
      other.close();
    }
  };

  it('commits what every transaction and plain write inside it did, at the end and not before', async () => {
    await t.store.batch(async () => {
      await t.store.withTransaction((tx) => tx.settings.setIfAbsent('a', '1'));
      await t.store.settings.setIfAbsent('b', '2');
      expect(await t.store.settings.get('a')).toBe('1');
      expect(committed('a')).toBeNull();
      expect(committed('b')).toBeNull();
    });
    expect([committed('a'), committed('b')]).toEqual(['1', '2']);
  });

  it('rolls back a transaction that throws inside it alone', async () => {
    await t.store.batch(async () => {
      await t.store.withTransaction((tx) => tx.settings.setIfAbsent('kept', 'yes'));
      await expect(t.store.withTransaction(async (tx) => {
        await tx.settings.setIfAbsent('lost', 'yes');
        throw new Error('the pipeline failed');
      })).rejects.toThrow('the pipeline failed');
      await t.store.withTransaction((tx) => tx.settings.setIfAbsent('after', 'yes'));
    });
    expect([committed('kept'), committed('lost'), committed('after')]).toEqual(['yes', null, 'yes']);
  });

  it('rolls back everything when fn throws, and runs no afterCommit', async () => {
    const ran: string[] = [];
    await expect(t.store.batch(async () => {
      await t.store.withTransaction((tx) => tx.settings.setIfAbsent('x', '1'));
      t.store.afterCommit(() => ran.push('kick'));
      throw new Error('commit nothing');
    })).rejects.toThrow('commit nothing');
    expect(committed('x')).toBeNull();
    expect(ran).toEqual([]);
    // The connection is free again.
    expect(await t.store.settings.setIfAbsent('x', '2')).toBe('2');
  });

  it('runs afterCommit once the batch is durable, and at once outside a batch', async () => {
    const seen: (string | null)[] = [];
    await t.store.batch(async () => {
      await t.store.settings.setIfAbsent('paged', 'incident 1');
      t.store.afterCommit(() => seen.push(committed('paged')));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['incident 1']);
    t.store.afterCommit(() => seen.push('now'));
    expect(seen).toEqual(['incident 1', 'now']);
  });

  it('makes everyone outside the batch wait for its commit, in order', async () => {
    const order: string[] = [];
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const batch = t.store.batch(async () => {
      entered();
      await t.store.settings.setIfAbsent('first', 'batch');
      await sleep(30);
      order.push('batch done');
    });
    await inside;
    const outside = t.store.settings.setIfAbsent('first', 'outside').then((value) => order.push(`outside saw ${value}`));
    await Promise.all([batch, outside]);
    expect(order).toEqual(['batch done', 'outside saw batch']);
  });

  it('lets work started inside, and still running after the commit, go on alone without waiting forever', async () => {
    let late!: Promise<string>;
    await t.store.batch(async () => {
      late = sleep(20).then(() => t.store.withTransaction((tx) => tx.settings.setIfAbsent('late', 'written')));
    });
    expect(await late).toBe('written');
    expect(committed('late')).toBe('written');
  });

  it('takes the transactions of concurrent work inside it one at a time', async () => {
    await t.store.batch(async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => t.store.withTransaction(async (tx) => {
        await tx.settings.setIfAbsent(`k${i}`, String(i));
        await sleep(1);
        if (i % 5 === 0) throw new Error(`fail ${i}`);
      }).catch(() => {})));
    });
    const kept = Array.from({ length: 20 }, (_, i) => committed(`k${i}`));
    expect(kept).toEqual(Array.from({ length: 20 }, (_, i) => (i % 5 === 0 ? null : String(i))));
  });
});

describe('a batch on PostgreSQL', () => {
  const postgres = testDialects.find((dialect) => dialect.name === 'postgres');
  if (!postgres) return;
  const t = useTestStore(postgres);

  it('simply runs fn, each transaction committing on its own, and afterCommit at once', async () => {
    const ran: string[] = [];
    await t.store.batch(async () => {
      await t.store.withTransaction((tx) => tx.settings.setIfAbsent('a', '1'));
      t.store.afterCommit(() => ran.push('now'));
      expect(ran).toEqual(['now']);
    });
    expect(await t.store.settings.get('a')).toBe('1');
  });
});
