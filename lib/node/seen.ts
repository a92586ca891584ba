/**
 * Replay protection: remembers which (origin, sequence number) pairs were
 * already accepted, in bounded memory. Sequence numbers below an origin's
 * window count as seen, so an old message can never be replayed while its
 * origin is remembered. Memory is bounded by origin count and total entries;
 * an origin pushed out by many newer ones starts over (see the limits note in
 * `routing.ts`).
 *
 * @module
 */

/** Options for {@linkcode SeenWindow}. */
export interface SeenWindowOptions {
  /** Recent sequence numbers remembered per origin. Default 4096. */
  window?: number;
  /** Origins remembered (least recently active forgotten first). Default 10,000. */
  maxOrigins?: number;
  /**
   * Sequence numbers remembered over all origins (least recently active
   * origins forgotten first). Default 262,144: without it, many busy origins
   * could hold `maxOrigins * window` entries.
   */
  maxEntries?: number;
}

/**
 * Per-origin sliding window of accepted sequence numbers.
 *
 * @example
 * ```ts
 * import { SeenWindow } from "./seen.ts";
 * const seen = new SeenWindow();
 * console.assert(seen.add("a", 5) && !seen.add("a", 5) && seen.add("a", 6));
 * ```
 */
export class SeenWindow {
  readonly #window: number;
  readonly #maxOrigins: number;
  readonly #maxEntries: number;
  readonly #origins = new Map<string, { max: number; recent: Set<number> }>();
  #entries = 0;

  constructor(options: SeenWindowOptions = {}) {
    this.#window = options.window ?? 4096;
    this.#maxOrigins = options.maxOrigins ?? 10_000;
    this.#maxEntries = options.maxEntries ?? 1 << 18;
  }

  /** Sequence numbers currently remembered, over all origins. */
  get size(): number {
    return this.#entries;
  }

  /** Forgets the least recently active origin. */
  #evictOldest(): void {
    const [origin, entry] = this.#origins.entries().next().value!;
    this.#origins.delete(origin);
    this.#entries -= entry.recent.size;
  }

  /** Whether (origin, seq) was seen or is too old to accept. */
  has(origin: string, seq: number): boolean {
    const entry = this.#origins.get(origin);
    if (!entry) return false;
    return seq <= entry.max - this.#window || entry.recent.has(seq);
  }

  /** Marks (origin, seq) seen; false if it already was (or is too old). */
  add(origin: string, seq: number): boolean {
    if (this.has(origin, seq)) return false;
    let entry = this.#origins.get(origin);
    if (entry) this.#origins.delete(origin);
    else {
      entry = { max: 0, recent: new Set() };
      if (this.#origins.size >= this.#maxOrigins) this.#evictOldest();
    }
    this.#origins.set(origin, entry);
    entry.recent.add(seq);
    this.#entries++;
    if (seq > entry.max) entry.max = seq;
    if (entry.recent.size > this.#window) {
      for (const s of entry.recent) {
        if (s <= entry.max - this.#window) {
          entry.recent.delete(s);
          this.#entries--;
        }
      }
    }
    // `origin` was just moved to the end, so it is evicted last.
    while (this.#entries > this.#maxEntries && this.#origins.size > 1) this.#evictOldest();
    return true;
  }
}
