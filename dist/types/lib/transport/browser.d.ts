import type { BidirectionalStream, DialOptions, Transport, TransportSession } from "./types.js";
type Any = any;
/** What native `WebTransport` and the ponyfill have in common (the part used here). */
interface WebTransportLike {
    readonly ready: Promise<unknown>;
    readonly closed: Promise<{
        closeCode?: number;
        reason?: string;
    }>;
    readonly incomingBidirectionalStreams: ReadableStream<BidirectionalStream>;
    readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
    readonly datagrams: {
        readonly readable: ReadableStream<Uint8Array>;
        readonly writable?: WritableStream<Uint8Array>;
        createWritable?(): WritableStream<Uint8Array>;
        readonly maxDatagramSize?: number;
    };
    createBidirectionalStream(): Promise<BidirectionalStream>;
    createUnidirectionalStream(): Promise<WritableStream<Uint8Array>>;
    close(info?: {
        closeCode?: number;
        reason?: string;
    }): void;
}
/** Constructor of a WebTransport-like object. */
export type WebTransportConstructor = new (url: string, options?: Any) => WebTransportLike;
/**
 * Wraps a ready WebTransport-like object (native or ponyfill) as a
 * {@linkcode TransportSession}.
 *
 * @example
 * ```ts
 * import { wrapWebTransport } from "./browser.js";
 * import { denoTransport } from "./deno.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await denoTransport.listen({ certificate });
 * const wt = new WebTransport(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   serverCertificateHashes: [{ algorithm: "sha-256", value: certificate.pin.slice() }],
 * });
 * await wt.ready;
 * const session = wrapWebTransport(wt, "h3", `127.0.0.1:${listener.port}`);
 * session.close({ closeCode: 1, reason: "bye" });
 * console.assert((await session.closed).reason === "bye");
 * await listener.close();
 * ```
 */
export declare function wrapWebTransport(wt: WebTransportLike, protocol: "h3" | "ws", remoteAddress: string): TransportSession;
/** Options of {@linkcode dialBrowser}. */
export interface BrowserDialOptions extends DialOptions {
    /** WebTransport constructor for `h3` (tests). Default: the global `WebTransport`. */
    WebTransport?: WebTransportConstructor;
    /** Constructor for `ws`. Default: the fails ponyfill. */
    Ponyfill?: WebTransportConstructor;
}
/**
 * Opens a session from a browser: `h3` (default) with native WebTransport,
 * `ws` with the WebSocket ponyfill.
 *
 * @example
 * ```ts
 * import { dialBrowser } from "./browser.js";
 * import { denoTransport } from "./deno.js";
 * import { generateCertificate } from "../cert/generate.js";
 * // Runs in Deno too, on its native WebTransport (a Deno listener stands in for a node).
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await denoTransport.listen({ certificate });
 * const url = `h3://127.0.0.1:${listener.port}/geomesh`;
 * const session = await dialBrowser(url, { certificateHashes: [certificate.pin] });
 * console.assert(session.protocol === "h3");
 * session.close();
 * // A wrong pin is a ConnectError: browsers do not say why a handshake failed.
 * const other = await generateCertificate();
 * const refused = await dialBrowser(url, { certificateHashes: [other.pin] }).catch((e) => e);
 * console.assert(refused.code === "CONNECT_FAILED", refused);
 * await listener.close();
 * ```
 */
export declare function dialBrowser(url: string, options?: BrowserDialOptions): Promise<TransportSession>;
/**
 * The browser transport (dial only).
 *
 * @example
 * ```ts
 * import { browserTransport } from "./browser.js";
 * import { denoTransport } from "./deno.js";
 * import { generateCertificate } from "../cert/generate.js";
 * // Deno has a native WebTransport too, so a Deno HTTP/3 listener stands in for a node.
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await denoTransport.listen({ certificate });
 * const session = await browserTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [certificate.pin],
 * });
 * console.assert(session.protocol === "h3");
 * session.close();
 * await listener.close();
 * ```
 */
export declare const browserTransport: Transport;
export {};
