import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-result.ts';
import { FakeClock } from '../time/index.ts';
import { createResultWriter, type ResultWriterOptions } from './result-writer.ts';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const result = (n: number): CheckResult => ({ checkId: `svc/c${n}`, at: n, durationMs: 1, ok: true, error: null, conditions: [] });
const numbers = (rows: readonly CheckResult[]): number[] => rows.map((r) => r.at);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** A store that records each append and can fail or hold appends until released. */
function fakeStore() {
  const batches: number[][] = [];
  const attempts: number[][] = [];
  const held: Array<() => void> = [];
  const state = { failing: false, holding: false };
  return {
    state, batches, attempts, held,
    append(rows: readonly CheckResult[]): Promise<void> {
      attempts.push(numbers(rows));
      if (state.failing) return Promise.reject(new Error('database is locked'));
      if (state.holding) return new Promise((resolve) => held.push(() => { batches.push(numbers(rows)); resolve(); }));
      batches.push(numbers(rows));
      return Promise.resolve();
    },
  };
}

function setup(overrides: Partial<ResultWriterOptions> = {}) {
  const clock = new FakeClock();
  const store = fakeStore();
  const errors: unknown[] = [];
  const writer = createResultWriter({ clock, store, onError: (err) => errors.push(err), ...overrides });
  return { clock, store, errors, writer };
}

describe('result writer', () => {
  it('writes what was added as one append when the flush timer fires', async () => {
    const { clock, store, writer } = setup();
    for (const n of range(0, 5)) writer.add(result(n));
    clock.advance(999);
    await settle();
    expect(store.batches).toEqual([]);
    expect(writer.stats()).toEqual({ pending: 5, written: 0, failed: 0, dropped: 0 });
    clock.advance(1);
    await settle();
    expect(store.batches).toEqual([range(0, 5)]);
    expect(writer.stats()).toEqual({ pending: 0, written: 5, failed: 0, dropped: 0 });
    expect(clock.pendingTimers()).toBe(0); // idle writers hold no timer
  });

  it('flushes at once when a batch fills, in batches of at most maxBatch', async () => {
    const { store, writer } = setup({ maxBatch: 3 });
    for (const n of range(0, 2)) writer.add(result(n));
    await settle();
    expect(store.batches).toEqual([]);
    for (const n of range(2, 7)) writer.add(result(n));
    await settle();
    // The first full batch went at once; rows that piled up behind it followed in batches of at most 3.
    expect(store.batches[0]).toEqual([0, 1, 2]);
    expect(store.batches.flat()).toEqual(range(0, 7));
    for (const batch of store.batches) expect(batch.length).toBeLessThanOrEqual(3);
  });

  it('keeps rows of a failed append and retries them first, in order, on the next flush', async () => {
    const { clock, store, errors, writer } = setup({ maxBatch: 100 });
    store.state.failing = true;
    for (const n of range(0, 4)) writer.add(result(n));
    clock.advance(1000);
    await settle();
    expect(writer.stats()).toEqual({ pending: 4, written: 0, failed: 1, dropped: 0 });
    expect((errors[0] as Error).message).toBe('database is locked');
    writer.add(result(4));
    store.state.failing = false;
    clock.advance(1000);
    await settle();
    expect(store.batches).toEqual([range(0, 5)]);
    expect(writer.stats()).toEqual({ pending: 0, written: 5, failed: 1, dropped: 0 });
  });

  it('waits for the timer to retry a failing store instead of retrying on every add', async () => {
    const { clock, store, writer } = setup({ maxBatch: 2 });
    store.state.failing = true;
    for (const n of range(0, 2)) writer.add(result(n));
    await settle();
    for (const n of range(2, 50)) writer.add(result(n));
    await settle();
    expect(store.attempts).toHaveLength(1);
    clock.advance(1000);
    await settle();
    expect(store.attempts).toHaveLength(2);
  });

  it('drops the oldest rows beyond maxPending and counts them', async () => {
    const { clock, store, writer } = setup({ maxBatch: 4, maxPending: 10 });
    store.state.failing = true;
    for (const n of range(0, 25)) writer.add(result(n));
    await settle();
    expect(writer.stats()).toMatchObject({ pending: 10, dropped: 15 });
    for (const n of range(25, 30)) writer.add(result(n));
    expect(writer.stats()).toMatchObject({ pending: 10, dropped: 20 });
    store.state.failing = false;
    clock.advance(1000);
    await settle();
    expect(store.batches.flat()).toEqual(range(20, 30));
    expect(writer.stats()).toEqual({ pending: 0, written: 10, failed: 1, dropped: 20 });
  });

  it('runs one append at a time: a flush during a slow append waits, then writes the newer rows', async () => {
    const { store, writer } = setup();
    store.state.holding = true;
    writer.add(result(0));
    const first = writer.flush();
    writer.add(result(1));
    writer.add(result(2));
    let secondDone = false;
    const second = writer.flush().then(() => void (secondDone = true));
    await settle();
    expect(store.attempts).toEqual([[0]]);
    expect(writer.stats().pending).toBe(3);
    store.state.holding = false;
    store.held[0]!();
    await first;
    await second;
    expect(secondDone).toBe(true);
    expect(store.batches).toEqual([[0], [1, 2]]);
  });

  it('close() writes what is left, refuses later rows, and rejects when rows stay unwritten', async () => {
    const ok = setup();
    ok.writer.add(result(0));
    await ok.writer.close();
    expect(ok.store.batches).toEqual([[0]]);
    ok.writer.add(result(1));
    expect(ok.writer.stats()).toEqual({ pending: 0, written: 1, failed: 0, dropped: 1 });
    expect((ok.errors[0] as Error).message).toBe(
      'result for svc/c1 arrived after the result writer closed; stop the scheduler before closing the writer',
    );
    expect(ok.clock.pendingTimers()).toBe(0);

    const bad = setup();
    bad.store.state.failing = true;
    bad.writer.add(result(0));
    await expect(bad.writer.close()).rejects.toThrow(
      'result writer closed with 1 results unwritten because the store failed; see the errors reported before this',
    );
  });

  it('survives a throwing onError hook', async () => {
    const { clock, store, writer } = setup({ onError: () => { throw new Error('logger broke'); } });
    store.state.failing = true;
    writer.add(result(0));
    clock.advance(1000);
    await settle();
    store.state.failing = false;
    clock.advance(1000);
    await settle();
    expect(writer.stats()).toMatchObject({ pending: 0, written: 1, failed: 1 });
  });
});
