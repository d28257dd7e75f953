import { describe, expect, it } from 'vitest';
import type { AlertTransition } from '../store/index.ts';
import { FakeClock } from '../time/index.ts';
import { TransitionWorker } from './transition-worker.ts';

/** An in-memory queue with the store's contract: oldest first, deleted when done. */
function memoryQueue(keys: string[]) {
  let rows: AlertTransition[] = keys.map((key, i) => ({ id: i + 1, key: key.split(':')[0]!, transition: (key.split(':')[1] ?? 'firing') as AlertTransition['transition'], actor: null, queuedAt: 0 }));
  return {
    get rows() {
      return rows;
    },
    queuedTransitions: async (limit: number) => rows.slice(0, limit),
    transitionDone: async (id: number) => void (rows = rows.filter((r) => r.id !== id)),
  };
}

const logger = { error: () => {} };
const pause = () => new Promise<void>((r) => setImmediate(r));

describe('TransitionWorker', () => {
  it.each([1, 4])('takes each key\'s transitions in queue order, deleting each before the next (concurrency %i)', async (concurrency) => {
    const queue = memoryQueue(['a', 'b', 'a:resolved', 'c', 'a', 'b:resolved', ...Array.from({ length: 150 }, (_, i) => `k${i}`)]);
    const taken: string[] = [];
    const worker = new TransitionWorker({
      queue, clock: new FakeClock('2026-03-02T09:00:00Z'), logger, concurrency, pause, batch: 50,
      take: async (t) => {
        // The transition before it of the same key is gone from the queue already.
        expect(queue.rows.filter((r) => r.key === t.key)[0]?.id).toBe(t.id);
        taken.push(`${t.key}:${t.transition}`);
      },
    });
    worker.kick();
    await worker.idle();
    expect(queue.rows).toEqual([]);
    expect(taken.filter((t) => t.startsWith('a:'))).toEqual(['a:firing', 'a:resolved', 'a:firing']);
    expect(taken.filter((t) => t.startsWith('b:'))).toEqual(['b:firing', 'b:resolved']);
    expect(taken).toHaveLength(156);
  });

  it('leaves a failed key queued, goes on with the others, and retries after retryMs', async () => {
    const clock = new FakeClock('2026-03-02T09:00:00Z');
    const queue = memoryQueue(['a', 'b', 'a:resolved']);
    let failA = true;
    const taken: string[] = [];
    const worker = new TransitionWorker({
      queue, clock, logger, concurrency: 1, pause, retryMs: 5_000,
      take: async (t) => {
        if (t.key === 'a' && failA) throw new Error('store down');
        taken.push(`${t.key}:${t.transition}`);
      },
    });
    worker.kick();
    await worker.idle();
    expect(taken).toEqual(['b:firing']);
    expect(queue.rows.map((r) => `${r.key}:${r.transition}`)).toEqual(['a:firing', 'a:resolved']);
    failA = false;
    clock.advance(5_000);
    await worker.idle();
    expect(taken).toEqual(['b:firing', 'a:firing', 'a:resolved']);
    expect(queue.rows).toEqual([]);
  });

  it('drains again when kicked while draining, and takes nothing once stopped', async () => {
    const queue = memoryQueue(['a']);
    const taken: string[] = [];
    const worker = new TransitionWorker({ queue, clock: new FakeClock('2026-03-02T09:00:00Z'), logger, concurrency: 1, pause, take: async (t) => void taken.push(t.key) });
    worker.kick();
    queue.rows.push({ id: 9, key: 'late', transition: 'firing', actor: null, queuedAt: 0 });
    worker.kick();
    await worker.idle();
    expect(taken).toEqual(['a', 'late']);
    await worker.stop();
    queue.rows.push({ id: 10, key: 'after', transition: 'firing', actor: null, queuedAt: 0 });
    worker.kick();
    await worker.idle();
    expect(taken).toEqual(['a', 'late']);
  });

  it('runs each round inside commitTogether, and ends a round that has run roundMs, the rest first in the next', async () => {
    const queue = memoryQueue(Array.from({ length: 12 }, (_, i) => `k${i}`));
    const rounds: string[][] = [];
    let current: string[] | null = null;
    const worker = new TransitionWorker({
      queue, clock: new FakeClock('2026-03-02T09:00:00Z'), logger, concurrency: 1, pause, batch: 100, roundMs: 5,
      commitTogether: async (fn) => {
        current = [];
        try {
          return await fn();
        } finally {
          rounds.push(current);
          current = null;
        }
      },
      take: async (t) => {
        if (current === null) throw new Error('a transition ran outside its round');
        current.push(t.key);
        // Each transition takes 2 ms of work: a round of 5 ms ends after the third.
        const until = performance.now() + 2;
        while (performance.now() < until);
      },
    });
    worker.kick();
    await worker.idle();
    expect(rounds.flat()).toEqual(Array.from({ length: 12 }, (_, i) => `k${i}`));
    expect(rounds.length).toBeGreaterThanOrEqual(4);
    for (const round of rounds) expect(round.length).toBeLessThanOrEqual(3);
  });
});
