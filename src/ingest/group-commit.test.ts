import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('writes a lone item at once and groups what arrives while a write runs', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const group = new GroupCommit<number>(async (items) => {
      writes.push([...items]);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = group.add(1);
    const rest = [2, 3, 4].map((n) => group.add(n));
    expect(writes).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
    expect(group.stats()).toEqual({ batches: 2, items: 4 });
  });

  it('settles a caller only after its own write: a failed write rejects its items and the next one goes on', async () => {
    let calls = 0;
    const group = new GroupCommit<string>(async () => {
      calls++;
      await Promise.resolve();
      if (calls === 1) throw new Error('disk full');
    });
    const a = group.add('a');
    const b = group.add('b');
    await expect(a).rejects.toThrow('disk full');
    await expect(b).resolves.toBeUndefined();
  });

  it('splits large queues into batches of maxBatch', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number>(async (items) => void sizes.push(items.length), 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => group.add(i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });

  it('with gather, waits for it before each write, so what arrives meanwhile shares the write', async () => {
    const writes: number[][] = [];
    const group = new GroupCommit<number>(async (items) => void writes.push([...items]), 500, () => new Promise<void>((r) => setImmediate(r)));
    const first = group.add(1);
    expect(writes).toEqual([]);
    const rest = [2, 3].map((n) => group.add(n));
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1, 2, 3]]);
  });
});
