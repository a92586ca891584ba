import type { NodeIdentity } from "../identity/identity.js";
import { type Logger } from "../log.js";
import type { Listener, Transport } from "../transport/types.js";
import { type NodeAddress } from "../address/address.js";
import type { NetworkMode, ResolvedConfig } from "./config.js";
import { type Handler } from "../protocols/requests/handlers.js";
import { type NodeMetrics } from "../metrics.js";
import type { GeomeshNodeEventMap, GeomeshNodeListener } from "./events.js";
export type { Handler, HandlerContext } from "../protocols/requests/handlers.js";
export type * from "./events.js";
/** What `peers()` lists. */
export interface PeerInfo {
    /** The peer's node id. */
    id: string;
    /** Its dialable address, if known. */
    address?: string;
    /** Whether this node has a session with it. */
    connected: boolean;
    /** Round-trip time of the session in ms, when measured. */
    rttMs?: number;
    /** The relay it is reached through, when not direct. */
    via?: string;
    /** Protocol of the direct session (`h3`, `h2`, `ws`, `memory`). */
    protocol?: string;
    /** Its network mode, when known. */
    mode?: NetworkMode;
}
/** Options of `request()`. */
export interface RequestOptions {
    /** Give up with `TimeoutError` after this many ms. Default: `config.requestTimeoutMs`. */
    timeoutMs?: number;
    /** Give up with `AbortedError` when aborted. */
    signal?: AbortSignal;
}
/** Everything the node is built from (see `createNode`). */
export interface NodeParts {
    config: ResolvedConfig;
    identity: NodeIdentity;
    logger: Logger;
    transport: Transport;
    listener?: Listener;
    pins: Uint8Array[];
    pinStrings: string[];
    binding?: Uint8Array;
    onClose?: () => Promise<void> | void;
}
/** Typed event listeners of a node: known event names get their detail type. */
export interface GeomeshNode {
    /** Listens for event `type`; its detail type follows the name. */
    addEventListener<K extends keyof GeomeshNodeEventMap>(type: K, listener: GeomeshNodeListener<K> | null, options?: boolean | AddEventListenerOptions): void;
    /** Listens for any event `type` (EventTarget's signature). */
    addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
    /** Removes a listener added with `addEventListener`. */
    removeEventListener<K extends keyof GeomeshNodeEventMap>(type: K, listener: GeomeshNodeListener<K> | null, options?: boolean | EventListenerOptions): void;
    /** Removes a listener for any event `type`. */
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
/**
 * A mesh node. Create it with `createNode`.
 *
 * @example
 * ```ts
 * import { createNode } from "../runtime/create.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * const net = createMemoryNetwork();
 * const a = await createNode({ transport: net.transport(), logLevel: "error" });
 * const b = await createNode({ transport: net.transport(), logLevel: "error" });
 * const got = new Promise((resolve) => b.addEventListener("message", (e) => resolve(e.detail.payload)));
 * await a.send(await a.connect(b.address), "hello");
 * console.assert((await got) === "hello");
 * await a.close();
 * await b.close();
 * ```
 */
export declare class GeomeshNode extends EventTarget {
    #private;
    /** This node's id (base32 of its Ed25519 public key). */
    readonly id: string;
    /** Counters. */
    readonly metrics: NodeMetrics;
    /** @internal Use `createNode`. */
    constructor(parts: NodeParts);
    /**
     * Called by the certificate rotator: advertises the new pins and binding and,
     * where the listener supports it, serves the new certificate.
     * @internal
     */
    updateCertificates(pins: Uint8Array[], binding: Uint8Array, current: {
        certPem: string;
        keyPem: string;
    }): void;
    /** Network mode. */
    get mode(): NetworkMode;
    /** One pasteable string: where to reach this node, its id and certificate pins. */
    get address(): string;
    /** Parsed form of {@linkcode address}. */
    get addressInfo(): NodeAddress;
    /** Known peers: connected ones first. */
    peers(): PeerInfo[];
    /**
     * Dials `address` (unless already connected) and resolves with the peer's
     * node id once it is authenticated. Rejects with `ConnectError`,
     * `TimeoutError`, `PinMismatchError`, `AuthenticationError`, `AbortedError`
     * or, once the node is closed, `SessionClosedError`.
     */
    connect(address: string, options?: {
        signal?: AbortSignal;
    }): Promise<string>;
    /**
     * Sends `payload` to `target` (`nodeId` or `actor@nodeId`). Resolves once the
     * message is handed to the peer's stream (relayed: once the target
     * acknowledged it); for an actor, once the actor took it (unknown actors
     * reject with `UnknownActorError`).
     */
    send(target: string, payload: unknown): Promise<void>;
    /**
     * Sends a request to `target` (`nodeId` or `actor@nodeId`) and resolves with
     * the reply; relayed like `send` when there is no direct session. Rejects
     * with `TimeoutError`, `AbortedError`, `UnknownPeerError`,
     * `UnknownActorError`, `OverloadedError`, `MessageTooLargeError`,
     * `SessionClosedError` or `RemoteError` (the handler threw).
     */
    request(target: string, payload: unknown, options?: RequestOptions): Promise<unknown>;
    /** Sets the handler for requests addressed to the node itself (not to an actor). */
    handle(handler: Handler | undefined): void;
    /** Registers (or with `undefined`, removes) the actor `name`, reachable as `name@<this id>`. */
    actor(name: string, handler: Handler | undefined): void;
    /** Round-trip time to a connected peer over datagrams, in ms. */
    ping(peer: string, options?: {
        timeoutMs?: number;
    }): Promise<number>;
    /**
     * Sends `payload` to every node of the mesh once: origin-signed, along a
     * self-repairing broadcast tree (Plumtree, `plumtree.ts`). Best effort: a
     * peer whose queue is full gets an announcement instead and asks later.
     */
    broadcast(payload: unknown): Promise<void>;
    /**
     * Drains in-flight messages, says goodbye to every peer, closes sessions and
     * releases ports. Every call returns the same promise.
     */
    close(): Promise<void>;
    /** `await using node = await createNode(...)` closes it at scope end. */
    [Symbol.asyncDispose](): Promise<void>;
}
