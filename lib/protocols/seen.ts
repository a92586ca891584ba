/**
 * Replay protection for origin-signed frames (routed messages and requests,
 * broadcasts): each carries a per-origin sequence number and a signed
 * timestamp `ts`, and this window accepts a frame only once, only while it is
 * fresh.
 *
 * The two rules together make replays impossible in bounded memory:
 *
 * - **Freshness**: a frame dated more than {@linkcode FRESHNESS_MS} before
 *   or {@linkcode MAX_AHEAD_MS} after the local clock is refused (`stale`),
 *   whatever the window holds.
 * - **Never forget a fresh origin**: an origin is remembered until all the
 *   frames it had accepted are stale (`ts` of its newest accepted frame plus
 *   the freshness window). When the window is full of such origins a new
 *   origin is refused (`full`: the caller answers `OVERLOADED`) instead of
 *   evicting one, so no flood of fresh identities can make an accepted frame
 *   acceptable again. (Before, the least recently active origin was evicted
 *   and started over from zero: a replay ran again after 10,008 frames.)
 *
 * Per origin, the recent sequence numbers are a circular bitmap of
 * `window` bits above the highest one seen (anti-replay window in the manner
 * of RFC 6479); numbers below it count as seen. Every operation is O(1)
 * (O(window / 32) when a sequence number jumps ahead).
 *
 * @module
 */

/** How old a signed frame may be (ms) before it is refused as stale. */
export const FRESHNESS_MS = 60_000;
/** How far ahead of the local clock a signed frame may be dated (ms): clock skew. */
export const MAX_AHEAD_MS = 30_000;

/** Options for {@linkcode SeenWindow}. */
export interface SeenWindowOptions {
  /** Sequence numbers tracked per origin below its highest one (bits, rounded up to 32). Default 1024. */
  window?: number;
  /** Origins remembered at once. Default 32,768 (about 6 MiB at most). */
  maxOrigins?: number;
  /** Freshness window into the past, ms. Default {@linkcode FRESHNESS_MS}. */
  freshnessMs?: number;
  /** Allowed clock skew into the future, ms. Default {@linkcode MAX_AHEAD_MS}. */
  aheadMs?: number;
  /** Clock (ms since the epoch; tests). Default `Date.now`. */
  now?: () => number;
}

/**
 * What {@linkcode SeenWindow.check} and {@linkcode SeenWindow.add} say of a frame:
 * `new`; `duplicate` (seen, or below its origin's window); `stale` (dated
 * outside the freshness window); `full` (a new origin while the window is
 * full of fresh ones).
 */
export type SeenVerdict = "new" | "duplicate" | "stale" | "full";

interface Origin {
  /** Highest sequence number accepted. */
  max: number;
  /** Bit `seq % window` set: `seq` (within `window` of `max`) was accepted. */
  bits: Uint32Array;
  /** Until when (ms) a frame accepted from this origin could still be fresh. */
  freshUntil: number;
}

/**
 * Per-origin replay window with freshness.
 *
 * @example
 * ```ts
 * import { SeenWindow } from "./seen.ts";
 * const seen = new SeenWindow();
 * const now = Date.now();
 * console.assert(seen.add("a", 5, now) === "new");
 * console.assert(seen.add("a", 5, now) === "duplicate");
 * console.assert(seen.add("a", 6, now - 3_600_000) === "stale");
 * ```
 */
export class SeenWindow {
  readonly #window: number;
  readonly #words: number;
  readonly #maxOrigins: number;
  readonly #freshnessMs: number;
  readonly #aheadMs: number;
  readonly #now: () => number;
  /** Insertion order is last-accept order: the first origin is the first to go stale. */
  readonly #origins = new Map<string, Origin>();

  constructor(options: SeenWindowOptions = {}) {
    this.#words = Math.max(1, Math.ceil((options.window ?? 1024) / 32));
    this.#window = this.#words * 32;
    this.#maxOrigins = options.maxOrigins ?? 32_768;
    this.#freshnessMs = options.freshnessMs ?? FRESHNESS_MS;
    this.#aheadMs = options.aheadMs ?? MAX_AHEAD_MS;
    this.#now = options.now ?? Date.now;
  }

  /** Origins currently remembered. */
  get size(): number {
    return this.#origins.size;
  }

  /** Whether `origin` is remembered (a frame from it would not take a new slot). */
  knows(origin: string): boolean {
    return this.#origins.has(origin);
  }

  /** Whether (origin, seq) was accepted already (or is below its origin's window). */
  has(origin: string, seq: number): boolean {
    const o = this.#origins.get(origin);
    if (!o) return false;
    if (seq > o.max) return false;
    if (seq <= o.max - this.#window) return true;
    const bit = seq % this.#window;
    return (o.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }

  /** What {@linkcode add} would say, without accepting anything (to skip work early). */
  check(origin: string, seq: number, ts: number): SeenVerdict {
    const now = this.#now();
    if (ts < now - this.#freshnessMs || ts > now + this.#aheadMs) return "stale";
    if (this.has(origin, seq)) return "duplicate";
    if (this.#origins.has(origin)) return "new";
    this.#dropStale(now, 2);
    return this.#origins.size >= this.#maxOrigins ? "full" : "new";
  }

  /** Accepts (origin, seq) dated `ts` if it is new and fresh; says what it did. */
  add(origin: string, seq: number, ts: number): SeenVerdict {
    const verdict = this.check(origin, seq, ts);
    if (verdict !== "new") return verdict;
    let o = this.#origins.get(origin);
    if (o) this.#origins.delete(origin);
    else o = { max: seq, bits: new Uint32Array(this.#words), freshUntil: 0 };
    this.#origins.set(origin, o);
    if (seq > o.max) this.#advance(o, seq);
    const bit = seq % this.#window;
    o.bits[bit >>> 5] |= 1 << (bit & 31);
    o.freshUntil = Math.max(o.freshUntil, ts + this.#freshnessMs);
    return "new";
  }

  /** Moves `o`'s window up to `seq`, clearing the bits of the numbers it passes. */
  #advance(o: Origin, seq: number): void {
    if (seq - o.max >= this.#window) o.bits.fill(0);
    else {
      for (let s = o.max + 1; s <= seq; s++) {
        const bit = s % this.#window;
        if ((bit & 31) === 0 && s + 31 <= seq) {
          o.bits[bit >>> 5] = 0;
          s += 31;
        } else o.bits[bit >>> 5] &= ~(1 << (bit & 31));
      }
    }
    o.max = seq;
  }

  /** Forgets up to `count` origins from the front whose frames are all stale now. */
  #dropStale(now: number, count: number): void {
    for (const [origin, o] of this.#origins) {
      if (count-- <= 0 || o.freshUntil >= now) return;
      this.#origins.delete(origin);
    }
  }
}
