/**
 * Replay protection: remembers which (origin, sequence number) pairs were
 * already accepted, in bounded memory. Sequence numbers below an origin's
 * window count as seen, so an old message can never be replayed.
 *
 * @module
 */

/** Options for {@linkcode SeenWindow}. */
export interface SeenWindowOptions {
  /** Recent sequence numbers remembered per origin. Default 4096. */
  window?: number;
  /** Origins remembered (least recently active forgotten first). Default 10,000. */
  maxOrigins?: number;
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
  readonly #origins = new Map<string, { max: number; recent: Set<number> }>();

  constructor(options: SeenWindowOptions = {}) {
    this.#window = options.window ?? 4096;
    this.#maxOrigins = options.maxOrigins ?? 10_000;
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
      if (this.#origins.size >= this.#maxOrigins) {
        this.#origins.delete(this.#origins.keys().next().value!);
      }
    }
    this.#origins.set(origin, entry);
    entry.recent.add(seq);
    if (seq > entry.max) entry.max = seq;
    if (entry.recent.size > this.#window) {
      for (const s of entry.recent) if (s <= entry.max - this.#window) entry.recent.delete(s);
    }
    return true;
  }
}
