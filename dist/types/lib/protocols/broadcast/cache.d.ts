/**
 * The recent broadcasts a node can hand out again when a peer that only got
 * an announcement (`ihave`) asks for one (`graft`). Bounded by count, bytes
 * and age: a graft comes within a few repair timeouts of the announcement or
 * not at all, so old entries are of no use.
 *
 * @module
 */
/** Options of {@linkcode RecentBroadcasts}. */
export interface RecentBroadcastsOptions {
    /** Most broadcasts kept. Default 1024. */
    maxCount?: number;
    /** Most encoded bytes kept. Default 8 MiB. */
    maxBytes?: number;
    /** Oldest broadcast kept, in ms. Default 30,000. */
    maxAgeMs?: number;
}
/**
 * Encoded broadcasts by (origin, seq), oldest evicted first.
 *
 * @example
 * ```ts
 * import { RecentBroadcasts } from "./cache.js";
 * const cache = new RecentBroadcasts<object>({ maxCount: 2 });
 * const peer = {};
 * cache.add("o", 1, new Uint8Array(10));
 * console.assert(cache.forGraft("o", 1, peer)?.length === 10);
 * console.assert(cache.forGraft("o", 1, peer) === undefined); // answered once per peer
 * ```
 */
export declare class RecentBroadcasts<L extends object> {
    #private;
    constructor(options?: RecentBroadcastsOptions);
    /** Broadcasts currently kept. */
    get size(): number;
    /** Encoded bytes currently kept. */
    get bytes(): number;
    /** Keeps `body`, the encoded broadcast (origin, seq), evicting the oldest beyond the bounds. */
    add(origin: string, seq: number, body: Uint8Array): void;
    /**
     * The encoded broadcast to answer `peer`'s graft with; undefined when it is
     * not kept (never seen, evicted, expired) or `peer` already got it this way,
     * so a peer repeating a graft cannot make this node resend without bound.
     */
    forGraft(origin: string, seq: number, peer: L): Uint8Array | undefined;
    /** Forgets everything. */
    clear(): void;
}
