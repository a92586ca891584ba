/**
 * The connection pool: one authenticated session per peer. It dials and
 * accepts sessions, settles duplicates (two nodes dialing each other at once,
 * or a peer that comes back before its old session was noticed dead),
 * reconnects with backoff, probes liveness, closes idle sessions, and closes
 * everything gracefully. What the messages mean is the node's business
 * (`PoolHost`).
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.js";
import type { NodeIdentity } from "../identity/identity.js";
import type { Logger } from "../log.js";
import type { Listener, Transport } from "../transport/types.js";
import type { NetworkMode, ResolvedConfig } from "./config.js";
import type { NodeMetrics } from "../metrics.js";
import type { Goodbye, PeerLink } from "../session/link.js";
/** Options of {@linkcode PeerPool.retire}. */
export interface RetireOptions {
    /** The goodbye sent after what is queued. */
    goodbye: Goodbye;
    /** Close the session this long after, unless the peer closed it first. */
    graceMs: number;
    /** Reason given when closing. Default the goodbye's. */
    closeReason?: string;
}
/** Options of {@linkcode PeerPool.connect}. */
export interface ConnectOptions {
    /** Aborts the dial (`AbortedError`). */
    signal?: AbortSignal;
    /**
     * Remember the address and dial it again after a loss (default true).
     * Discovery's dials and relay dials do not: discovery picks again.
     */
    remember?: boolean;
}
/** What the pool needs from its node. */
export interface PoolHost {
    readonly config: ResolvedConfig;
    readonly identity: NodeIdentity;
    readonly logger: Logger;
    readonly transport: Transport;
    readonly metrics: NodeMetrics;
    readonly mode: NetworkMode;
    /** Our address, advertised in the listener's hello. */
    address(): string;
    /** Our signed pin binding, sent to dialers. */
    binding(): Uint8Array | undefined;
    /** Every message received after the handshake, in order. */
    dispatch(link: PeerLink, msg: WireMessage): void;
    /** A peer is connected (not called when a duplicate replaces its session). */
    connected(link: PeerLink): void;
    /** A peer's last session ended. */
    disconnected(link: PeerLink, reason: string): void;
    /** Whether handlers are still working on the peer's requests (no idle close then). */
    busy(link: PeerLink): boolean;
    /** The peer sent something bad (counted and logged by the node). */
    bad(link: PeerLink, err: unknown): void;
}
/**
 * Sessions of one node, keyed by peer id.
 *
 * @example
 * ```ts ignore
 * // Not run: a pool needs a whole PoolHost (the node is one); tests/node/pool.test.ts drives it.
 * const pool = new PeerPool(host, listener);
 * const id = await pool.connect(address);
 * pool.direct(id)?.send({ type: "message", payload: "hi" });
 * await pool.close();
 * ```
 */
export declare class PeerPool {
    #private;
    constructor(host: PoolHost, listener?: Listener);
    /** Every registered session (one per peer), including ones being retired. */
    links(): IterableIterator<PeerLink>;
    /** Sessions new messages may go out on: registered and not retiring. */
    usable(): PeerLink[];
    /**
     * Retires `link` with a goodbye and closes it after
     * `graceMs` unless the peer closes first: for duplicates, idle sessions and
     * discovery's feelers. No reconnect follows.
     */
    retire(link: PeerLink, options: RetireOptions): void;
    /** The usable session with `id`: registered and not retiring. */
    direct(id: string): PeerLink | undefined;
    /** Addresses this node dialed, by peer id. */
    known(): ReadonlyMap<string, string>;
    /** Whether `close()` was called. */
    get closing(): boolean;
    /**
     * Dials `address` (unless already connected or being dialed) and resolves
     * with the peer's node id once it is authenticated. Unless `remember` is
     * false, the address is kept for redialing after a loss.
     */
    connect(address: string, options?: ConnectOptions): Promise<string>;
    /** Handles a `goodbye` from `link`'s peer. */
    goodbye(link: PeerLink, msg: Extract<WireMessage, {
        type: "goodbye";
    }>): void;
    /**
     * Says goodbye to every peer after what is queued for it, waits (bounded)
     * for the peer to acknowledge by closing, ends every other session, aborts
     * dials in flight and releases the listener. Idempotent: every call returns
     * the same promise.
     */
    close(): Promise<void>;
}
