import type { BidirectionalStream, Protocol, SessionCloseInfo, SessionDatagrams, TransportSession } from "./types.js";
type Any = any;
/** Options of {@linkcode FailsSession}. */
export interface FailsSessionInit {
    /** The library's `HttpWTSession` (client: `webTransport.sessionint`), ready. */
    core: Any;
    protocol: Protocol;
    remoteAddress: string;
    /** Incoming datagrams buffered before new ones are dropped. Default 1024. */
    datagramQueue?: number;
    /** Called once when the session is over (any way). */
    onClosed?: (info: SessionCloseInfo) => void;
    /** Dialed sessions: SHA-256 of the certificate the server presented. */
    peerCertificateHash?: Uint8Array;
    /** Accepted sessions: SHA-256 of the certificate this listener served. */
    localCertificateHash?: Uint8Array;
}
/**
 * One WebTransport session over HTTP/2 or WebSocket.
 *
 * @example
 * ```ts
 * import { FailsSession } from "./fails-session.js";
 * import { failsTransport } from "./fails.js";
 * import { generateCertificate } from "../cert/generate.js";
 * // Made by the fails adapter, dialing or accepting.
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await failsTransport.listen({ certificate });
 * const session = await failsTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [certificate.pin],
 * });
 * console.assert(session instanceof FailsSession);
 * const { value: accepted } = await listener.sessions.getReader().read();
 * const writer = (await session.createBidirectionalStream()).writable.getWriter();
 * await writer.write(new TextEncoder().encode("hi"));
 * const { value: incoming } = await accepted!.incomingBidirectionalStreams.getReader().read();
 * const { value } = await incoming!.readable.getReader().read();
 * console.assert(new TextDecoder().decode(value) === "hi");
 * session.close();
 * await listener.close();
 * ```
 */
export declare class FailsSession implements TransportSession {
    #private;
    readonly protocol: Protocol;
    readonly remoteAddress: string;
    readonly closed: Promise<SessionCloseInfo>;
    readonly datagrams: SessionDatagrams;
    readonly incomingBidirectionalStreams: ReadableStream<BidirectionalStream>;
    readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
    readonly peerCertificateHash?: Uint8Array;
    readonly localCertificateHash?: Uint8Array;
    constructor(init: FailsSessionInit);
    createBidirectionalStream(): Promise<BidirectionalStream>;
    createUnidirectionalStream(): Promise<WritableStream<Uint8Array>>;
    close(info?: {
        closeCode?: number;
        reason?: string;
    }): void;
}
export {};
