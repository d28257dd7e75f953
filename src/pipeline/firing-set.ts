import type { Labels } from './label-matcher.ts';

interface Firing {
  labels: Labels;
  /** Passed through the deliver stage at least once; a later 'firing' for the key is a duplicate. */
  delivered: boolean;
}

/**
 * The alerts firing now, by key, with their labels: what inhibition looks at
 * and what dedup remembers. In memory; after a restart the app restores it
 * from the alerts that have open incidents.
 */
export class FiringSet {
  readonly #byKey = new Map<string, Firing>();

  /** Adds or refreshes a firing alert; a refresh keeps whether it was delivered. */
  add(key: string, labels: Labels): void {
    const existing = this.#byKey.get(key);
    this.#byKey.set(key, { labels, delivered: existing?.delivered ?? false });
  }

  markDelivered(key: string): void {
    const existing = this.#byKey.get(key);
    if (existing !== undefined) existing.delivered = true;
  }

  remove(key: string): void {
    this.#byKey.delete(key);
  }

  /**
   * Replaces the contents with alerts that were firing and delivered before a
   * restart (they have incidents), so their next 'firing' is not delivered again.
   */
  restore(alerts: Iterable<{ key: string; labels: Labels }>): void {
    this.#byKey.clear();
    for (const { key, labels } of alerts) this.#byKey.set(key, { labels, delivered: true });
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  isDelivered(key: string): boolean {
    return this.#byKey.get(key)?.delivered ?? false;
  }

  labels(key: string): Labels | undefined {
    return this.#byKey.get(key)?.labels;
  }

  get size(): number {
    return this.#byKey.size;
  }

  *entries(): IterableIterator<[key: string, labels: Labels]> {
    for (const [key, firing] of this.#byKey) yield [key, firing.labels];
  }
}
