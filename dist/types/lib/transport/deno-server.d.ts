import { type QuicTuning } from "./deno-client.js";
import type { Listener, ListenOptions } from "./types.js";
import { type RateLimitOptions } from "./fails-admission.js";
/** Options of {@linkcode listenH3}. */
export interface H3ListenOptions extends ListenOptions, QuicTuning {
    /** A QUIC + WebTransport handshake taking longer is dropped (ms). Default 10000. */
    handshakeTimeoutMs?: number;
    /** Datagrams queued per session before the oldest are dropped. Default 1024. */
    datagramQueue?: number;
    /**
     * With `retryToken`: connections per source address (a token bucket, as on
     * the `fails` listener). Default burst 20, 10/s.
     */
    rateLimit?: RateLimitOptions;
}
/** Close code sent to a session that asked for an unknown path (HTTP 404 style). */
export declare const CLOSE_UNKNOWN_PATH = 404;
/**
 * Listens for WebTransport sessions over HTTP/3 (UDP).
 *
 * @example
 * ```ts
 * import { listenH3 } from "./deno-server.js";
 * import { dialH3 } from "./deno-client.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await listenH3({ certificate, port: 0 });
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const dialed = await dialH3(url, { certificateHashes: [certificate.pin] });
 * const { value: accepted } = await listener.sessions.getReader().read();
 * accepted!.close({ closeCode: 7, reason: "hi" });
 * console.assert((await dialed.closed).reason === "hi");
 * await listener.close();
 * ```
 */
export declare function listenH3(options: H3ListenOptions): Promise<Listener>;
