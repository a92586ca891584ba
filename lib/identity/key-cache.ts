/**
 * Bounded LRU cache of imported Ed25519 verification keys, keyed by node id.
 * Importing a key costs about as much as a verification, and verification is
 * on the hot path (routed messages, gossip), so each id is imported once.
 *
 * @module
 */

/** Default number of cached keys: a large mesh's worth at ~200 bytes each. */
export const DEFAULT_KEY_CACHE_SIZE = 4096;

/**
 * A small LRU map of promises: a concurrent lookup for the same id shares one
 * import; a failed import is not cached.
 *
 * @example
 * ```ts
 * import { KeyCache } from "./key-cache.ts";
 * const cache = new KeyCache(2);
 * let imports = 0;
 * const load = (id: string) => cache.get(id, () => { imports++; return Promise.resolve(id); });
 * await load("a"); await load("b"); await load("a"); await load("c"); await load("a");
 * console.assert(imports === 3 && cache.size === 2); // "b" was evicted, "a" stayed
 * ```
 */
export class KeyCache<T> {
  #max: number;
  #map = new Map<string, Promise<T>>();

  constructor(maxEntries: number = DEFAULT_KEY_CACHE_SIZE) {
    this.#max = KeyCache.#checkSize(maxEntries);
  }

  static #checkSize(n: number): number {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`key cache size must be a positive integer, got ${n}`);
    }
    return n;
  }

  /** Number of cached entries. */
  get size(): number {
    return this.#map.size;
  }

  /** Largest number of entries kept. Lowering it evicts the least recently used. */
  get maxEntries(): number {
    return this.#max;
  }
  set maxEntries(n: number) {
    this.#max = KeyCache.#checkSize(n);
    this.#evict();
  }

  /** Cached value for `id`, or the result of `load(id)` (then cached). */
  get(id: string, load: (id: string) => Promise<T>): Promise<T> {
    const hit = this.#map.get(id);
    if (hit !== undefined) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.#map.delete(id);
      this.#map.set(id, hit);
      return hit;
    }
    const loading = load(id);
    this.#map.set(id, loading);
    loading.catch(() => {
      if (this.#map.get(id) === loading) this.#map.delete(id);
    });
    this.#evict();
    return loading;
  }

  /** Drops every entry. */
  clear(): void {
    this.#map.clear();
  }

  #evict(): void {
    while (this.#map.size > this.#max) {
      this.#map.delete(this.#map.keys().next().value as string);
    }
  }
}
