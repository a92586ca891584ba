import type { BidirectionalStream, SessionCloseInfo, SessionDatagrams, TransportSession } from "./types.js";
/** What a session end needs from the network. */
export interface Wire {
    /** Ordered delivery from end `from` (0 or 1) to the other end. */
    ordered(from: 0 | 1, run: () => void): void;
    /** Unordered, lossy delivery of one datagram from end `from`. */
    datagram(from: 0 | 1, run: () => void): void;
    /** Largest datagram payload. */
    readonly maxDatagramSize: number;
    /** Stream window in bytes. */
    readonly window: number;
    /** Called once per end when it is over. */
    ended(end: MemorySession): void;
}
/**
 * One end of an in-memory session.
 *
 * @example
 * ```ts
 * import { MemorySession } from "./memory-session.js";
 * import { createMemoryNetwork } from "./memory.js";
 * // Made by the memory network, one per end.
 * const net = createMemoryNetwork();
 * const listener = await net.transport("b").listen({ certificate: { certPem: "", keyPem: "" } });
 * const session = await net.transport("a").dial("memory://b/geomesh");
 * console.assert(session instanceof MemorySession);
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
export declare class MemorySession implements TransportSession {
    #private;
    readonly protocol: "memory";
    readonly remoteAddress: string;
    readonly closed: Promise<SessionCloseInfo>;
    /** The other end (set by the network right after construction). */
    peer: MemorySession;
    /** Dialing end: the listener's (simulated) certificate this session was served. */
    readonly peerCertificateHash?: Uint8Array;
    /** Accepting end: the same certificate, seen from the listener. */
    readonly localCertificateHash?: Uint8Array;
    /**
     * `certificateHash`: SHA-256 of the certificate the listener served on this
     * session; the dialing end (side 0) reports it as the peer's, the accepting
     * end (side 1) as its own.
     */
    constructor(wire: Wire, side: 0 | 1, remoteAddress: string, certificateHash?: Uint8Array);
    get incomingBidirectionalStreams(): ReadableStream<BidirectionalStream>;
    get incomingUnidirectionalStreams(): ReadableStream<ReadableStream<Uint8Array>>;
    get datagrams(): SessionDatagrams;
    /** Opens a bidirectional stream. */
    createBidirectionalStream(): Promise<BidirectionalStream>;
    /** Opens a unidirectional stream. */
    createUnidirectionalStream(): Promise<WritableStream<Uint8Array>>;
    /** Closes both ends: this one now, the peer once the close arrives. */
    close(info?: {
        closeCode?: number;
        reason?: string;
    }): void;
    /** Ends this end with `info` (used by close, vanish and listener shutdown). */
    end(info: SessionCloseInfo): void;
    /** Whether this end is over. */
    get isClosed(): boolean;
}
