/**
 * Dials a WebTransport-over-HTTP/3 session from Deno on a raw QUIC
 * connection (`Deno.connectQuic` with `serverCertificateHashes`), performing
 * the HTTP/3 SETTINGS exchange and extended CONNECT itself.
 *
 * Why not the global `WebTransport`: its streams send no FIN and hold their
 * QUIC stream until GC (denoland/deno#36822), its idle timeout (10 s) and
 * keep-alive (4 s) are fixed, its incoming stream limits are fixed at 100, and a
 * wrong certificate pin is reported only as a generic `WebTransportError`.
 * The raw connection fixes all four: FIN works, the limits and timers are
 * ours, and a pin failure names `invalid peer certificate`.
 *
 * @module
 */
import { ConnectError, PinMismatchError } from "../errors.ts";
import { checkTimeout, guardDial } from "./dial-guard.ts";
import { QuicSession } from "./deno-session.ts";
import { connectRequest, controlStreamPreamble, parseConnectResponse } from "./h3-wire.ts";
import type { DialOptions, TransportSession } from "./types.ts";

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
export const QUIC_DEFAULTS = {
  maxIncomingBidirectionalStreams: 1024,
  maxIncomingUnidirectionalStreams: 1024,
  idleTimeoutMs: 10_000,
} as const;

/**
 * `QuicTransportOptions` for a tuning.
 *
 * @example
 * ```ts
 * import { quicTransportOptions } from "./deno-client.ts";
 * console.assert(quicTransportOptions({ idleTimeoutMs: 3000 }).keepAliveInterval === 1000);
 * ```
 */
export function quicTransportOptions(tuning: QuicTuning = {}): Deno.QuicTransportOptions {
  const idle = tuning.idleTimeoutMs ?? QUIC_DEFAULTS.idleTimeoutMs;
  if (!(idle > 0)) throw new RangeError(`idleTimeoutMs must be positive, got ${idle}`);
  const keepAlive = tuning.keepAliveIntervalMs ?? Math.max(1, Math.floor(idle / 3));
  if (!(keepAlive > 0)) throw new RangeError(`keepAliveIntervalMs must be positive`);
  const bidi = tuning.maxIncomingBidirectionalStreams ??
    QUIC_DEFAULTS.maxIncomingBidirectionalStreams;
  const uni = tuning.maxIncomingUnidirectionalStreams ??
    QUIC_DEFAULTS.maxIncomingUnidirectionalStreams;
  for (const [name, v] of [["bidirectional", bidi], ["unidirectional", uni]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`max ${name} streams must be >= 1`);
  }
  return {
    maxIdleTimeout: idle,
    keepAliveInterval: keepAlive,
    maxConcurrentBidirectionalStreams: bidi,
    // +3 leaves room for the peer's HTTP/3 control and QPACK streams.
    maxConcurrentUnidirectionalStreams: uni + 3,
    congestionControl: tuning.congestionControl ?? "default",
  };
}

/** Options for {@linkcode dialH3}. */
export interface H3DialOptions extends DialOptions, QuicTuning {}

/** `Deno.connectQuic` also takes pins (as `WebTransport` does); its type omits them. */
type ConnectQuicWithPins = Deno.ConnectQuicOptions<false> & {
  serverCertificateHashes?: { algorithm: string; value: Uint8Array }[];
};

let shared: Deno.QuicEndpoint | undefined;

/**
 * The one client endpoint (UDP socket) all dials share, as a browser does.
 * Why shared: Deno (2.9) never releases a `QuicEndpoint`'s socket, not on
 * `close()` nor after GC (measured: one file descriptor lost per endpoint),
 * so an endpoint per dial would leak a socket per session.
 */
function clientEndpoint(): Deno.QuicEndpoint {
  if (shared) return shared;
  // "::" is dual-stack on Linux and reaches IPv4 peers too; fall back where IPv6 is off.
  try {
    shared = new Deno.QuicEndpoint({ hostname: "::", port: 0 });
  } catch {
    shared = new Deno.QuicEndpoint({ hostname: "0.0.0.0", port: 0 });
  }
  return shared;
}

async function readResponse(readable: ReadableStream<Uint8Array>): Promise<number> {
  const reader = readable.getReader();
  let buf = new Uint8Array(0);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new ConnectError("server closed the CONNECT stream without a response");
      const next = new Uint8Array(buf.length + value.length);
      next.set(buf);
      next.set(value, buf.length);
      buf = next;
      const status = parseConnectResponse(buf);
      if (status !== undefined) return status;
      if (buf.length > 16384) throw new ConnectError("CONNECT response too large");
    }
  } finally {
    reader.releaseLock();
  }
}

async function establish(
  url: URL,
  endpoint: Deno.QuicEndpoint,
  options: H3DialOptions,
): Promise<QuicSession> {
  const connectOptions: ConnectQuicWithPins = {
    endpoint,
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: Number(url.port) || 443,
    alpnProtocols: ["h3"],
    ...quicTransportOptions(options),
  };
  if (options.certificateHashes?.length) {
    connectOptions.serverCertificateHashes = options.certificateHashes.map((value) => ({
      algorithm: "sha-256",
      value,
    }));
  }
  let conn: Deno.QuicConn;
  try {
    conn = await Deno.connectQuic(connectOptions);
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    if (/invalid peer certificate/i.test(message)) {
      throw new PinMismatchError(`certificate of ${url.host} rejected: ${message}`, { cause: err });
    }
    throw new ConnectError(`QUIC connection to ${url.host} failed: ${message}`, { cause: err });
  }
  try {
    // The control stream must be the first unidirectional stream: the server
    // reads its first incoming uni stream as the peer's SETTINGS.
    const control = await conn.createUnidirectionalStream();
    const controlWriter = control.getWriter();
    await controlWriter.write(controlStreamPreamble());
    controlWriter.releaseLock();
    const connect = await conn.createBidirectionalStream();
    const writer = connect.writable.getWriter();
    await writer.write(connectRequest(url));
    writer.releaseLock();
    const status = await readResponse(connect.readable);
    if (status < 200 || status > 299) {
      throw new ConnectError(`server refused WebTransport session at ${url}: HTTP ${status}`);
    }
    return new QuicSession({
      conn,
      sessionId: connect.writable.id,
      // Hold the CONNECT and control streams for the life of the session.
      onClosed: () => void [control, connect],
    });
  } catch (err) {
    // If the server closed the connection (e.g. 404 for an unknown path), say why.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const closedBy = await Promise.race([
      conn.closed.then((i) => `server closed it (${i.closeCode} ${i.reason})`, () => ""),
      new Promise<string>((r) => timer = setTimeout(() => r(""), 100)),
    ]);
    clearTimeout(timer);
    try {
      conn.close({ closeCode: 0, reason: "handshake failed" });
    } catch { /* gone */ }
    if (err instanceof ConnectError) throw err;
    throw new ConnectError(
      `WebTransport handshake with ${url.host} failed: ${closedBy || (err as Error)?.message}`,
      { cause: err },
    );
  }
}

/**
 * Opens a WebTransport session to `https://host:port/path` over HTTP/3.
 * Rejects with `TimeoutError`, `AbortedError`, `PinMismatchError` (no pin
 * matched the server certificate) or `ConnectError`.
 *
 * @example
 * ```ts
 * import { dialH3 } from "./deno-client.ts";
 * import { listenH3 } from "./deno-server.ts";
 * import { generateCertificate } from "../cert/generate.ts";
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
export function dialH3(address: string, options: H3DialOptions = {}): Promise<TransportSession> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return Promise.reject(new TypeError(`not a URL: ${address}`));
  }
  if (url.protocol !== "https:") {
    return Promise.reject(new TypeError(`HTTP/3 needs an https: URL, got ${address}`));
  }
  if (typeof Deno?.QuicEndpoint !== "function") {
    return Promise.reject(new TypeError("Deno QUIC is unstable: run Deno with --unstable-net"));
  }
  let endpoint: Deno.QuicEndpoint;
  try {
    checkTimeout(options.timeoutMs); // argument errors before any socket
    quicTransportOptions(options);
    endpoint = clientEndpoint();
  } catch (err) {
    return Promise.reject(err);
  }
  // A given-up attempt can not be cancelled in Deno (closing the shared
  // endpoint would end every session): it runs out by itself (QUIC handshake
  // timeout = the idle timeout) and a late session is closed at once.
  return guardDial(establish(url, endpoint, options), {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    target: address,
    cancel: () => {},
  }, (late) => late.close({ closeCode: 0, reason: "dial cancelled" }));
}
