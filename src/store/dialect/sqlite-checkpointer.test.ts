import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../checks/check-result.ts';
import { SQLITE_FILE_NAME } from '../open-store.ts';
import { createRepositories } from '../store-repositories.ts';
import { testDialects, useTestStore } from '../store-test-dialects.ts';
import { startCheckpointWorker, WORKER_FROM_ROWS } from './sqlite-checkpointer.ts';
import { openSqlite } from './sqlite-dialect.ts';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function results(n: number, from: number): CheckResult[] {
  return Array.from({ length: n }, (_, i) => ({
    checkId: `svc${i % 97}/check`,
    at: from + i,
    durationMs: 12,
    ok: true,
    error: null,
    conditions: [{ text: '[STATUS] (200) == 200', ok: true }],
  }));
}

describe('checkpointing the SQLite WAL from a worker thread', () => {
  const sqlite = testDialects.find((dialect) => dialect.name === 'sqlite');
  if (!sqlite) throw new Error('the SQLite dialect always runs');
  const t = useTestStore(sqlite);
  const file = () => join(t.target.options.dataDir, SQLITE_FILE_NAME);

  it('leaves checkpoints to SQLite until an append is large, then hands them to the worker', async () => {
    // A second handle on the test's database (migrated already), where the main connection's setting can be read.
    const { db, dialect } = openSqlite(file());
    try {
      const autocheckpoint = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint;
      const { results: store } = createRepositories(db, dialect);
      await store.append(results(WORKER_FROM_ROWS - 1, T0));
      expect(await autocheckpoint()).toBe(1_000);
      await store.append(results(WORKER_FROM_ROWS, T0 + 10_000));
      expect(await autocheckpoint()).toBe(10_000);
    } finally {
      await db.destroy();
    }
  });

  it('hands checkpoints to the worker once small inbound-log writes add up to as many rows within a second', async () => {
    const { db, dialect } = openSqlite(file());
    try {
      const autocheckpoint = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint;
      const { inboundEvents } = createRepositories(db, dialect);
      const event = (i: number) => ({ source: 'events-v2' as const, integration: 'bench', action: 'trigger', alertKey: `k${i}`, body: '{}', receivedAt: T0 + i });
      const batch = 32;
      // One batch short of the threshold: still SQLite's own checkpoint.
      const below = Math.ceil(WORKER_FROM_ROWS / batch) - 1;
      for (let i = 0; i < below; i++) await inboundEvents.append(Array.from({ length: batch }, (_, j) => event(i * batch + j)));
      expect(await autocheckpoint()).toBe(1_000);
      await inboundEvents.append(Array.from({ length: batch }, (_, j) => event(below * batch + j)));
      expect(await autocheckpoint()).toBe(10_000);
    } finally {
      await db.destroy();
    }
  });

  it('copies appended pages into the database file although the main connection never checkpoints them', async () => {
    // In WAL mode the database file changes only when a checkpoint copies pages into it.
    const before = statSync(file()).size;
    // A few hundred pages: far below the main connection's backstop of 10,000 pages.
    await t.store.results.append(results(5_000, T0));
    expect(statSync(`${file()}-wal`).size).toBeGreaterThan(100 * 4096);
    // The next append first waits for the worker to checkpoint what the last one wrote.
    await t.store.results.append(results(1, T0 + 10_000));
    expect(statSync(file()).size).toBeGreaterThan(before + 100 * 4096);
  });

  it('leaves no WAL file behind once close() resolves: the worker has let go of the database too', async () => {
    await t.store.results.append(results(2_000, T0));
    expect(existsSync(`${file()}-wal`)).toBe(true);
    await t.store.close();
    expect(existsSync(`${file()}-wal`)).toBe(false);
    expect((await (await t.reopen()).results.stats()).rawResults).toBe(2_000);
  });
});

describe('a checkpoint worker that dies', () => {
  it('reports the loss, and catchUp() and stop() still resolve', async () => {
    let lost!: () => void;
    const wasLost = new Promise<void>((resolve) => (lost = resolve));
    // The worker cannot open a database in a directory that does not exist, and exits.
    const checkpointer = startCheckpointWorker(join('/nonexistent-opsdeck-dir', SQLITE_FILE_NAME), 1_000, lost);
    await wasLost;
    await checkpointer.catchUp(0);
    await checkpointer.stop();
  });
});
