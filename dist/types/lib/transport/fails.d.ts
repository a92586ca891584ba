import { type Logger } from "../log.js";
import { type RateLimitOptions } from "./fails-admission.js";
import type { DialOptions, Listener, ListenOptions, Transport, TransportSession } from "./types.js";
/** Options of {@linkcode listenFails}. */
export interface FailsListenOptions extends ListenOptions {
    /** Token bucket used when `retryToken` is true. Default burst 20, 10/s per address. */
    rateLimit?: RateLimitOptions;
    /** A connection silent this long (probes unanswered) is dropped (ms). Default 10000. */
    idleTimeoutMs?: number;
    /** Concurrent streams the peer may open per direction and kind. Default 256. */
    maxStreams?: number;
    /** Incoming datagrams buffered per session. Default 1024. */
    datagramQueue?: number;
    /** Where admission decisions go (default silent) and warnings (default stderr). */
    logger?: Logger;
}
/** Options of {@linkcode dialFails}. */
export interface FailsDialOptions extends DialOptions {
    /** A connection silent this long is dropped (ms). Default 10000. */
    idleTimeoutMs?: number;
    /** Concurrent streams the server may open per kind. Default 256. */
    maxStreams?: number;
    /** Incoming datagrams buffered. Default 1024. */
    datagramQueue?: number;
    /** Warnings (e.g. an unpatched library). Default stderr. */
    logger?: Logger;
}
/**
 * Listens for WebTransport over HTTP/2 and WebSocket on one TCP port.
 *
 * @example
 * ```ts
 * import { dialFails, listenFails } from "./fails.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await listenFails({ certificate, port: 0 });
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const dialed = await dialFails(url, { certificateHashes: [certificate.pin] });
 * const { value: accepted } = await listener.sessions.getReader().read();
 * accepted!.close({ closeCode: 7, reason: "hi" });
 * console.assert((await dialed.closed).reason === "hi");
 * await listener.close();
 * ```
 */
export declare function listenFails(options: FailsListenOptions): Promise<Listener>;
/**
 * Opens a session over HTTP/2 to `url` (`https://host:port/path`).
 *
 * @example
 * ```ts
 * import { dialFails, listenFails } from "./fails.js";
 * import { generateCertificate } from "../cert/generate.js";
 * import { samePin } from "../cert/pin.js";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await listenFails({ certificate });
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const session = await dialFails(url, { certificateHashes: [certificate.pin] });
 * console.assert(session.protocol === "h2");
 * console.assert(samePin(session.peerCertificateHash!, certificate.pin));
 * session.close();
 * await listener.close();
 * ```
 */
export declare function dialFails(url: string, options?: FailsDialOptions): Promise<TransportSession>;
/** The `fails` transport with adapter-specific options. */
export interface FailsTransport extends Transport {
    listen(options: FailsListenOptions): Promise<Listener>;
    dial(url: string, options?: FailsDialOptions): Promise<TransportSession>;
}
/**
 * WebTransport over HTTP/2 + WebSocket for Bun, Deno and Node.
 *
 * @example
 * ```ts
 * import { failsTransport } from "./fails.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await failsTransport.listen({ certificate: cert });
 * const session = await failsTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [cert.pin],
 * });
 * console.assert(session.protocol === "h2"); // this adapter dials HTTP/2 only
 * session.close();
 * await listener.close();
 * ```
 */
export declare const failsTransport: FailsTransport;
