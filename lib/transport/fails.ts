/**
 * The `fails` transport: WebTransport over HTTP/2 (extended CONNECT, capsules)
 * and over WebSocket, on TCP, with the pure-JS part of
 * `@fails-components/webtransport` (patched at install, see `patches/`). Bun
 * nodes use it for everything; Deno uses it for the TCP half of a dual-stack
 * listener (same port number as its UDP HTTP/3 listener) and to dial Bun nodes.
 * The library's native HTTP/3 addon is never used.
 *
 * Only code that needs this adapter imports this file, lazily; the library
 * itself is imported on first `listen`/`dial`.
 *
 * - Listener: one TLS port serves WebTransport over HTTP/2 (`h2` sessions)
 *   and the library's WebSocket mapping (`ws` sessions, what its browser
 *   ponyfill speaks) over HTTP/1.1 upgrade or HTTP/2 extended CONNECT.
 * - Dialer: HTTP/2 only (the library's Node client has no WebSocket mode).
 * - `maxSessions`: further session requests get HTTP 503 (HTTP/2) or have
 *   their socket closed (WebSocket upgrade).
 * - `retryToken: true`: per-address connection rate limit, see
 *   `fails-admission.ts` (TCP already proves the address, which is what a
 *   QUIC Retry token is for); unknown paths get HTTP 404.
 * - Datagrams are capsules on the session's TCP stream: reliable and ordered
 *   on the wire, at most 16384 bytes (the library's limit), dropped only by
 *   the bounded queues of `fails-session.ts`.
 * - Pins: the client accepts a certificate whose SHA-256 matches one of
 *   `certificateHashes` (and, as browsers demand, valid for at most 14 days),
 *   whatever a CA says about it: the library checks the pin on every
 *   connection (patched: it used to skip the check for any CA-trusted
 *   certificate) and this adapter checks it again on the certificate it saw.
 *   A mismatch rejects with `PinMismatchError` and a warning. Without pins
 *   the runtime's CA trust decides.
 * - Certificates: a dialed session reports the certificate the server
 *   presented (`peerCertificateHash`), an accepted one the certificate this
 *   listener served on its TLS connection (`localCertificateHash`, unchanged
 *   by a later `setCertificate`).
 *
 * @module
 */
import { certificatePin, pemCertificatePin, pinToString, samePin } from "../cert/pin.ts";
import { AbortedError, ConnectError, PinMismatchError } from "../errors.ts";
import { createLogger, type Logger, silentLogger } from "../log.ts";
import { checkTimeout, guardDial } from "./dial-guard.ts";
import {
  AddressRateLimiter,
  joinHostPort,
  type RateLimitOptions,
  splitHostPort,
} from "./fails-admission.ts";
import { loadFails, warnIfUnpatched } from "./fails-load.ts";
import { probeFor, watchLiveness } from "./fails-liveness.ts";
import { FailsSession } from "./fails-session.ts";
import { releaseUnestablishedTls } from "./tls-release.ts";
import { attachHttpHandler, type FetchHandler } from "./http-bridge.ts";
import type { DialOptions, Listener, ListenOptions, Transport, TransportSession } from "./types.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

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

const DEFAULT_IDLE_MS = 10_000;

/** Where an unpatched library is reported when no logger was given: it breaks transfers. */
let stderrLogger: Logger | undefined;
const warnings = (logger: Logger | undefined) =>
  logger ?? (stderrLogger ??= createLogger({ name: "geomesh:fails", level: "warn" }));
const DEFAULT_STREAMS = 256;
const CLAIM_MS = 10_000;

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) {
    throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  }
  return v;
}

function sessionProtocol(core: Any): "h2" | "ws" {
  return core?.header?.[":protocol"] === "webtransport" ? "h2" : "ws";
}

/**
 * DER of the certificate the TLS connection under a session request was
 * served: `stream` is an HTTP/2 stream (`h2`, `ws` over HTTP/2) or the TLS
 * socket itself (`ws` over an HTTP/1.1 upgrade).
 */
function servedCertificate(stream: Any): Uint8Array | undefined {
  try {
    const socket = typeof stream?.getCertificate === "function" ? stream : stream?.session?.socket;
    const raw = socket?.getCertificate?.()?.raw;
    return raw instanceof Uint8Array && raw.length ? new Uint8Array(raw) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Listens for WebTransport over HTTP/2 and WebSocket on one TCP port.
 *
 * @example
 * ```ts
 * import { dialFails, listenFails } from "./fails.ts";
 * import { generateCertificate } from "../cert/generate.ts";
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
export async function listenFails(options: FailsListenOptions): Promise<Listener> {
  const hostname = options.hostname ?? "127.0.0.1";
  const port = options.port ?? 0;
  const path = options.path ?? "/geomesh";
  if (!options.certificate?.certPem || !options.certificate?.keyPem) {
    throw new TypeError("certificate { certPem, keyPem } is required");
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`bad port ${port}`);
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new TypeError(`path must start with "/"`);
  }
  const maxSessions = positiveInt("maxSessions", options.maxSessions, 1024);
  const maxStreams = positiveInt("maxStreams", options.maxStreams, DEFAULT_STREAMS);
  const datagramQueue = positiveInt("datagramQueue", options.datagramQueue, 1024);
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  const logger = options.logger ?? silentLogger;
  const limiter = options.retryToken ? new AddressRateLimiter(options.rateLimit) : undefined;
  if (options.signal?.aborted) {
    throw new AbortedError("listen aborted", { cause: options.signal.reason });
  }

  const lib = await loadFails();
  const server = new lib.Http2Server({
    port,
    host: hostname,
    secret: crypto.randomUUID(), // required by the constructor, unused on HTTP/2
    cert: options.certificate.certPem,
    privKey: options.certificate.keyPem,
    initialBidirectionalStreams: maxStreams,
    initialUnidirectionalStreams: maxStreams,
  });

  const open = new Set<FailsSession>();
  /** Admitted requests whose session has not shown up yet (bounded by CLAIM_MS). */
  const claims = new Map<object, ReturnType<typeof setTimeout>>();
  let closing = false;
  let peer: string | undefined;
  let certificate: Uint8Array | undefined;
  /** What new TLS connections are served; the fallback when a socket can not tell. */
  let currentPin = pemCertificatePin(options.certificate.certPem);
  currentPin.catch(() => {});

  // The request callback sees only headers; the peer address and the TLS
  // socket are in the event the server hands to onSessionRequest, which calls
  // the callback synchronously.
  const onSessionRequest = server.onSessionRequest.bind(server);
  server.onSessionRequest = (args: Any) => {
    peer = args?.peerAddress;
    certificate = servedCertificate(args?.session);
    try {
      onSessionRequest(args);
    } finally {
      peer = undefined;
      certificate = undefined;
    }
  };
  server.setRequestCallback(({ header }: { header: Record<string, string> }) => {
    const from = peer;
    let requested = "";
    try {
      requested = new URL(header[":path"] ?? "", "https://x").pathname;
    } catch { /* bad path: 404 */ }
    if (requested !== path) return Promise.resolve({ status: 404 });
    if (closing || open.size + claims.size >= maxSessions) {
      logger.info("fails: session refused, at capacity", { peer: from, open: open.size });
      return Promise.resolve({ status: 503 });
    }
    const claim = {};
    claims.set(claim, setTimeout(() => claims.delete(claim), CLAIM_MS));
    return Promise.resolve({ status: 200, path, userData: { claim, certificate } });
  });

  const libSessions = server.sessionStream(path, { noAutoPaths: true }).getReader();
  server.startServer();
  try {
    await server.ready;
  } catch (err) {
    try {
      server.stopServer();
    } catch { /* never started */ }
    throw err;
  }

  let httpHandler: FetchHandler | undefined;
  if (server.transportInt?.serverInt) {
    attachHttpHandler(server.transportInt.serverInt, () => httpHandler);
  }
  const sockets = new Set<Any>();
  const serverInt = server.transportInt?.serverInt;
  // A TCP connection that never completes TLS (a silent client, a slowloris) is dropped
  // after the handshake timeout; node's own default would hold it for 120 s.
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  const handshaking = new WeakMap<object, ReturnType<typeof setTimeout>>();
  serverInt?.on("secureConnection", (tls: Any) => {
    // Deno hands the raw socket to "connection" and wraps it (`_parent`); Bun hands the TLS one.
    const raw = tls._parent ?? tls;
    clearTimeout(handshaking.get(raw));
    handshaking.delete(raw);
  });
  serverInt?.on("connection", (socket: Any) => {
    const host = splitHostPort(`${socket.remoteAddress}:${socket.remotePort}`).host;
    if (limiter && !limiter.take(host)) {
      logger.info("fails: connection refused, rate limit", { peer: host });
      socket.destroy();
      return;
    }
    handshaking.set(
      socket,
      setTimeout(() => {
        handshaking.delete(socket);
        logger.info("fails: TLS handshake timed out", { peer: host });
        socket.destroy();
      }, handshakeTimeoutMs),
    );
    socket.on("close", () => clearTimeout(handshaking.get(socket)));
    sockets.add(socket);
    // Without it a WebSocket session (raw TLS socket after the upgrade) waits
    // for the peer's delayed ACK on every small write: measured 44 ms per
    // request/response from Chromium to a Deno listener, 1 ms with it.
    socket.setNoDelay?.(true);
    socket.on("close", () => sockets.delete(socket));
  });

  let controller!: ReadableStreamDefaultController<TransportSession>;
  const sessions = new ReadableStream<TransportSession>({ start: (c) => void (controller = c) });

  (async () => {
    for (;;) {
      const { value: core, done } = await libSessions.read();
      if (done) break;
      const claim = core.userData?.claim;
      if (claims.has(claim)) {
        clearTimeout(claims.get(claim));
        claims.delete(claim);
      }
      core.closed.catch(() => {});
      core.ready.catch(() => {});
      const served: Uint8Array | undefined = core.userData?.certificate;
      const localCertificateHash = await (served ? certificatePin(served) : currentPin)
        .catch(() => undefined);
      if (closing) {
        core.close({ closeCode: 0, reason: "listener closed" });
        continue;
      }
      warnIfUnpatched(core, warnings(options.logger));
      const probe = probeFor(core);
      const stopWatching = probe ? watchLiveness(probe, idleTimeoutMs) : () => {};
      const session = new FailsSession({
        core,
        localCertificateHash,
        protocol: sessionProtocol(core),
        remoteAddress: (({ host, port }) => joinHostPort(host, port))(
          splitHostPort(core.peerAddress),
        ),
        datagramQueue,
        onClosed: () => {
          stopWatching();
          open.delete(session);
        },
      });
      open.add(session);
      controller.enqueue(session);
    }
  })().catch((err) => logger.error("fails: accept loop failed", { error: err }));

  const address = server.address();
  let closed: Promise<void> | undefined;
  const close = () =>
    closed ??= (async () => {
      closing = true;
      for (const s of open) s.close({ closeCode: 0, reason: "listener closed" });
      try {
        server.stopServer();
      } catch { /* already stopped */ }
      try {
        controller.close();
      } catch { /* already closed */ }
      for (const timer of claims.values()) clearTimeout(timer);
      claims.clear();
      // Let close capsules flush, then drop whatever is still connected.
      await new Promise((r) => setTimeout(r, 50));
      for (const socket of sockets) socket.destroy();
      // Bounded, and the bound's timer cleared: a pending timer would keep the process alive.
      let bound: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([server.closed, new Promise((r) => bound = setTimeout(r, 2000))]);
      clearTimeout(bound);
    })();
  options.signal?.addEventListener("abort", () => void close(), { once: true });

  return {
    hostname: address?.host ?? hostname,
    port: address?.port ?? port,
    protocols: ["h2", "ws"],
    sessions,
    close,
    setCertificate(certificate) {
      // node:http2's secure server takes a new TLS context for new connections.
      serverInt?.setSecureContext?.({ cert: certificate.certPem, key: certificate.keyPem });
      currentPin = pemCertificatePin(certificate.certPem);
      currentPin.catch(() => {});
    },
    setHttpHandler(handler) {
      httpHandler = handler;
    },
  };
}

/** SHA-256 fingerprint `AB:CD:...` as bytes. */
function fingerprintBytes(fp: string): Uint8Array {
  return Uint8Array.from(fp.split(":"), (h) => parseInt(h, 16));
}

/** Closes a session that is ready but refused, and its TCP connection. */
function abandonSession(wt: Any): void {
  try {
    wt.close({ closeCode: 0, reason: "certificate refused" });
  } catch { /* gone */ }
  abandon(wt);
}

/** Undoes a dial attempt: closes its TCP connection and settles the library's waits. */
function abandon(wt: Any): void {
  const client = wt?.sessionint?.parentobj;
  try {
    client?.transportInt?.clientInt?.destroy();
  } catch { /* gone */ }
  try {
    if (client?.quicconnectedProm) client.onClientConnected({ success: false });
  } catch { /* already settled */ }
  try {
    if (client?.webtransportProm) {
      client.webtransport?.catch?.(() => {}); // nobody may be waiting on it yet
      client.webtransportProm.reject(new Error("dial abandoned"));
      delete client.webtransportProm;
    }
  } catch { /* already settled */ }
}

/**
 * Opens a session over HTTP/2 to `url` (`https://host:port/path`).
 *
 * @example
 * ```ts
 * import { dialFails, listenFails } from "./fails.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * import { samePin } from "../cert/pin.ts";
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
export function dialFails(url: string, options: FailsDialOptions = {}): Promise<TransportSession> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new TypeError(`not a URL: ${url}`));
  }
  if (target.protocol !== "https:") {
    return Promise.reject(new TypeError(`need an https: URL, got ${url}`));
  }
  const hashes = options.certificateHashes ?? [];
  if (!Array.isArray(hashes) || hashes.some((h) => !(h instanceof Uint8Array) || h.length !== 32)) {
    return Promise.reject(new TypeError("certificateHashes must be 32-byte Uint8Arrays"));
  }
  let timeoutMs: number;
  let maxStreams: number;
  let datagramQueue: number;
  try {
    timeoutMs = checkTimeout(options.timeoutMs);
    maxStreams = positiveInt("maxStreams", options.maxStreams, DEFAULT_STREAMS);
    datagramQueue = positiveInt("datagramQueue", options.datagramQueue, 1024);
  } catch (err) {
    return Promise.reject(err);
  }
  const remoteAddress = joinHostPort(
    target.hostname.replace(/^\[(.*)\]$/, "$1"),
    Number(target.port || 443),
  );
  // The library's own timers must not outlive ours (they keep the process alive).
  const libTimeout = Math.min(timeoutMs, 2 ** 31 - 1);
  let wt: Any;
  let abandoned = false;
  let pinMatched: boolean | undefined;
  /** DER of the certificate the server presented, from the TLS socket. */
  let presented: Uint8Array | undefined;
  let refusedStatus: unknown;
  const refusePin = (seen: Uint8Array | undefined, cause?: unknown) => {
    warnings(options.logger).warn("fails: certificate matches none of the pins, refused", {
      peer: remoteAddress,
      presented: seen ? pinToString(seen) : undefined,
    });
    return new PinMismatchError(`${remoteAddress}: certificate matches none of the pins`, {
      cause,
    });
  };

  const attempt = (async () => {
    const lib = await loadFails();
    if (abandoned) throw new ConnectError("dial abandoned");
    wt = new lib.WebTransport(url, {
      forceReliable: true,
      serverCertificateHashes: hashes.length
        ? hashes.map((value) => ({ algorithm: "sha-256", value }))
        : undefined,
      quicConnectTimeout: libTimeout,
      webTransportConnectTimeout: libTimeout,
      initialBidirectionalSendStreams: maxStreams,
      initialUnidirectionalSendStreams: maxStreams,
    });
    wt.closed.catch(() => {});
    wt.ready.catch(() => {});
    const core = wt.sessionint;
    // Keep the certificate the server presented, and tell a pin mismatch
    // apart (the library only reports "handshake failed"). Ahead of the
    // library's own listener, which destroys the socket on a mismatch.
    // Deno keeps a failed dial reachable forever otherwise (see tls-release.ts).
    releaseUnestablishedTls(core?.parentobj?.transportInt?.clientInt);
    const socket = core?.parentobj?.transportInt?.clientInt?.socket;
    socket?.prependOnceListener?.("secureConnect", () => {
      try {
        const cert = socket.getPeerCertificate?.(true);
        if (cert?.raw instanceof Uint8Array && cert.raw.length) {
          presented = new Uint8Array(cert.raw);
        }
        const fp = cert?.fingerprint256;
        if (fp && hashes.length) {
          pinMatched = hashes.some((h) => samePin(h, fingerprintBytes(fp)));
        }
      } catch { /* no certificate to look at */ }
    });
    // ...and a refusal by status (404 unknown path, 503 at capacity).
    const onClose = core.onClose.bind(core);
    core.onClose = (args: Any) => {
      if (core.state === "connecting") refusedStatus = args?.errorcode;
      onClose(args);
    };
    try {
      await wt.ready;
    } catch (err) {
      if (pinMatched === false) {
        throw refusePin(presented && await certificatePin(presented), err);
      }
      const why = refusedStatus ? `refused with HTTP ${refusedStatus}` : "handshake failed";
      throw new ConnectError(`dial ${url}: ${why}`, { cause: err });
    }
    // The pin, checked here on the certificate actually presented, whatever
    // the library decided (its check once let every CA-trusted certificate
    // through) and whatever CA vouches for it.
    const peerCertificateHash = presented && await certificatePin(presented);
    if (hashes.length && !hashes.some((h) => samePin(h, peerCertificateHash))) {
      abandonSession(wt);
      if (!peerCertificateHash) {
        throw new ConnectError(`${remoteAddress}: the server certificate could not be checked`);
      }
      throw refusePin(peerCertificateHash);
    }
    warnIfUnpatched(core, warnings(options.logger));
    const probe = probeFor(core);
    const stopWatching = probe
      ? watchLiveness(probe, options.idleTimeoutMs ?? DEFAULT_IDLE_MS)
      : () => {};
    return new FailsSession({
      core,
      protocol: "h2",
      remoteAddress,
      datagramQueue,
      peerCertificateHash,
      onClosed: stopWatching,
    });
  })();

  return guardDial(attempt, {
    timeoutMs,
    signal: options.signal,
    target: url,
    cancel: () => {
      abandoned = true;
      abandon(wt);
    },
  }, (session) => session.close({ closeCode: 0, reason: "dial abandoned" }));
}

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
 * import { failsTransport } from "./fails.ts";
 * import { generateCertificate } from "../cert/generate.ts";
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
export const failsTransport: FailsTransport = {
  name: "fails",
  dials: ["h2"],
  secure: true,
  listen: listenFails,
  dial: dialFails,
};
