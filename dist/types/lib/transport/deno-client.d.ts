import type { DialOptions, TransportSession } from "./types.js";
/** QUIC settings of the `deno` adapter (both sides). */
export interface QuicTuning {
    /** Peer-opened bidirectional streams allowed at once. Default 1024. */
    maxIncomingBidirectionalStreams?: number;
    /** Peer-opened unidirectional streams allowed at once. Default 1024. */
    maxIncomingUnidirectionalStreams?: number;
    /** Idle time before the connection is declared dead (ms). Default 10000. */
    idleTimeoutMs?: number;
    /** Keep-alive period (ms). Default: a third of the idle timeout. */
    keepAliveIntervalMs?: number;
    /** quinn congestion controller choice. Default `"default"` (quinn's Cubic). */
    congestionControl?: "default" | "throughput" | "low-latency";
}
/** Defaults shared by client and server. */
export declare const QUIC_DEFAULTS: {
    readonly maxIncomingBidirectionalStreams: 1024;
    readonly maxIncomingUnidirectionalStreams: 1024;
    readonly idleTimeoutMs: 10000;
};
/**
 * `QuicTransportOptions` for a tuning.
 *
 * @example
 * ```ts
 * import { quicTransportOptions } from "./deno-client.js";
 * console.assert(quicTransportOptions({ idleTimeoutMs: 3000 }).keepAliveInterval === 1000);
 * ```
 */
export declare function quicTransportOptions(tuning?: QuicTuning): Deno.QuicTransportOptions;
/** Options for {@linkcode dialH3}. */
export interface H3DialOptions extends DialOptions, QuicTuning {
}
/**
 * Opens a WebTransport session to `https://host:port/path` over HTTP/3.
 * Rejects with `TimeoutError`, `AbortedError`, `PinMismatchError` (no pin
 * matched the server certificate) or `ConnectError`.
 *
 * @example
 * ```ts
 * import { dialH3 } from "./deno-client.js";
 * import { listenH3 } from "./deno-server.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await listenH3({ certificate });
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const session = await dialH3(url, { certificateHashes: [certificate.pin] });
 * session.close({ closeCode: 0, reason: "done" });
 * // A certificate the dialer did not pin is refused.
 * const other = await generateCertificate();
 * const refused = await dialH3(url, { certificateHashes: [other.pin] }).catch((e) => e);
 * console.assert(refused.code === "PIN_MISMATCH", refused);
 * await listener.close();
 * ```
 */
export declare function dialH3(address: string, options?: H3DialOptions): Promise<TransportSession>;
