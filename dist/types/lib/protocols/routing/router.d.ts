import type { WireMessage } from "../../codec/messages.js";
import type { NodeIdentity } from "../../identity/identity.js";
import type { Logger } from "../../log.js";
import type { NodeMetrics } from "../../metrics.js";
/** Most relay hops a routed frame may take. */
export declare const MAX_HOPS = 4;
/** Most remembered routes (node id -> relay); the least recently used is forgotten first. */
export declare const MAX_ROUTES = 10000;
type Routed = Extract<WireMessage, {
    type: "message" | "request";
}>;
type Response = Extract<WireMessage, {
    type: "response";
}>;
/** What routing needs of a link (a session's `PeerLink` is one). */
export interface RouteLink {
    /** Peer node id (authenticated by the session). */
    readonly id: string;
    /** Peer network mode. */
    readonly mode: string;
    /** True while the link's send queue is over its high-water mark. */
    readonly backlogged: boolean;
    /** Bytes queued, not yet written. */
    readonly queuedBytes: number;
    /** Last measured round-trip time (keep-alive pings), if any: nearer relays are tried first. */
    readonly rttMs?: number;
    /** Sends one message to the peer. */
    send(msg: WireMessage): Promise<void>;
    /** Runs a signature check within the peer's crypto budget; undefined: shed. */
    cryptoBounded(check: () => Promise<boolean>): Promise<boolean> | undefined;
    /** Whether a warning about this peer may be logged now (rate limit). */
    mayWarn(): boolean;
}
/** What the router needs from its node. */
export interface RouterHost {
    identity: NodeIdentity;
    logger: Logger;
    metrics: NodeMetrics;
    /** The usable direct session with `id` (live, not being retired), if any. */
    link(id: string): RouteLink | undefined;
    /** Sessions with server-mode or hybrid peers (candidate relays). */
    relays(): RouteLink[];
    /** Servers `id` is attached to, from its signed peer record (empty if unknown). */
    viaOf(id: string): readonly string[];
    /** Fetches `id`'s peer record from server peers if it is not held (bounded wait). */
    lookup(id: string): Promise<unknown>;
    /** Dials server `id` if this node can dial and knows its address; the new session, or undefined. */
    dialRelay(id: string): Promise<RouteLink | undefined>;
    /** Whether this node relays for others (server and hybrid modes do, clients do not). */
    relaying: boolean;
    /** Maps a remote `{ code, message }` error to the error the caller sees. */
    remoteError(error: {
        code: string;
        message: string;
    }): Error;
    /**
     * Hands a routed frame for this node to the node (a `message` event, the
     * request handler or an actor); resolves with the reply. Rejections become
     * error replies.
     */
    deliver(delivery: Delivery): unknown;
}
/** A frame for this node, as the node's one delivery point takes it (direct or routed). */
export interface Delivery {
    /** `message` (no reply but an acknowledgement) or `request` (the reply goes back). */
    kind: "message" | "request";
    /** Origin node id: the session's peer, or the verified signer of a routed frame. */
    from: string;
    /** The relay a routed frame came through. */
    via?: string;
    /** The actor a request is addressed to. */
    actor?: string;
    payload: unknown;
}
/** What {@linkcode Router.send} delivers. */
export interface RouteOptions {
    /** `message` (acknowledged, resolves with null) or `request` (resolves with the reply). */
    kind: "message" | "request";
    /** The target node id. */
    target: string;
    payload: unknown;
    /** The target's actor (requests only: an actor message is a request whose reply is dropped). */
    actor?: string;
    /** The whole budget, every relay tried included. */
    timeoutMs: number;
    signal?: AbortSignal;
}
/**
 * The bytes an origin signs (domain `message`) for a routed `message` or `request`.
 *
 * @example
 * ```ts
 * import { routedSignedPart } from "./router.js";
 * import { generateIdentity } from "../../identity/identity.js";
 * import { verify } from "../../identity/verify.js";
 * const me = await generateIdentity();
 * const frame = { type: "message" as const, id: 1, from: me.id, to: "target", payload: 1, ts: Date.now() };
 * const sig = await me.sign("message", routedSignedPart(frame));
 * console.assert(await verify(me.id, "message", routedSignedPart(frame), sig));
 * ```
 */
export declare function routedSignedPart(m: Routed): Uint8Array;
/**
 * Routes frames for one node.
 *
 * @example
 * ```ts ignore
 * // Not run: needs a RouterHost (the node); tests/protocols/routing/ drives one.
 * const router = new Router(host);
 * await router.send({ kind: "request", target, payload: { q: 1 }, timeoutMs: 5000 });
 * ```
 */
export declare class Router {
    #private;
    constructor(host: RouterHost);
    /** Known relay for each node reached (or heard from) through one. */
    routes(): ReadonlyMap<string, string>;
    /**
     * Delivers through relays and resolves with the reply (null for a message).
     * Tries, in turn: the target's own servers we have sessions with, one of
     * them dialed, the relay that last carried the target's verified traffic,
     * then every other server-mode peer; the next one when a relay refuses or
     * stays silent. Rejects with the last relay's refusal (`UnknownPeerError`,
     * `OverloadedError`) when every relay refused, `TimeoutError` when no
     * answer came in time.
     */
    send(options: RouteOptions): Promise<unknown>;
    /** Handles a frame carrying `to`: forwards it, or accepts it as routed to us. */
    handle(link: RouteLink, msg: Routed | Response): void;
    /**
     * Counts a frame dropped because too many of the peer's signatures are
     * being checked, or because it introduced too many new origins (logged at
     * debug level: under a flood, one line per frame would be a second flood).
     */
    shed(link: RouteLink, what: string, reason?: string): void;
    /** Moves frames that went out through `relayId` on to other relays (its session ended). */
    relayLost(relayId: string): void;
}
export {};
