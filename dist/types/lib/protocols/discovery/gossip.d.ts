/**
 * Automatic peer discovery: signed peer records gossiped over datagrams.
 *
 * - **Join**: on every new session both sides send their own record and a
 *   `discover` at once, so a node bootstrapped from one seed learns the seed's
 *   whole view in one round trip, and the seed learns the newcomer.
 * - **Push**: a record new to a node (or newer than the one it held) is passed
 *   on to up to `PUSH_FANOUT` other peers at once, batched per tick; nodes that already hold it
 *   stop it without verifying it again.
 * - **Anti-entropy**: every `intervalMs` (jittered ±25%), a node asks one random
 *   peer with `discover { limit, filter }`, the filter a salted Bloom filter of
 *   the records it holds; the answer carries only records missing from it, in
 *   datagram-sized `discovery-response` batches (a batch too large for a
 *   datagram, or a session without datagrams, goes on the stream). Push-pull
 *   epidemic spreading like this reaches a full view in O(log N) rounds.
 * - **Trust**: records are signed by their subject and verified (bounded per
 *   peer) before use; a record already held at the same or a newer version is
 *   not verified again. Malformed, forged, expired or future-dated records are
 *   refused with a typed error and a log line; the session goes on. A signature
 *   proves only that the subject exists, not that its address is real or that
 *   it is not one of a million keys one peer minted, so:
 * - **Proof before gossip**: a record is pushed on and offered in answers only
 *   once it proved itself: this node dialed its subject successfully, or the
 *   subject sent it over its own authenticated session, or (a client-mode
 *   node's record) one of the servers it names sent it over that server's
 *   session (at most `table.cap` of those per session and minute). Other
 *   records are held and used, not spread. The table (`table.ts`) caps what one
 *   peer's records may occupy and never evicts proven records for unproven ones.
 * - **Answer budget**: answers to one peer's `discover` (views and lookups)
 *   spend at most {@linkcode ANSWER_BYTES_PER_SECOND} after a burst of
 *   {@linkcode ANSWER_BURST_BYTES}; what does not fit is shed (counted in
 *   `discoveryBytesShed`, logged at debug).
 * - **Degree**: a dialing node keeps at least `minPeers` sessions, dialing
 *   discovered peers: proven ones first, then one unproven record per source
 *   at a time (sources this node dialed itself first), one dial per host at a
 *   time, at most {@linkcode DIALS_PER_SECOND} after a burst, with backoff per
 *   record and per source after failures. So one peer's records can direct at
 *   most one dial at a time, fewer and fewer as they fail, and the mesh stays
 *   connected when a seed goes away.
 * - **Feelers**: a dialing node (`minPeers` > 0) also dials one unproven
 *   record per round, under the same rules and rate, and hangs up again if it
 *   does not need the session: that proves records heard second-hand, which
 *   can then be passed on, so views still converge (one hop per proof).
 * - **Failure detection**: records expire after `RECORD_TTL_MS` unless their
 *   node re-signs them (every quarter of that); a peer that failed three dials
 *   in a row is no longer passed on.
 *
 * @module
 */
import type { WireMessage } from "../../codec/messages.js";
import type { NodeIdentity } from "../../identity/identity.js";
import type { Logger } from "../../log.js";
import type { NetworkMode } from "../../codec/messages.js";
import type { NodeMetrics } from "../../metrics.js";
import { type PeerEntry, PeerTable } from "./table.js";
/** Most records sent in answer to one `discover`, and accepted in one response. */
export declare const MAX_RECORDS_PER_ANSWER = 64;
/**
 * Peers each piece of news is pushed to (random ones when there are more):
 * enough that it reaches nearly every node in network time, while a record
 * costs O(N * fanout) datagrams mesh-wide whatever the degree; anti-entropy
 * rounds catch the rest.
 */
export declare const PUSH_FANOUT = 8;
/**
 * Discovery answer bytes per peer and second (a full view of 64 records is
 * about 20 KB; an anti-entropy round asks one peer, with a filter, so honest
 * answers are far smaller).
 */
export declare const ANSWER_BYTES_PER_SECOND: number;
/** Answer bytes a peer may get at once (a joining node's first, unfiltered, answer). */
export declare const ANSWER_BURST_BYTES: number;
/** Automatic dials of discovered peers per second, after {@linkcode DIAL_BURST}. */
export declare const DIALS_PER_SECOND = 2;
type Discover = Extract<WireMessage, {
    type: "discover";
}>;
type DiscoveryResponse = Extract<WireMessage, {
    type: "discovery-response";
}>;
/** What discovery needs from its node. */
export interface DiscoveryHost<L extends GossipLink = GossipLink> {
    identity: NodeIdentity;
    logger: Logger;
    metrics: NodeMetrics;
    mode: NetworkMode;
    /** Anti-entropy round interval in ms. */
    intervalMs: number;
    /** Sessions a dialing node keeps up by dialing discovered peers (0: never dials). */
    minPeers: number;
    /** Peer table bound. */
    maxKnownPeers: number;
    /** This node's dialable address, or undefined (no listener: nothing to advertise). */
    address(): string | undefined;
    /** Usable sessions. */
    links(): L[];
    /** Whether a usable session with `id` exists. */
    linked(id: string): boolean;
    /** Dials a discovered peer (not re-dialed after loss: discovery picks again). */
    dial(address: string): Promise<string>;
    /** A new peer was learned. */
    discovered(entry: PeerEntry): void;
    /** A peer sent bad input (logged and counted by the node). */
    bad(link: L, err: unknown): void;
    /** Ends a feeler's session with a goodbye, closing it after `graceMs` (no reconnect). */
    hangUp(link: L, graceMs: number): void;
}
/** What discovery needs of a link (a session's `PeerLink` is one). */
export interface GossipLink {
    /** Peer node id (authenticated by the session). */
    readonly id: string;
    /** Peer network mode. */
    readonly mode: NetworkMode;
    /** True if this node dialed the session (the peer's address is proven reachable). */
    readonly dialed: boolean;
    /** True once the session is being retired. */
    readonly retiring: boolean;
    /** `performance.now()` of the last frame either way. */
    readonly lastActivity: number;
    /** Our requests still waiting for the peer's response. */
    readonly pendingRequests: number;
    /** Largest datagram the session carries (0: none). */
    readonly maxDatagramSize: number;
    /** Sends `msg` as one datagram if it fits; false otherwise. */
    datagram(msg: WireMessage): boolean;
    /** Sends on the stream without counting as activity. */
    sendPassive(msg: WireMessage): Promise<void>;
    /** Runs a signature check within the peer's crypto budget; undefined: shed. */
    cryptoBounded(check: () => Promise<boolean>): Promise<boolean> | undefined;
}
/**
 * The discovery engine of one node.
 *
 * @example
 * ```ts ignore
 * // Not run: needs a DiscoveryHost (the node); tests/protocols/discovery/ drives one.
 * const discovery = new Discovery(host);
 * discovery.connected(link);                 // on every new session
 * discovery.handle(link, msg);               // discover / discovery-response
 * for (const e of discovery.table.entries()) console.log(e.id, e.address);
 * discovery.stop();
 * ```
 */
export declare class Discovery<L extends GossipLink = GossipLink> {
    #private;
    /** Known peers (verified records). */
    readonly table: PeerTable;
    constructor(host: DiscoveryHost<L>);
    /** A new session: exchange own records and ask for the peer's view. */
    connected(link: L): Promise<void>;
    /**
     * A session ended. One closed for idleness is not redialed to keep the
     * degree (that would undo `idleTimeoutMs`); the peer stays known.
     */
    disconnected(id: string, idle: boolean): void;
    /** Handles `discover` and `discovery-response` from `link` (datagram or stream). */
    handle(link: L, msg: Discover | DiscoveryResponse): void;
    /** The address `id` can be dialed at, from its record (undefined: unknown, or not dialable). */
    dialAddress(id: string): string | undefined;
    /** The servers `id` said it is attached to (empty when it can be dialed, or is unknown). */
    viaOf(id: string): readonly string[];
    /** Re-signs this node's record now (its address or pins changed). */
    refresh(): void;
    /** Stops the rounds. */
    stop(): void;
    /**
     * Asks up to three server peers for `id`'s record (a leaf holds only the
     * records of nodes it can dial) and resolves once it is held, or after
     * `timeoutMs` (false). For a client-mode node, the records of the servers it
     * names are looked up too when unknown (peers pass on only the records they
     * vouch for, so a server two hops away is not gossiped to a leaf), so that
     * the sender can dial one of them.
     */
    lookup(id: string, timeoutMs?: number): Promise<boolean>;
}
export {};
