import type { Transport } from "./types.js";
/** Link properties (one-way). */
export interface LinkOptions {
    /** One-way latency in ms. */
    latencyMs?: number;
    /** Extra uniform random delay in [0, jitterMs). */
    jitterMs?: number;
    /** Probability that a datagram is lost, in [0, 1]. */
    loss?: number;
}
/** Options of {@linkcode createMemoryNetwork}. */
export interface MemoryNetworkOptions extends LinkOptions {
    /** PRNG seed. Default 1. */
    seed?: number;
    /** Largest datagram payload. Default 1200. */
    maxDatagramSize?: number;
    /** Per-stream window (bytes in flight plus unread). Default 1 MiB. */
    streamWindow?: number;
    /** How long peers take to notice a vanished endpoint (ms). Default 0. */
    vanishDetectMs?: number;
}
/**
 * An in-memory network. Get a transport per simulated node with
 * {@linkcode MemoryNetwork.transport}.
 *
 * @example
 * ```ts
 * import { createMemoryNetwork } from "./memory.js";
 * const net = createMemoryNetwork({ seed: 7 });
 * const bob = net.transport("bob");
 * const listener = await bob.listen({ certificate: { certPem: "", keyPem: "" } });
 * const session = await net.transport("alice").dial("memory://bob/geomesh");
 * console.assert(session.remoteAddress === "bob");
 * session.close();
 * await listener.close();
 * ```
 */
export declare class MemoryNetwork {
    #private;
    /** Counters for simulations. */
    readonly stats: {
        sessions: number;
        datagramsSent: number;
        datagramsLost: number;
        held: number;
    };
    /** Creates a network; `options` set the default link and the seed of its randomness. */
    constructor(options?: MemoryNetworkOptions);
    /** Sets latency/jitter/loss between `a` and `b`, both directions. */
    link(a: string, b: string, options: LinkOptions): void;
    /** Cuts every pair across the two groups (both directions). */
    block(a: string | string[], b: string | string[]): void;
    /** Restores pairs cut by {@linkcode block}; without arguments, all of them. */
    heal(a?: string | string[], b?: string | string[]): void;
    /** Whether traffic from `a` to `b` is cut. */
    isBlocked(a: string, b: string): boolean;
    /** Kills `name` silently: its sessions die, its peers notice after `vanishDetectMs`. */
    vanish(name: string): void;
    /** A transport acting as endpoint `name` (a fresh anonymous name by default). */
    transport(name?: string): Transport;
}
/**
 * Creates an in-memory network.
 *
 * @example
 * ```ts
 * import { createMemoryNetwork } from "./memory.js";
 * const net = createMemoryNetwork({ seed: 1, latencyMs: 5, loss: 0.1 });
 * net.block("a", ["b", "c"]);
 * console.assert(net.isBlocked("b", "a"));
 * ```
 */
export declare function createMemoryNetwork(options?: MemoryNetworkOptions): MemoryNetwork;
