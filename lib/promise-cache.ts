import { LRUCache } from "lru-cache";
import type { Range } from "@/lib/time/range";

type KeyPart = string | number;

/** What every cached answer about a window is keyed by: the window exactly as the caller resolved it. */
export function windowKey(range: Range): KeyPart[] {
  return [range.start, range.end, range.timezone, range.timeframe];
}

/**
 * Answers computed once and shared: concurrent callers of a key share one computation, and later callers
 * get its answer until the TTL ends, when it is freed whether anyone asks again or not. A failure — or an
 * answer `keep` refuses — is dropped once settled, so it is never served to anyone who asks afterwards.
 *
 * `clear()` starts a new generation, which is part of every key: a computation still running across a
 * clear settles under a key nobody asks for any more, so dropping its failure cannot drop a newer answer.
 */
export class PromiseCache {
  readonly #answers: LRUCache<string, Promise<unknown>>;
  #generation = 0;

  constructor(opts: { max: number; ttl: number }) {
    this.#answers = new LRUCache({ ...opts, ttlAutopurge: true });
  }

  get<T>(parts: readonly KeyPart[], compute: () => Promise<T>, keep: (value: T) => boolean = () => true) {
    const key = this.#key(parts);
    const hit = this.#answers.get(key);
    // Every caller of a key computes the same thing (the key names it), so the type is theirs.
    if (hit) return hit as Promise<T>;
    const pending = compute();
    this.#answers.set(key, pending);
    // Only this computation's own entry goes: one that outlived its TTL must not drop a newer answer.
    const drop = () => {
      if (this.#answers.get(key) === pending) this.#answers.delete(key);
    };
    pending.then((value) => {
      if (!keep(value)) drop();
    }, drop);
    return pending;
  }

  delete(parts: readonly KeyPart[]): void {
    this.#answers.delete(this.#key(parts));
  }

  clear(): void {
    this.#generation += 1;
    this.#answers.clear();
  }

  #key(parts: readonly KeyPart[]): string {
    return JSON.stringify([this.#generation, ...parts]);
  }
}
