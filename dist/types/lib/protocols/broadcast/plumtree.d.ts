/**
 * Plumtree broadcast (Leitão, Pereira, Rodrigues, "Epidemic Broadcast Trees",
 * SRDS 2007): each broadcast travels in full along a spanning tree that the
 * first copies carve out of the mesh, and only as a short announcement
 * (`ihave`) over every other link, so a node receives about one payload copy
 * per broadcast instead of one per link.
 *
 * Every link starts *eager* (full copies). A duplicate copy marks a redundant
 * path: the receiver makes the sender *lazy* and says `prune`, after which
 * that sender only announces. A node that hears of a broadcast only by
 * announcement waits `graftTimeoutMs` for the full copy, then asks the
 * announcer for it with `graft`, which also makes that link eager again: the
 * tree repairs itself where a link or node was lost. Peers in `client` mode
 * (browsers, leaves) are never pruned by this side.
 *
 * Everything is bounded: announcements are batched per link, the table of
 * announced-but-missing broadcasts is capped in total and per announcing
 * peer, the re-send cache by count, bytes and age, and one timer serves the
 * whole table. This file is transport-free (links are opaque objects); the
 * node wires it to sessions (`node.ts`). Origin signatures are checked before
 * anything here sees a broadcast.
 *
 * @module
 */
import type { BroadcastMessage, GraftMessage, IhaveMessage, PruneMessage } from "../../codec/messages.js";
import type { Logger } from "../../log.js";
import { type RecentBroadcastsOptions } from "./cache.js";
import type { NodeMetrics } from "../../metrics.js";
/** Control messages of the tree. */
export type TreeControl = IhaveMessage | GraftMessage | PruneMessage;
/** What the tree needs to know of a link (a `PeerLink` is one). */
export interface TreeLink {
    /** Peer node id. */
    readonly id: string;
    /** Peer network mode: `client` peers are leaves and stay eager. */
    readonly mode: string;
}
/** Most sequence numbers in one `ihave` or `graft`; more is a protocol error. */
export declare const MAX_TREE_IDS = 256;
/** Options of {@linkcode Plumtree}. */
export interface PlumtreeOptions<L extends TreeLink> {
    /** The links broadcasts go out on now (live, not retiring). */
    links(): Iterable<L>;
    /** Queues an encoded broadcast on `link`; false if skipped (backlogged): it is announced instead. */
    sendBody(link: L, body: Uint8Array): boolean;
    /** Queues a control message on `link` (best effort). */
    sendControl(link: L, msg: TreeControl): void;
    /** Whether the broadcast (origin, seq) was already received. */
    seen(origin: string, seq: number): boolean;
    /**
     * Whether a copy of (origin, seq) is being checked (its signature) now: no
     * graft then, the wait starts over. A busy node would otherwise graft what
     * it already holds in its verification queue.
     */
    checking?(origin: string, seq: number): boolean;
    /** Reports input from `link` that breaks the protocol or its bounds (counted, logged). */
    bad(link: L, err: Error): void;
    /** Counters to update. */
    metrics?: Pick<NodeMetrics, "broadcastsSent" | "broadcastsPruned" | "broadcastsGrafted">;
    /** Debug logging (grafts that could not be answered). */
    logger?: Logger;
    /** Wait for the full copy of an announced broadcast before grafting, in ms. Default 50. */
    graftTimeoutMs?: number;
    /** Announcements are sent in batches at least this often, in ms. Default 20. */
    ihaveFlushMs?: number;
    /** Announcements queued for one link that trigger an immediate batch. Default 64. */
    ihaveBatch?: number;
    /** Most announced-but-missing broadcasts tracked. Default 4096. */
    maxMissing?: number;
    /** Most of those one peer's announcements may occupy. Default 1024. */
    maxMissingPerLink?: number;
    /** Bounds of the re-send cache. */
    cache?: RecentBroadcastsOptions;
}
/**
 * The Plumtree state of one node.
 *
 * @example
 * ```ts
 * import { Plumtree } from "./plumtree.js";
 * const sent: string[] = [];
 * const peer = { id: "p", mode: "hybrid" };
 * const tree = new Plumtree({
 *   links: () => [peer],
 *   sendBody: () => (sent.push("full"), true),
 *   sendControl: (_l, m) => void sent.push(m.type),
 *   seen: () => true,
 *   bad: () => {},
 * });
 * const msg = { type: "broadcast", origin: "o", seq: 1, payload: 1, ttl: 8, sig: new Uint8Array(64) } as const;
 * tree.receive(peer, msg, "duplicate"); // a redundant path: peer becomes lazy
 * console.assert(tree.isLazy(peer) && sent.join() === "prune");
 * tree.close();
 * ```
 */
export declare class Plumtree<L extends TreeLink> {
    #private;
    constructor(options: PlumtreeOptions<L>);
    /** Whether `link` only gets announcements. */
    isLazy(link: L): boolean;
    /** Announced broadcasts still missing (waiting for a copy or a graft answer). */
    get missing(): number;
    /** Broadcasts kept for answering grafts. */
    get cached(): number;
    /** Sends this node's own new broadcast. */
    publish(msg: BroadcastMessage): void;
    /**
     * A broadcast from `link` whose signature checked out: `"ok"` if it is new
     * (it is passed on), `"duplicate"` if it was received before.
     */
    receive(link: L, msg: BroadcastMessage, verdict: "ok" | "duplicate"): void;
    /** `link` announced broadcasts: those not received yet are waited for, then grafted. */
    ihave(link: L, msg: IhaveMessage): void;
    /** `link` asks for broadcasts it was announced, and for full copies from now on. */
    graft(link: L, msg: GraftMessage): void;
    /** `link` got a duplicate from us: announce to it from now on. */
    prune(link: L): void;
    /** `link` is gone: forget it; broadcasts it announced fall back to other announcers. */
    linkLost(link: L): void;
    /** Stops all timers and forgets all state. Idempotent. */
    close(): void;
}
