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
export declare const FRESHNESS_MS = 60000;
/** How far ahead of the local clock a signed frame may be dated (ms): clock skew. */
export declare const MAX_AHEAD_MS = 30000;
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
/**
 * Per-origin replay window with freshness.
 *
 * @example
 * ```ts
 * import { SeenWindow } from "./seen.js";
 * const seen = new SeenWindow();
 * const now = Date.now();
 * console.assert(seen.add("a", 5, now) === "new");
 * console.assert(seen.add("a", 5, now) === "duplicate");
 * console.assert(seen.add("a", 6, now - 3_600_000) === "stale");
 * ```
 */
export declare class SeenWindow {
    #private;
    constructor(options?: SeenWindowOptions);
    /** Origins currently remembered. */
    get size(): number;
    /** Whether `origin` is remembered (a frame from it would not take a new slot). */
    knows(origin: string): boolean;
    /** Whether (origin, seq) was accepted already (or is below its origin's window). */
    has(origin: string, seq: number): boolean;
    /** What {@linkcode add} would say, without accepting anything (to skip work early). */
    check(origin: string, seq: number, ts: number): SeenVerdict;
    /** Accepts (origin, seq) dated `ts` if it is new and fresh; says what it did. */
    add(origin: string, seq: number, ts: number): SeenVerdict;
}
