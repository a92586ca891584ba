import {
  AddressRateLimiter
} from "./chunk-DBJU2ICV.js";
import {
  QuicSession,
  connectRequest,
  controlStreamPreamble,
  parseConnectResponse,
  pemCertificatePin
} from "./chunk-SWZLZUJB.js";
import {
  ConnectError,
  PinMismatchError,
  checkTimeout,
  guardDial
} from "./chunk-L7ONBLAV.js";

// lib/transport/deno-client.ts
var QUIC_DEFAULTS = {
  maxIncomingBidirectionalStreams: 1024,
  maxIncomingUnidirectionalStreams: 1024,
  idleTimeoutMs: 1e4
};
function quicTransportOptions(tuning = {}) {
  const idle = tuning.idleTimeoutMs ?? QUIC_DEFAULTS.idleTimeoutMs;
  if (!(idle > 0)) throw new RangeError(`idleTimeoutMs must be positive, got ${idle}`);
  const keepAlive = tuning.keepAliveIntervalMs ?? Math.max(1, Math.floor(idle / 3));
  if (!(keepAlive > 0)) throw new RangeError(`keepAliveIntervalMs must be positive`);
  const bidi = tuning.maxIncomingBidirectionalStreams ?? QUIC_DEFAULTS.maxIncomingBidirectionalStreams;
  const uni = tuning.maxIncomingUnidirectionalStreams ?? QUIC_DEFAULTS.maxIncomingUnidirectionalStreams;
  for (const [name, v] of [["bidirectional", bidi], ["unidirectional", uni]]) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`max ${name} streams must be >= 1`);
  }
  return {
    maxIdleTimeout: idle,
    keepAliveInterval: keepAlive,
    maxConcurrentBidirectionalStreams: bidi,
    // +3 leaves room for the peer's HTTP/3 control and QPACK streams.
    maxConcurrentUnidirectionalStreams: uni + 3,
    congestionControl: tuning.congestionControl ?? "default"
  };
}
var shared;
function clientEndpoint() {
  if (shared) return shared;
  try {
    shared = new Deno.QuicEndpoint({ hostname: "::", port: 0 });
  } catch {
    shared = new Deno.QuicEndpoint({ hostname: "0.0.0.0", port: 0 });
  }
  return shared;
}
async function readResponse(readable) {
  const reader = readable.getReader();
  let buf = new Uint8Array(0);
  try {
    for (; ; ) {
      const { value, done } = await reader.read();
      if (done) throw new ConnectError("server closed the CONNECT stream without a response");
      const next = new Uint8Array(buf.length + value.length);
      next.set(buf);
      next.set(value, buf.length);
      buf = next;
      const status = parseConnectResponse(buf);
      if (status !== void 0) return status;
      if (buf.length > 16384) throw new ConnectError("CONNECT response too large");
    }
  } finally {
    reader.releaseLock();
  }
}
async function establish(url, endpoint, options) {
  const connectOptions = {
    endpoint,
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: Number(url.port) || 443,
    alpnProtocols: ["h3"],
    ...quicTransportOptions(options)
  };
  if (options.certificateHashes?.length) {
    connectOptions.serverCertificateHashes = options.certificateHashes.map((value) => ({
      algorithm: "sha-256",
      value
    }));
  }
  let conn;
  try {
    conn = await Deno.connectQuic(connectOptions);
  } catch (err) {
    const message = err?.message ?? String(err);
    if (/invalid peer certificate/i.test(message)) {
      throw new PinMismatchError(`certificate of ${url.host} rejected: ${message}`, { cause: err });
    }
    throw new ConnectError(`QUIC connection to ${url.host} failed: ${message}`, { cause: err });
  }
  try {
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
      onClosed: () => void [control, connect]
    });
  } catch (err) {
    let timer;
    const closedBy = await Promise.race([
      conn.closed.then((i) => `server closed it (${i.closeCode} ${i.reason})`, () => ""),
      new Promise((r) => timer = setTimeout(() => r(""), 100))
    ]);
    clearTimeout(timer);
    try {
      conn.close({ closeCode: 0, reason: "handshake failed" });
    } catch {
    }
    if (err instanceof ConnectError) throw err;
    throw new ConnectError(
      `WebTransport handshake with ${url.host} failed: ${closedBy || err?.message}`,
      { cause: err }
    );
  }
}
function dialH3(address, options = {}) {
  let url;
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
  let endpoint;
  try {
    checkTimeout(options.timeoutMs);
    quicTransportOptions(options);
    endpoint = clientEndpoint();
  } catch (err) {
    return Promise.reject(err);
  }
  return guardDial(establish(url, endpoint, options), {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    target: address,
    cancel: () => {
    }
  }, (late) => late.close({ closeCode: 0, reason: "dial cancelled" }));
}

// lib/transport/deno-server.ts
var wrappers = /* @__PURE__ */ new Set();
var CLOSE_UNKNOWN_PATH = 404;
function listenH3(options) {
  const hostname = options.hostname ?? "127.0.0.1";
  const path = options.path ?? "/geomesh";
  const maxSessions = options.maxSessions ?? 1024;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 1e4;
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
  const served = (certPem) => {
    const pin = pemCertificatePin(certPem);
    pin.catch(() => {
    });
    return pin;
  };
  let currentPin = served(options.certificate.certPem);
  let transportOptions;
  let endpoint;
  let quic;
  try {
    transportOptions = quicTransportOptions({
      ...options,
      idleTimeoutMs: options.idleTimeoutMs ?? QUIC_DEFAULTS.idleTimeoutMs
    });
    endpoint = new Deno.QuicEndpoint({ hostname, port: options.port ?? 0 });
    quic = endpoint.listen({
      cert: options.certificate.certPem,
      key: options.certificate.keyPem,
      alpnProtocols: ["h3"],
      ...transportOptions
    });
  } catch (err) {
    return Promise.reject(err);
  }
  const limiter = options.retryToken ? new AddressRateLimiter(options.rateLimit) : void 0;
  const open = /* @__PURE__ */ new Set();
  let admitted = 0;
  let closing = false;
  let controller;
  const sessions = new ReadableStream({
    start(c) {
      controller = c;
    }
  });
  async function admit(incoming, pin) {
    let conn;
    let done = false;
    let released = false;
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
      } catch {
      }
    }, handshakeTimeoutMs);
    try {
      conn = await incoming.accept();
      if (released) {
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
      wrappers.add(wt);
      conn.closed.finally(() => wrappers.delete(wt)).catch(() => {
      });
      wt.closed.catch(() => {
      });
      if (released) throw new Error("handshake timeout");
      done = true;
      if (closing) throw new Error("listener closed");
      const requested = new URL(wt.url).pathname;
      if (requested !== path) {
        conn.close({ closeCode: CLOSE_UNKNOWN_PATH, reason: `unknown path ${requested}` });
        release();
        return;
      }
      const localCertificateHash = await pin.catch(() => void 0);
      const session = new QuicSession({
        conn,
        localCertificateHash,
        sessionId: 0n,
        // the CONNECT request is the client's first bidirectional stream
        // The wrapper already reads the connection's datagrams (from its
        // constructor on), so incoming ones are taken from it; outgoing ones
        // go raw, as the wrapper's writer never settles once the connection died.
        incomingDatagrams: wt.datagrams.readable,
        datagramQueue,
        onClosed: () => {
          open.delete(session);
          release();
        }
      });
      open.add(session);
      controller.enqueue(session);
    } catch {
      done = true;
      release();
      try {
        conn?.close({ closeCode: 0, reason: "handshake failed" });
      } catch {
      }
    } finally {
      clearTimeout(timer);
    }
  }
  const acceptLoop = async (q) => {
    for (; ; ) {
      let incoming;
      try {
        incoming = await q.incoming();
      } catch {
        break;
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
  let closedPromise;
  const setCertificate = (certificate) => {
    if (closing) return;
    try {
      quic.stop();
    } catch {
    }
    quic = endpoint.listen({
      cert: certificate.certPem,
      key: certificate.keyPem,
      alpnProtocols: ["h3"],
      ...transportOptions
    });
    currentPin = served(certificate.certPem);
    acceptLoop(quic);
  };
  const listener = {
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
        } catch {
        }
        for (const s of open) s.close({ closeCode: 0, reason: "listener closed" });
        let timer;
        await Promise.race([
          Promise.all([...open].map((s) => s.closed)),
          new Promise((r) => timer = setTimeout(r, 1e3))
        ]);
        clearTimeout(timer);
        await new Promise((r) => setTimeout(r, 20));
        endpoint.close();
        try {
          controller.close();
        } catch {
        }
      })();
      return closedPromise;
    }
  };
  const onAbort = () => void listener.close();
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  return Promise.resolve(listener);
}

// lib/transport/deno.ts
var denoTransport = {
  name: "deno",
  dials: ["h3"],
  secure: true,
  listen: listenH3,
  dial: dialH3
};
export {
  denoTransport
};
//# sourceMappingURL=deno-65NV24XM.js.map
