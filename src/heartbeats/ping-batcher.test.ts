import { describe, expect, it } from 'vitest';
import { PingBatcher } from './ping-batcher.ts';

describe('PingBatcher', () => {
  it('writes pings added in one turn of the event loop together, even when each write finishes at once', async () => {
    const writes: number[][] = [];
    const batcher = new PingBatcher<number>(async (items) => void writes.push([...items]));
    await Promise.all([1, 2, 3].map((i) => batcher.add(i)));
    await batcher.add(4);
    expect(writes).toEqual([[1, 2, 3], [4]]);
    expect(batcher.stats()).toEqual({ batches: 2, items: 4 });
  });

  it('settles each caller only after its write: a failed write fails every ping in it and not the next', async () => {
    let fail = true;
    const batcher = new PingBatcher<number>(async () => {
      if (fail) throw new Error('disk full');
    }, 2);
    const first = [1, 2, 3].map((i) => batcher.add(i).then(() => 'ok', (e: Error) => e.message));
    const settled = Promise.all(first);
    fail = true;
    const outcomes = await settled;
    expect(outcomes).toEqual(['disk full', 'disk full', 'disk full']);
    fail = false;
    await expect(batcher.add(4)).resolves.toBeUndefined();
  });
});
