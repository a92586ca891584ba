import type { BidirectionalStream, SessionCloseInfo, SessionDatagrams, TransportSession } from "./types.js";
/** What {@linkcode QuicSession} needs besides the connection. */
export interface QuicSessionInit {
    /** The QUIC connection carrying exactly this session. */
    conn: Deno.QuicConn;
    /** Stream id of the CONNECT request (0 for every client we know). */
    sessionId: bigint;
    /**
     * Incoming datagrams (prefix stripped) when something else already reads the
     * connection's datagrams (Deno's server-side WebTransport wrapper does).
     * They are drained eagerly into a queue of `datagramQueue` entries.
     */
    incomingDatagrams?: ReadableStream<Uint8Array>;
    /** Queue length for `incomingDatagrams`. Default 1024. */
    datagramQueue?: number;
    /** Runs once after the session ended (release endpoint, admission slot). */
    onClosed?: (info: SessionCloseInfo) => void;
    /** Accepted sessions: SHA-256 of the certificate the listener served (see `types.ts`). */
    localCertificateHash?: Uint8Array;
}
/**
 * Formats a `Deno.NetAddr` as `host:port` (`[v6]:port` for IPv6).
 *
 * @example
 * ```ts
 * import { formatAddr } from "./deno-session.js";
 * console.assert(formatAddr({ transport: "udp", hostname: "::1", port: 1 }) === "[::1]:1");
 * ```
 */
export declare function formatAddr(addr: Deno.NetAddr): string;
/**
 * Cuts a close reason to the 1024 UTF-8 bytes WebTransport allows, on a
 * character boundary.
 *
 * @example
 * ```ts
 * import { truncateReason } from "./deno-session.js";
 * console.assert(truncateReason("x".repeat(2000)).length === 1024);
 * ```
 */
export declare function truncateReason(reason: string): string;
/**
 * Checks `close()` arguments the same way in every adapter.
 *
 * @example
 * ```ts
 * import { checkCloseInfo } from "./deno-session.js";
 * console.assert(checkCloseInfo({ closeCode: 7 }).reason === "");
 * ```
 */
export declare function checkCloseInfo(info: {
    closeCode?: number;
    reason?: string;
} | undefined): {
    closeCode: number;
    reason: string;
};
/**
 * One WebTransport session on a raw QUIC connection.
 *
 * @example
 * ```ts ignore
 * import { QuicSession } from "./deno-session.js";
 * const session = new QuicSession({ conn, sessionId: 0n });
 * const { writable } = await session.createBidirectionalStream();
 * ```
 */
export declare class QuicSession implements TransportSession {
    #private;
    readonly protocol: "h3";
    readonly remoteAddress: string;
    readonly datagrams: SessionDatagrams;
    readonly closed: Promise<SessionCloseInfo>;
    readonly incomingBidirectionalStreams: ReadableStream<BidirectionalStream>;
    readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
    /**
     * Accepted sessions only. A dialed session has no `peerCertificateHash`:
     * Deno's QUIC does not show the peer certificate, it enforces the pins itself.
     */
    readonly localCertificateHash?: Uint8Array;
    constructor(init: QuicSessionInit);
    /** Opens a bidirectional stream (waits for stream credit if the peer's limit is reached). */
    createBidirectionalStream(): Promise<BidirectionalStream>;
    /** Opens a unidirectional stream. */
    createUnidirectionalStream(): Promise<WritableStream<Uint8Array>>;
    /** Closes the QUIC connection with the code and reason (idempotent). */
    close(info?: {
        closeCode?: number;
        reason?: string;
    }): void;
}
