/**
 * Render once, serve many: entries are dropped on invalidate() (something the pages show changed)
 * and when they expire (the page changes with time too: bars, "as of", a window's start). A render
 * that began before an invalidation is answered but not kept, so it never hides the change.
 */
export class RenderCache<T> {
  #generation = 0;
  readonly #entries = new Map<string, { generation: number; expiresAt: number; value: Promise<T> }>();

  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }

  get(key: string, now: number, make: () => Promise<{ value: T; expiresAt: number }>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.generation === this.#generation && now < hit.expiresAt) return hit.value;
    const generation = this.#generation;
    const entry: { generation: number; expiresAt: number; value: Promise<T> } = { generation, expiresAt: Infinity, value: Promise.resolve(null as T) };
    entry.value = make().then(({ value, expiresAt }) => {
      entry.expiresAt = expiresAt;
      if (this.#generation !== generation) this.#forget(key, entry);
      return value as T;
    }, (error: unknown) => {
      this.#forget(key, entry);
      throw error;
    });
    // Concurrent requests while it renders share the one render.
    if (generation === this.#generation) this.#entries.set(key, entry);
    return entry.value;
  }

  /** Only this entry: a newer render may have taken the key meanwhile. */
  #forget(key: string, entry: unknown): void {
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
  }
}
