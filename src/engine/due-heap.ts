/**
 * An indexed binary min-heap of next-due times. Each item remembers its own
 * slot (heapIndex), so removing a check or changing its interval on reload is
 * O(log n) instead of a scan over 50,000 entries. Ties go to the lower seq so
 * checks due in the same millisecond start in a stable order.
 */
export interface DueItem {
  dueAt: number;
  seq: number;
  /** Position in the heap, -1 when not in it. Owned by the heap. */
  heapIndex: number;
}

export class DueHeap<T extends DueItem> {
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  remove(item: T): void {
    if (item.heapIndex >= 0) this.removeAt(item.heapIndex);
  }

  /** Call after changing item.dueAt. */
  update(item: T): void {
    if (item.heapIndex < 0) return;
    this.up(item.heapIndex);
    this.down(item.heapIndex);
  }

  /** Replaces the contents in O(n) (start() loads every check at once). */
  rebuild(items: T[]): void {
    this.clear();
    this.items = items;
    for (let i = 0; i < items.length; i++) items[i]!.heapIndex = i;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  clear(): void {
    for (const item of this.items) item.heapIndex = -1;
    this.items = [];
  }

  private removeAt(index: number): void {
    const items = this.items;
    const gone = items[index]!;
    const last = items.pop()!;
    gone.heapIndex = -1;
    if (last === gone) return;
    items[index] = last;
    last.heapIndex = index;
    this.up(index);
    this.down(last.heapIndex);
  }

  private before(a: T, b: T): boolean {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
  }

  private up(index: number): void {
    const items = this.items;
    const item = items[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (!this.before(item, parent)) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = item;
    item.heapIndex = index;
  }

  private down(index: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(items[right]!, items[left]!) ? right : left;
      const childItem = items[child]!;
      if (!this.before(childItem, item)) break;
      items[index] = childItem;
      childItem.heapIndex = index;
      index = child;
    }
    items[index] = item;
    item.heapIndex = index;
  }
}
