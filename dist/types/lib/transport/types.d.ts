/**
 * The one transport interface every adapter implements (`deno` HTTP/3, `fails`
 * HTTP/2 + WebSocket, `browser`, `memory`). It mirrors the WebTransport API so
 * adapters over a real WebTransport object add no copies.
 *
 * Error contract (all adapters): `dial` rejects with `TimeoutError` (timeout),
 * `AbortedError` (signal), `PinMismatchError` (where the runtime can tell a pin
 * failure apart) or `ConnectError` (anything else). Reads and writes on a
 * session that is gone reject (never hang). `closed` resolves with the close
 * info on a clean close and with `{ closeCode: 0, reason, error }` when the
 * peer vanished; it never rejects.
 *
 * Stream semantics (all adapters): `writer.close()` delivers end-of-stream
 * (FIN) after the data; callers read with default readers (BYOB is not
 * offered by every adapter); a datagram larger than `maxDatagramSize` is
 * dropped, as in WebTransport. Options an adapter's runtime can not honour
 * (e.g. `congestionControl` on TCP) are ignored, documented per adapter.
 *
 * Certificates (all adapters): a dialed session whose adapter can see the
 * certificate the peer presented says so in `peerCertificateHash` (`fails`:
 * the TLS peer certificate; `memory`: the simulated one); where the runtime
 * hides it (`deno` HTTP/3, `browser`) it is absent, and the runtime itself
 * enforces `certificateHashes`, so the certificate is one of the dial pins
 * (except a browser's `ws`, which can not pin at all). An accepted session
 * says in `localCertificateHash` which of the listener's certificates it was
 * served (the current one, or the one served before a rotation). The
 * handshake (`lib/node/handshake.ts`) binds its signatures to these, so a
 * relay presenting another certificate is refused by both sides.
 *
 * URL forms (see `mod.ts`): `https://host:port/path` is WebTransport with the
 * runtime's preferred protocol (Deno: HTTP/3, Bun: HTTP/2); `DialOptions.protocol`
 * or the schemes `h3://`, `h2://`, `wss://` choose explicitly. Adapters
 * always receive the `https://` form plus `protocol`. Memory: `memory://name/path`.
 *
 * @module
 */
/** The wire protocol a session runs on. */
export type Protocol = "h3" | "h2" | "ws" | "memory";
/** A bidirectional stream. */
export interface BidirectionalStream {
    /** Bytes from the peer. */
    readonly readable: ReadableStream<Uint8Array>;
    /** Bytes to the peer. */
    readonly writable: WritableStream<Uint8Array>;
}
/** How a session ended. */
export interface SessionCloseInfo {
    /** Application close code (0 when the peer vanished without one). */
    closeCode: number;
    /** Application close reason. */
    reason: string;
    /** Set when the session ended abnormally (peer vanished, transport error). */
    error?: Error;
}
/** Datagram half of a session. */
export interface SessionDatagrams {
    /** Datagrams from the peer. */
    readonly readable: ReadableStream<Uint8Array>;
    /** Datagrams to the peer. */
    readonly writable: WritableStream<Uint8Array>;
    /** Largest payload one datagram carries on this session. */
    readonly maxDatagramSize: number;
}
/** One WebTransport (or equivalent) session between two endpoints. */
export interface TransportSession {
    /** Protocol in use. */
    readonly protocol: Protocol;
    /** Remote endpoint as `host:port` (or a memory endpoint name). */
    readonly remoteAddress: string;
    /** Opens a bidirectional stream. */
    createBidirectionalStream(): Promise<BidirectionalStream>;
    /** Opens a unidirectional (send-only) stream. */
    createUnidirectionalStream(): Promise<WritableStream<Uint8Array>>;
    /** Streams the peer opened. */
    readonly incomingBidirectionalStreams: ReadableStream<BidirectionalStream>;
    /** Receive-only streams the peer opened. */
    readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
    /** Unreliable datagrams. */
    readonly datagrams: SessionDatagrams;
    /** Closes the session with an application code and reason. Idempotent. */
    close(info?: {
        closeCode?: number;
        reason?: string;
    }): void;
    /** Settles once when the session is over; never rejects. */
    readonly closed: Promise<SessionCloseInfo>;
    /**
     * Dialed sessions: SHA-256 of the certificate the peer actually presented
     * in this session's TLS handshake (what a pin is compared with). Absent
     * where the adapter can not see it; there the runtime enforces the dial's
     * `certificateHashes` itself (see the module notes).
     */
    readonly peerCertificateHash?: Uint8Array;
    /**
     * Accepted sessions: SHA-256 of the certificate this listener served on
     * this session (the one current when its TLS handshake ran; a rotation
     * later does not change it). Absent where the adapter can not tell.
     */
    readonly localCertificateHash?: Uint8Array;
}
/** Key material a listener serves. */
export interface ListenerCertificate {
    /** The certificate chain, PEM. */
    certPem: string;
    /** The private key, PEM. */
    keyPem: string;
}
/** Options for {@linkcode Transport.listen}. */
export interface ListenOptions {
    /** Interface to bind. Default `"127.0.0.1"`. */
    hostname?: string;
    /** Port; 0 picks a free one. Default 0. */
    port?: number;
    /** TLS certificate and key. */
    certificate: ListenerCertificate;
    /** URL path sessions are accepted on. Default `"/geomesh"`. */
    path?: string;
    /** Most sessions open at once; further ones are refused. Default 1024. */
    maxSessions?: number;
    /**
     * DoS protection. Deno: while over the admission limit, connections from
     * unvalidated addresses are refused. fails: per-address connection rate limit.
     */
    retryToken?: boolean;
    /** Closes the listener when aborted. */
    signal?: AbortSignal;
    /**
     * A session silent this long is declared dead (ms). QUIC (h3) advertises it
     * as max_idle_timeout, so it also bounds how fast a vanished peer is noticed.
     */
    idleTimeoutMs?: number;
    /** Congestion controller where the runtime offers a choice (Deno QUIC does). */
    congestionControl?: "default" | "throughput" | "low-latency";
    /**
     * A connection whose handshake has not finished this long after it
     * arrived is dropped and its admission slot freed (ms; adapter default
     * 10 s). Half-open handshakes (spoofed or replayed QUIC Initials) would
     * otherwise hold slots newcomers need.
     */
    handshakeTimeoutMs?: number;
}
/** A listening endpoint. */
export interface Listener {
    /** Bound host. */
    readonly hostname: string;
    /** Bound port (the same number on UDP and TCP for a dual-stack listener). */
    readonly port: number;
    /** Protocols this listener accepts. */
    readonly protocols: readonly Protocol[];
    /** Incoming sessions, ready to use. Ends when the listener closes. */
    readonly sessions: ReadableStream<TransportSession>;
    /** Stops accepting, closes open sessions, releases the port(s). */
    close(): Promise<void>;
    /**
     * Answers ordinary HTTPS requests (anything that is not a WebTransport
     * session) on the listener's TCP port with `handler`; `undefined` restores
     * the default refusal. Present only where the listener can (fails, dual).
     */
    setHttpHandler?(handler: ((request: Request) => Response | Promise<Response>) | undefined): void;
    /**
     * Serves `certificate` to new handshakes from now on (rotation); sessions
     * already open keep theirs. Present where the listener can (deno, fails, dual).
     */
    setCertificate?(certificate: ListenerCertificate): void;
}
/** Options for {@linkcode Transport.dial}. */
export interface DialOptions {
    /** SHA-256 pins of acceptable server certificates (any one must match). */
    certificateHashes?: Uint8Array[];
    /** Gives up with `TimeoutError` after this many ms. Default 5000. */
    timeoutMs?: number;
    /** Gives up with `AbortedError` when aborted. */
    signal?: AbortSignal;
    /**
     * Protocol to use where an adapter speaks several (fails: `h2` or `ws`).
     * Set by `mod.ts` from the URL scheme; adapters get an `https://` URL.
     */
    protocol?: Protocol;
    /** As {@linkcode ListenOptions.idleTimeoutMs}, for the dialling side. */
    idleTimeoutMs?: number;
    /** As {@linkcode ListenOptions.congestionControl}. */
    congestionControl?: "default" | "throughput" | "low-latency";
}
/** A transport adapter. */
export interface Transport {
    /** Adapter name: `deno`, `fails`, `browser`, `memory`, `dual` (for logs; callers never branch on it). */
    readonly name: string;
    /** Protocols `dial` speaks, in preference order (a node dials the first one an address offers). */
    readonly dials: readonly Protocol[];
    /**
     * Whether sessions run over TLS: listeners need a certificate and dialers
     * check pins. False for the in-memory transport, whose sessions are local
     * and carry no certificate (a node on it serves none).
     */
    readonly secure: boolean;
    /** Starts a listener. */
    listen(options: ListenOptions): Promise<Listener>;
    /** Opens a session to `url` (e.g. `https://127.0.0.1:4433/geomesh`). */
    dial(url: string, options?: DialOptions): Promise<TransportSession>;
}
