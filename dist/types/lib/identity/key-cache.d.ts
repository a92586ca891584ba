/**
 * Bounded LRU cache of imported Ed25519 verification keys, keyed by node id.
 * Importing a key costs about as much as a verification, and verification is
 * on the hot path (routed messages, gossip), so each id is imported once.
 *
 * @module
 */
/** Default number of cached keys: a large mesh's worth at ~200 bytes each. */
export declare const DEFAULT_KEY_CACHE_SIZE = 4096;
/**
 * A small LRU map of promises: a concurrent lookup for the same id shares one
 * import; a failed import is not cached.
 *
 * @example
 * ```ts
 * import { KeyCache } from "./key-cache.js";
 * const cache = new KeyCache(2);
 * let imports = 0;
 * const load = (id: string) => cache.get(id, () => { imports++; return Promise.resolve(id); });
 * await load("a"); await load("b"); await load("a"); await load("c"); await load("a");
 * console.assert(imports === 3 && cache.size === 2); // "b" was evicted, "a" stayed
 * ```
 */
export declare class KeyCache<T> {
    #private;
    constructor(maxEntries?: number);
    /** Number of cached entries. */
    get size(): number;
    /** Largest number of entries kept. Lowering it evicts the least recently used. */
    get maxEntries(): number;
    set maxEntries(n: number);
    /** Cached value for `id`, or the result of `load(id)` (then cached). */
    get(id: string, load: (id: string) => Promise<T>): Promise<T>;
    /** Drops every entry. */
    clear(): void;
}
