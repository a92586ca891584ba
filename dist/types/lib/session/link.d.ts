/**
 * One authenticated peer session: the message channel, pending requests and
 * datagram pings. The node owns the policy (pooling, routing, events); this
 * file owns the per-session mechanics.
 *
 * @module
 */
import { type WireMessage } from "../codec/messages.js";
import type { Protocol, TransportSession } from "../transport/types.js";
import type { NetworkMode } from "../codec/messages.js";
import type { MessageChannel } from "./channel.js";
import type { NodeMetrics } from "../metrics.js";
/**
 * Most signature operations running at once for frames from one peer; more
 * frames are dropped. A forged signature costs its sender nothing and the
 * receiver one verification (an unroutable frame, one signed refusal), so a
 * flood would otherwise queue crypto work without bound.
 */
export declare const MAX_VERIFYING = 256;
/** Protocol violations within 10 s after which a peer's session is cut (see `violated`). */
export declare const MAX_VIOLATIONS = 100;
/**
 * Datagrams read from one peer per second (burst twice that); more are dropped
 * undecoded. Far above what the protocol sends (heartbeats, gossip, lookups
 * answered at 50/s).
 */
export declare const DATAGRAMS_PER_SECOND = 4096;
/**
 * Broadcast frames taken from one peer per second (burst twice that); more
 * are dropped before their signature is checked. Each costs every node it
 * reaches a verification, so without a rate one peer's flood of validly
 * signed broadcasts takes the CPU of the whole mesh. A copy dropped here is
 * not marked seen: another peer's announcement (`ihave`) still fetches it.
 */
export declare const BROADCASTS_PER_SECOND = 500;
/** A goodbye frame's content. */
export interface Goodbye {
    code: number;
    reason: string;
}
/**
 * A live, authenticated session with one peer. Its state changes through
 * methods only: `touch`/`heard` (traffic), `retire` (called by the pool, the
 * one owner of a link's lifecycle) and `close`. Engines see it through
 * narrow interfaces of their own (`RouteLink`, `GossipLink`, ...).
 */
export declare class PeerLink {
    #private;
    readonly id: string;
    readonly mode: NetworkMode;
    readonly dialed: boolean;
    /** The transport session (for the pool and tests; engines use the methods). */
    readonly session: TransportSession;
    /** The framed message channel (for the pool and tests; engines use the methods). */
    readonly channel: MessageChannel;
    /** Address the peer advertised or we dialed. */
    address?: string;
    /** Last measured round-trip time. */
    rttMs?: number;
    constructor(init: {
        id: string;
        mode: NetworkMode;
        dialed: boolean;
        session: TransportSession;
        channel: MessageChannel;
        address?: string;
        metrics: NodeMetrics;
    });
    /** Protocol of the underlying session. */
    get protocol(): Protocol;
    /** `performance.now()` of the last frame either way (what idle closing looks at). */
    get lastActivity(): number;
    /** `performance.now()` of the last frame or datagram received from the peer. */
    get lastReceived(): number;
    /** True once retired (a goodbye was sent or received): no new messages go out on it. */
    get retiring(): boolean;
    /** True when the session ends on purpose (duplicate, idle, feeler, node closing): no reconnect. */
    get deliberate(): boolean;
    /** A frame came that counts as activity (keeps the session from idling out). */
    touch(): void;
    /** Something came that shows the peer alive but is not activity (gossip, datagrams). */
    heard(): void;
    /**
     * Stops new messages going out on this link, queues `goodbye` (after what
     * is already queued) when given, and marks the end deliberate (no
     * reconnect) unless `deliberate` is false. Resolves once the goodbye is
     * written. The pool calls it; nothing else changes a link's lifecycle.
     */
    retire(goodbye?: Goodbye, deliberate?: boolean): Promise<void>;
    /** Sends one message on the channel. */
    send(msg: WireMessage): Promise<void>;
    /** Sends without counting as activity: gossip must not keep an idle session open. */
    sendPassive(msg: WireMessage): Promise<void>;
    /** Sends an already encoded frame body (relays pass frames on without re-encoding). */
    sendEncoded(body: Uint8Array): Promise<void>;
    /** True while the channel's send queue is over its high-water mark. */
    get backlogged(): boolean;
    /** Bytes queued on the channel, not yet written. */
    get queuedBytes(): number;
    /** Largest datagram the session carries (0: none). */
    get maxDatagramSize(): number;
    /**
     * Runs `check` (a signature verification of one of this peer's frames, or
     * signing a reply to one) unless {@linkcode MAX_VERIFYING} are already
     * running; undefined means the frame is to be dropped.
     */
    cryptoBounded(check: () => Promise<boolean>): Promise<boolean> | undefined;
    /**
     * Whether a warning about this peer's input may be logged now: at most 10
     * per 10 s, so a peer sending garbage cannot flood the log (the rest go to
     * debug; the error counters count them all).
     */
    mayWarn(): boolean;
    /**
     * Counts one protocol violation of this peer (input that can never be
     * valid); true once more than {@linkcode MAX_VIOLATIONS} fell within 10 s.
     * No honest peer sends that, and each costs a decode and an error while
     * the peer pays nothing.
     */
    violated(): boolean;
    /** Spends one of this peer's broadcast budget; false: drop the frame unchecked. */
    takeBroadcast(): boolean;
    /** Requests of ours still waiting for a response. */
    get pendingRequests(): number;
    /**
     * Sends a request and resolves with the matching response message; rejects
     * with `TimeoutError`, `AbortedError` (signal) or the send's error. Every
     * exit removes the timer and the abort listener (a signal may be reused).
     */
    request(msg: Omit<Extract<WireMessage, {
        type: "request";
    }>, "id">, timeoutMs: number, signal?: AbortSignal): Promise<Extract<WireMessage, {
        type: "response";
    }>>;
    /** Routes a response to its pending request; false if nobody waits for it. */
    settle(msg: Extract<WireMessage, {
        type: "response";
    }>): boolean;
    /** Starts reading datagrams (ping/pong); other datagram types go to `onOther`. */
    startDatagrams(onOther: (msg: WireMessage) => void, onBad: (err: unknown) => void): void;
    /**
     * Sends `msg` as one datagram if it fits (best effort: it may be lost);
     * false when it is too large or the session has no datagrams.
     */
    datagram(msg: WireMessage): boolean;
    /**
     * Sends one keep-alive ping datagram, fire and forget: its pong (any
     * datagram, in fact) refreshes `lastReceived` and the RTT. Liveness sends
     * these while the peer is quiet.
     */
    heartbeat(): void;
    /** Round-trip time over datagrams, retried up to 3 times (datagrams may be lost). */
    ping(timeoutMs: number): Promise<number>;
    /** Fails everything pending with `err`. */
    failPending(err: Error): void;
    /** Closes the session (idempotent). */
    close(closeCode: number, reason: string): void;
}
