import { describe, expect, it } from 'vitest';
import { DueHeap, type DueItem } from './due-heap.ts';
import { FifoRing } from './fifo-ring.ts';

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
}

const item = (dueAt: number, seq: number): DueItem => ({ dueAt, seq, heapIndex: -1 });

describe('DueHeap', () => {
  it('pops in (dueAt, seq) order through pushes, removals, updates and rebuilds', () => {
    const rand = lcg(7);
    const heap = new DueHeap<DueItem>();
    const live = new Set<DueItem>();
    let seq = 0;
    const all: DueItem[] = [];
    for (let i = 0; i < 300; i++) all.push(item(Math.floor(rand() * 50), seq++));
    heap.rebuild(all.slice(0, 100));
    all.slice(0, 100).forEach((x) => live.add(x));
    for (let step = 0; step < 2000; step++) {
      const r = rand();
      const pick = [...live][Math.floor(rand() * live.size)];
      if (r < 0.4) {
        const x = item(Math.floor(rand() * 50), seq++);
        heap.push(x);
        live.add(x);
      } else if (r < 0.6 && pick) {
        heap.remove(pick);
        live.delete(pick);
        expect(pick.heapIndex).toBe(-1);
      } else if (r < 0.8 && pick) {
        pick.dueAt = Math.floor(rand() * 50);
        heap.update(pick);
      } else {
        const expected = [...live].sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)[0];
        const got = heap.pop();
        expect(got).toBe(expected);
        if (got) live.delete(got);
      }
      expect(heap.size).toBe(live.size);
    }
    const order: DueItem[] = [];
    for (let x = heap.pop(); x; x = heap.pop()) order.push(x);
    expect(order).toEqual([...live].sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq));
  });

  it('ignores removing or updating an item that is not in it', () => {
    const heap = new DueHeap<DueItem>();
    const stray = item(1, 1);
    heap.remove(stray);
    heap.update(stray);
    expect(heap.size).toBe(0);
  });
});

describe('FifoRing', () => {
  it('keeps order across wrap-around and growth', () => {
    const ring = new FifoRing<number>(2);
    const expected: number[] = [];
    const got: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < (round % 7) + 1; i++) {
        ring.push(next);
        expected.push(next++);
      }
      for (let i = 0; i < (round % 5); i++) {
        const x = ring.shift();
        if (x !== undefined) got.push(x);
      }
      expect(ring.length).toBe(expected.length - got.length);
    }
    for (let x = ring.shift(); x !== undefined; x = ring.shift()) got.push(x);
    expect(got).toEqual(expected);
    expect(ring.shift()).toBeUndefined();
  });
});
