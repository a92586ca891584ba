/**
 * HTTP/3 WebTransport listener on `Deno.QuicEndpoint`, with admission control.
 *
 * What Deno (2.9) provides for admission, measured:
 * - `QuicIncoming` has `accept()`, `refuse()` (sends a CONNECTION_REFUSED close)
 *   and `ignore()` (sends nothing). There is no way to send a QUIC Retry, so
 *   addresses can not be validated on demand; `remoteAddressValidated` is true
 *   only for a client that presents a token, which Deno's, Chromium's and our
 *   clients never do on a first connection.
 * - Reading any property of a `QuicIncoming` (`remoteAddr`, `localIp`,
 *   `remoteAddressValidated`) consumes the handle: afterwards `accept()`,
 *   `refuse()` and `ignore()` throw `BadResource` and the connection is refused
 *   when the handle is dropped. So nothing about the peer can be inspected
 *   before deciding; the decision here uses only the load.
 *
 * Policy: while fewer than `maxSessions` sessions are open or handshaking,
 * every connection is accepted. At the limit, a connection is refused
 * (`retryToken: false`, the client fails fast) or ignored (`retryToken: true`:
 * an unvalidated, possibly spoofed address gets no packet at all, so the node
 * can not be used as a reflector and spends nothing on it; the client times out).
 * A handshake that does not finish within the handshake timeout is dropped.
 * With `retryToken: true` one source address may also open only so many
 * connections (`rateLimit`, as on the `fails` listener), checked once the
 * connection is accepted, the first moment its address can be read.
 *
 * @module
 */
import { pemCertificatePin } from "../cert/pin.ts";
import { QuicSession } from "./deno-session.ts";
import { QUIC_DEFAULTS, quicTransportOptions, type QuicTuning } from "./deno-client.ts";
import type { Listener, ListenOptions, TransportSession } from "./types.ts";
import { AddressRateLimiter, type RateLimitOptions } from "./fails-admission.ts";

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

/** Deno's WebTransport wrappers of open connections (see `admit`). */
const wrappers = new Set<WebTransport>();

/** Close code sent to a session that asked for an unknown path (HTTP 404 style). */
export const CLOSE_UNKNOWN_PATH = 404;

/**
 * Listens for WebTransport sessions over HTTP/3 (UDP).
 *
 * @example
 * ```ts
 * import { listenH3 } from "./deno-server.ts";
 * import { dialH3 } from "./deno-client.ts";
 * import { generateCertificate } from "../cert/generate.ts";
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
export function listenH3(options: H3ListenOptions): Promise<Listener> {
  const hostname = options.hostname ?? "127.0.0.1";
  const path = options.path ?? "/geomesh";
  const maxSessions = options.maxSessions ?? 1024;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  const datagramQueue = options.datagramQueue ?? 1024;
  if (typeof Deno?.QuicEndpoint !== "function") {
    return Promise.reject(new TypeError("Deno QUIC is unstable: run Deno with --unstable-net"));
  }
  if (!options.certificate?.certPem || !options.certificate?.keyPem) {
    return Promise.reject(new TypeError("certificate { certPem, keyPem } is required"));
  }
  if (!Number.isInteger(maxSessions) || maxSessions < 1) {
    return Promise.reject(new RangeError(`maxSessions must be an integer >= 1`));
  }
  if (!path.startsWith("/")) return Promise.reject(new TypeError(`path must start with "/"`));
  // The certificate new connections are served, recorded per session (see
  // `localCertificateHash`). Deno does not say which certificate a QUIC
  // connection got, and after a rotation an incoming connection may reach the
  // old listener's accept loop (the endpoint has one queue, measured), so this
  // is the certificate current when the connection came in: at the instant of
  // a rotation it may be the other one of the pair, still this node's own.
  const served = (certPem: string) => {
    const pin = pemCertificatePin(certPem);
    pin.catch(() => {}); // a PEM Deno accepted but that holds no certificate: no hash
    return pin;
  };
  let currentPin = served(options.certificate.certPem);
  let transportOptions: Deno.QuicTransportOptions;
  let endpoint: Deno.QuicEndpoint;
  let quic: Deno.QuicListener;
  try {
    transportOptions = quicTransportOptions({
      ...options,
      idleTimeoutMs: options.idleTimeoutMs ?? QUIC_DEFAULTS.idleTimeoutMs,
    });
    endpoint = new Deno.QuicEndpoint({ hostname, port: options.port ?? 0 });
    quic = endpoint.listen({
      cert: options.certificate.certPem,
      key: options.certificate.keyPem,
      alpnProtocols: ["h3"],
      ...transportOptions,
    });
  } catch (err) {
    return Promise.reject(err);
  }
  // The address can be read only once the connection is accepted (see above): the QUIC
  // handshake is spent by then, but the session and the node's hello are not.
  const limiter = options.retryToken ? new AddressRateLimiter(options.rateLimit) : undefined;
  const open = new Set<QuicSession>();
  let admitted = 0; // handshaking + open
  let closing = false;
  let controller!: ReadableStreamDefaultController<TransportSession>;
  const sessions = new ReadableStream<TransportSession>({
    start(c) {
      controller = c;
    },
  });

  async function admit(incoming: Deno.QuicIncoming, pin: Promise<Uint8Array>): Promise<void> {
    let conn: Deno.QuicConn | undefined;
    let done = false;
    let released = false;
    // Gives the admission slot back, once: on failure, on close, or when the handshake
    // timed out while `accept()` was still pending (a half-open handshake: spoofed or
    // replayed Initials never complete, and must not hold slots that newcomers need).
    const release = () => {
      if (!released) {
        released = true;
        admitted--;
      }
    };
    const timer = setTimeout(() => {
      if (done) return;
      release();
      try {
        conn?.close({ closeCode: 0, reason: "handshake timeout" });
      } catch { /* gone */ }
    }, handshakeTimeoutMs);
    try {
      conn = await incoming.accept();
      if (released) {
        // Timed out while QUIC finished the handshake: too late, the slot is gone.
        conn.close({ closeCode: 0, reason: "handshake timeout" });
        return;
      }
      if (limiter && !limiter.take(conn.remoteAddr.hostname)) {
        done = true;
        release();
        conn.close({ closeCode: 0, reason: "rate limit" });
        return;
      }
      const wt = await Deno.upgradeWebTransport(conn);
      // Held until the connection ends: the wrapper owns the HTTP/3 control
      // streams, and once it is garbage-collected they are dropped, which
      // Chromium treats as fatal (H3_CLOSED_CRITICAL_STREAM; measured: any GC
      // in the server process killed every browser session, Deno clients survive).
      wrappers.add(wt);
      conn.closed.finally(() => wrappers.delete(wt)).catch(() => {});
      // The wrapper's own promises reject when the connection dies; nobody else awaits them.
      wt.closed.catch(() => {});
      if (released) throw new Error("handshake timeout");
      done = true;
      if (closing) throw new Error("listener closed");
      const requested = new URL(wt.url).pathname;
      if (requested !== path) {
        conn.close({ closeCode: CLOSE_UNKNOWN_PATH, reason: `unknown path ${requested}` });
        release();
        return;
      }
      const localCertificateHash = await pin.catch(() => undefined);
      const session = new QuicSession({
        conn,
        localCertificateHash,
        sessionId: 0n, // the CONNECT request is the client's first bidirectional stream
        // The wrapper already reads the connection's datagrams (from its
        // constructor on), so incoming ones are taken from it; outgoing ones
        // go raw, as the wrapper's writer never settles once the connection died.
        incomingDatagrams: wt.datagrams.readable,
        datagramQueue,
        onClosed: () => {
          open.delete(session);
          release();
        },
      });
      open.add(session);
      controller.enqueue(session);
    } catch {
      done = true;
      release();
      try {
        conn?.close({ closeCode: 0, reason: "handshake failed" });
      } catch { /* gone */ }
    } finally {
      clearTimeout(timer);
    }
  }

  const acceptLoop = async (q: Deno.QuicListener) => {
    for (;;) {
      let incoming: Deno.QuicIncoming;
      try {
        incoming = await q.incoming();
      } catch {
        break; // endpoint closed, or this listener was replaced by setCertificate
      }
      try {
        if (closing || admitted >= maxSessions) {
          if (options.retryToken) incoming.ignore();
          else incoming.refuse();
          continue;
        }
      } catch {
        continue;
      }
      admitted++;
      admit(incoming, currentPin);
    }
  };
  acceptLoop(quic);

  let closedPromise: Promise<void> | undefined;
  // Certificate rotation: a QUIC endpoint can stop one listener and start
  // another with the new certificate (measured in Deno 2.9); open sessions are
  // untouched, new handshakes get the new certificate.
  const setCertificate = (certificate: { certPem: string; keyPem: string }) => {
    if (closing) return;
    // The old listener must stop first: an endpoint has one accept queue, and
    // stopping a listener after its successor started stops the successor too
    // (measured). Clients retransmit their Initial, so the gap costs nothing.
    try {
      quic.stop();
    } catch { /* already stopped */ }
    quic = endpoint.listen({
      cert: certificate.certPem,
      key: certificate.keyPem,
      alpnProtocols: ["h3"],
      ...transportOptions,
    });
    currentPin = served(certificate.certPem);
    acceptLoop(quic);
  };
  const listener: Listener = {
    setCertificate,
    hostname,
    port: endpoint.addr.port,
    protocols: ["h3"],
    sessions,
    close() {
      closedPromise ??= (async () => {
        closing = true;
        options.signal?.removeEventListener("abort", onAbort);
        try {
          quic.stop();
        } catch { /* already stopped */ }
        for (const s of open) s.close({ closeCode: 0, reason: "listener closed" });
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          Promise.all([...open].map((s) => s.closed)),
          new Promise((r) => timer = setTimeout(r, 1000)),
        ]);
        clearTimeout(timer);
        // Let the CONNECTION_CLOSE frames leave before the socket goes away.
        await new Promise((r) => setTimeout(r, 20));
        endpoint.close();
        try {
          controller.close();
        } catch { /* already closed */ }
      })();
      return closedPromise;
    },
  };
  const onAbort = () => void listener.close();
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  return Promise.resolve(listener);
}
