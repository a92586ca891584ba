import type { WireMessage } from "../../codec/messages.js";
import type { NodeIdentity } from "../../identity/identity.js";
/** What broadcast needs of a link (a session's `PeerLink` is one). */
export interface BroadcastLink {
    /** Peer node id. */
    readonly id: string;
    /** Peer network mode: `client` peers are leaves of the tree. */
    readonly mode: string;
    /** True while the link's send queue is over its high-water mark. */
    readonly backlogged: boolean;
    /** Queues an encoded frame body. */
    sendEncoded(body: Uint8Array): Promise<void>;
}
type BroadcastMessage = Extract<WireMessage, {
    type: "broadcast";
}>;
/**
 * Hop limit a new broadcast starts with. It is not signed, so it bounds
 * nothing a peer could not change: de-duplication is what makes every node
 * forward a broadcast at most once, and a copy whose limit is used up is
 * still passed on (see {@linkcode nextHop}; a lower limit once cost 16 lost
 * deliveries at 10,000 simulated nodes, and a rogue relaying copies with
 * `ttl: 1` cut off every node behind the one it fed). It only tells how far
 * a copy came (the `hops` of a broadcast event).
 */
export declare const BROADCAST_TTL = 64;
/**
 * The bytes an origin signs (domain `broadcast`) for a broadcast.
 *
 * @example
 * ```ts
 * import { broadcastSignedPart } from "./broadcast.js";
 * import { generateIdentity } from "../../identity/identity.js";
 * import { verify } from "../../identity/verify.js";
 * const me = await generateIdentity();
 * const msg = { origin: me.id, seq: 1, ts: Date.now(), payload: "hi" };
 * const sig = await me.sign("broadcast", broadcastSignedPart(msg));
 * console.assert(await verify(me.id, "broadcast", broadcastSignedPart(msg), sig));
 * ```
 */
export declare function broadcastSignedPart(msg: Pick<BroadcastMessage, "origin" | "seq" | "ts" | "payload">): Uint8Array;
/**
 * Creates and checks broadcasts for one node.
 *
 * @example
 * ```ts
 * import { BroadcastState } from "./broadcast.js";
 * import { generateIdentity } from "../../identity/identity.js";
 * const state = new BroadcastState(await generateIdentity());
 * const msg = await state.create({ hello: "all" });
 * const other = new BroadcastState(await generateIdentity());
 * console.assert((await other.accept(msg)) === "ok" && (await other.accept(msg)) === "duplicate");
 * ```
 */
export declare class BroadcastState {
    #private;
    constructor(identity: NodeIdentity);
    /** Whether the broadcast (origin, seq) was accepted already (or is too old to accept). */
    seen(origin: string, seq: number): boolean;
    /** Whether a copy of the broadcast (origin, seq) is being verified now. */
    checking(origin: string, seq: number): boolean;
    /** A new signed broadcast of `payload` (also marked as seen locally). */
    create(payload: unknown): Promise<BroadcastMessage>;
    /**
     * `"ok"` for a new, authentic, fresh broadcast; `"duplicate"`; `"shed"`
     * when `gate` refused to run the verification (see `PeerLink.cryptoBounded`)
     * or `link` introduced too many new origins; or the error to log (forged,
     * undated, stale, or the replay window full of fresh origins).
     */
    accept(msg: BroadcastMessage, gate?: (check: () => Promise<boolean>) => Promise<boolean> | undefined, link?: object): Promise<"ok" | "duplicate" | "shed" | Error>;
}
/**
 * The copy of a received broadcast to pass on. Its hop limit is not signed,
 * so it must never stop a verified copy: a peer could lower it to cut off
 * every node behind the one it feeds (de-duplication already ends every
 * broadcast). It is only lowered (capped at {@linkcode BROADCAST_TTL} first,
 * since a peer could as well inflate it) to report roughly how far a copy came,
 * and stays at least 1.
 *
 * @example
 * ```ts
 * import { nextHop } from "./broadcast.js";
 * const received = { type: "broadcast" as const, origin: "x", seq: 1, ttl: 1000, payload: null, sig: new Uint8Array(64) };
 * console.assert(nextHop(received).ttl === 63 && nextHop({ ...received, ttl: 1 }).ttl === 1);
 * ```
 */
export declare function nextHop(msg: BroadcastMessage): BroadcastMessage;
/**
 * Queues an encoded broadcast on `link`. Broadcast is best effort: a link
 * whose queue is over its high-water mark is skipped (false) rather than
 * buffered for without bound; the tree announces the broadcast to it instead,
 * so the peer can ask for it once it drains.
 *
 * @example
 * ```ts
 * import { sendBroadcast } from "./broadcast.js";
 * const sent: Uint8Array[] = [];
 * const link = { id: "p", mode: "hybrid", backlogged: false, sendEncoded: (b: Uint8Array) => (sent.push(b), Promise.resolve()) };
 * console.assert(sendBroadcast(link, new Uint8Array([1])) && sent.length === 1);
 * console.assert(!sendBroadcast({ ...link, backlogged: true }, new Uint8Array([2])));
 * ```
 */
export declare function sendBroadcast(link: BroadcastLink, body: Uint8Array): boolean;
export {};
