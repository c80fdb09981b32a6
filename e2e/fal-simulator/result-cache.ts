/**
 * A tiny LRU for aggregated (pre-pagination) results, so paging through a window aggregates it once.
 * Keys must include everything the result depends on: the normalized query (without cursor/limit) and
 * the current minute — simulated requests happen on whole minutes, so a window's data cannot change
 * within one minute.
 */
export class ResultCache {
  private readonly entries = new Map<string, unknown>();
  constructor(private readonly capacity = 16) {}

  getOrCompute<T>(key: string, compute: () => T): T {
    if (this.entries.has(key)) {
      const hit = this.entries.get(key) as T;
      this.entries.delete(key); // refresh recency
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

export function minuteOf(nowMs: number): number {
  return Math.floor(nowMs / 60_000);
}
