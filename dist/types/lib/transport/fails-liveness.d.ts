/**
 * Notices a peer that vanished without closing TCP (power loss, NAT timeout,
 * cable cut). TCP alone would wait for minutes; QUIC has an idle timeout, so
 * this gives the HTTP/2 and WebSocket paths one too.
 *
 * Every quarter of the timeout: if bytes arrived on the connection since the
 * last look, the peer is alive; otherwise a probe is sent (HTTP/2 PING, or a
 * WebSocket ping, which browsers answer). When nothing at all arrived for
 * `idleTimeoutMs`, the connection is destroyed, which ends its sessions with
 * an error. Time during which this process's own event loop was stalled is
 * not held against the peer.
 *
 * @module
 */
type Any = any;
/** What {@linkcode watchLiveness} needs from a connection. */
export interface LivenessProbe {
    /** Total bytes received so far, if the runtime tells. */
    bytesRead(): number | undefined;
    /** Asks the peer for an answer; calls `alive` when it comes. */
    ping(alive: () => void): void;
    /** Tears the connection down. */
    kill(reason: Error): void;
    /** Whether the connection is already gone. */
    gone(): boolean;
}
/**
 * Watches one connection; returns a function that stops watching.
 *
 * @example
 * ```ts
 * import { watchLiveness } from "./fails-liveness.js";
 * let killed = false;
 * const stop = watchLiveness({
 *   bytesRead: () => 0, ping() {}, kill: () => killed = true, gone: () => killed,
 * }, 40);
 * await new Promise((r) => setTimeout(r, 120));
 * stop();
 * console.assert(killed);
 * ```
 */
export declare function watchLiveness(probe: LivenessProbe, idleTimeoutMs: number): () => void;
/**
 * Builds the probe for a library session (`HttpWTSession`): the HTTP/2
 * connection under an HTTP/2 or WebSocket-over-HTTP/2 session, or the socket
 * under a WebSocket-over-HTTP/1.1 session. Undefined if neither is found.
 *
 * @example
 * ```ts
 * import { probeFor } from "./fails-liveness.js";
 * console.assert(probeFor({}) === undefined);
 * ```
 */
export declare function probeFor(core: Any): LivenessProbe | undefined;
export {};
