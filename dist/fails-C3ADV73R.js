import {
  createLogger,
  silentLogger
} from "./chunk-CX4A7AO7.js";
import {
  attachHttpHandler
} from "./chunk-56SHIO6L.js";
import {
  AddressRateLimiter,
  joinHostPort,
  splitHostPort
} from "./chunk-DBJU2ICV.js";
import {
  certificatePin,
  checkCloseInfo,
  pemCertificatePin,
  pinToString,
  samePin
} from "./chunk-SWZLZUJB.js";
import {
  AbortedError,
  ConnectError,
  PinMismatchError,
  SessionClosedError,
  checkTimeout,
  guardDial
} from "./chunk-L7ONBLAV.js";

// lib/transport/fails-load.ts
var NOISE = [
  "http3 loader:",
  "Problem loading http3-quiche transport",
  "Did you install @fails-components/webtransport-transport-http3-quiche"
];
var loading;
function loadFails() {
  return loading ??= (async () => {
    const { log, error } = console;
    const quiet = (write) => (...args) => {
      if (typeof args[0] === "string" && NOISE.some((n) => args[0].startsWith(n))) {
        return;
      }
      write(...args);
    };
    console.log = quiet(log);
    console.error = quiet(error);
    try {
      const lib = await import("./fails-QF2T4KET.js");
      await lib.quicheLoaded;
      await new Promise((r) => setTimeout(r, 0));
      return lib;
    } finally {
      if (console.log !== log) console.log = log;
      if (console.error !== error) console.error = error;
    }
  })();
}
var warned = false;
function warnIfUnpatched(libSession, logger) {
  if (warned) return;
  try {
    const objint = libSession?.objint;
    if (!objint) return;
    const initial = String(objint.sendInitialParameters);
    const parser = String(Object.getPrototypeOf(objint.capsParser)?.parseData);
    if (initial.includes("majorVersion") || !parser.includes("!!this.rfin")) {
      warned = true;
      logger.warn(
        "@fails-components/webtransport is not patched: HTTP/2 streams stall after 16 KiB. Run `node scripts/apply-patches.mjs` (npm install does) or use a node_modules install."
      );
    }
  } catch {
  }
}

// lib/transport/fails-liveness.ts
function watchLiveness(probe, idleTimeoutMs) {
  if (!(idleTimeoutMs > 0) || !Number.isFinite(idleTimeoutMs)) return () => {
  };
  const every = Math.max(10, Math.floor(idleTimeoutMs / 4));
  let lastSeen = Date.now();
  let lastTick = lastSeen;
  let lastBytes = probe.bytesRead();
  const alive = () => {
    lastSeen = Date.now();
  };
  const timer = setInterval(() => {
    if (probe.gone()) return clearInterval(timer);
    const now = Date.now();
    if (now - lastTick > 2 * every) lastSeen = Math.max(lastSeen, now - every);
    lastTick = now;
    const bytes = probe.bytesRead();
    if (bytes !== void 0 && bytes !== lastBytes) {
      lastBytes = bytes;
      alive();
    }
    if (Date.now() - lastSeen >= idleTimeoutMs) {
      clearInterval(timer);
      probe.kill(new Error(`peer silent for ${idleTimeoutMs} ms`));
      return;
    }
    try {
      probe.ping(alive);
    } catch {
    }
  }, every);
  return () => clearInterval(timer);
}
function probeFor(core) {
  const stream = core?.objint?.stream;
  const h2 = stream?.session;
  if (h2 && typeof h2.ping === "function") {
    return {
      bytesRead: () => h2.socket?.bytesRead,
      ping: (alive) => h2.ping((err) => err ? void 0 : alive()),
      kill: (reason) => h2.destroy(reason),
      gone: () => h2.destroyed || h2.closed
    };
  }
  const parser = core?.objint?.capsParser;
  if (stream && typeof stream.destroy === "function" && typeof parser?.writeWSFrame === "function") {
    return {
      bytesRead: () => stream.bytesRead,
      ping: () => parser.writeWSFrame({ opcode: 9, payload: new Uint8Array(0) }),
      kill: (reason) => stream.destroy(reason),
      gone: () => stream.destroyed
    };
  }
  return void 0;
}

// lib/transport/fails-session.ts
var MAX_PENDING_DATAGRAMS = 1024;
function refuse(stream) {
  const readable = stream?.readable ?? stream;
  readable?.cancel?.().catch(() => {
  });
  stream?.writable?.abort?.().catch(() => {
  });
}
var FailsSession = class {
  protocol;
  remoteAddress;
  closed;
  datagrams;
  incomingBidirectionalStreams;
  incomingUnidirectionalStreams;
  peerCertificateHash;
  localCertificateHash;
  #core;
  #resolveClosed;
  #over;
  /** Why the session is gone, once it is: races started from then on fail with it. */
  #gone;
  /** The reject functions of the races in progress (see `#race`). */
  #racing = /* @__PURE__ */ new Set();
  #remoteClose;
  constructor(init) {
    this.#core = init.core;
    this.protocol = init.protocol;
    this.remoteAddress = init.remoteAddress;
    if (init.peerCertificateHash) this.peerCertificateHash = init.peerCertificateHash;
    if (init.localCertificateHash) this.localCertificateHash = init.localCertificateHash;
    this.closed = new Promise((r) => this.#resolveClosed = r);
    if (init.onClosed) this.closed.then(init.onClosed);
    const parser = init.core.objint?.capsParser;
    if (parser?.onCloseWebTransportSession) {
      const original = parser.onCloseWebTransportSession.bind(parser);
      parser.onCloseWebTransportSession = (info) => {
        this.#remoteClose ??= { closeCode: info.code >>> 0, reason: info.reason ?? "" };
        original(info);
      };
    }
    Promise.resolve(init.core.closed).then(
      (info) => this.#end(this.#remoteClose ?? this.#lost(info?.reason || `code ${info?.closeCode}`)),
      (err) => this.#end(this.#lost(String(err)))
    );
    this.incomingBidirectionalStreams = this.#mapIncoming(
      init.core.incomingBidirectionalStreams,
      (s) => this.#wrapBidi(s)
    );
    this.incomingUnidirectionalStreams = this.#mapIncoming(
      init.core.incomingUnidirectionalStreams,
      (r) => this.#wrapReadable(r)
    );
    this.datagrams = this.#makeDatagrams(init.datagramQueue ?? 1024);
  }
  #lost(why) {
    const error = new SessionClosedError(`session to ${this.remoteAddress} lost: ${why}`);
    return { closeCode: 0, reason: why, error };
  }
  #end(info) {
    if (this.#over) return;
    this.#over = info;
    const gone = this.#gone = info.error ?? new SessionClosedError(
      `session to ${this.remoteAddress} closed (${info.closeCode} ${info.reason})`
    );
    for (const reject of this.#racing) reject(gone);
    this.#racing.clear();
    this.#resolveClosed(info);
  }
  #closedError(cause) {
    const info = this.#over;
    return new SessionClosedError(
      info ? `session to ${this.remoteAddress} is closed (${info.closeCode} ${info.reason})` : `stream to ${this.remoteAddress} was reset or stopped`,
      { cause: cause ?? info?.error }
    );
  }
  /**
   * Races `p` against the end of the session. Not `Promise.race` with one
   * promise that settles at the end: every call would add a reaction to it,
   * holding the race's result (a chunk read), for the session's whole life
   * (every read and write: the soak's live heap grew ~0.6 MiB/min per node).
   */
  #race(p) {
    return new Promise((resolve, reject) => {
      p.then(resolve, reject).finally(() => this.#racing.delete(reject));
      const gone = this.#gone;
      if (gone) queueMicrotask(() => reject(gone));
      else this.#racing.add(reject);
    }).catch((err) => {
      throw err instanceof SessionClosedError ? err : this.#closedError(err);
    });
  }
  async createBidirectionalStream() {
    if (this.#over) throw this.#closedError();
    try {
      return this.#wrapBidi(
        await this.#race(this.#core.createBidirectionalStream({ waitUntilAvailable: true }))
      );
    } catch (err) {
      throw err instanceof SessionClosedError ? err : this.#closedError(err);
    }
  }
  async createUnidirectionalStream() {
    if (this.#over) throw this.#closedError();
    try {
      return this.#wrapWritable(
        await this.#race(this.#core.createUnidirectionalStream({ waitUntilAvailable: true }))
      );
    } catch (err) {
      throw err instanceof SessionClosedError ? err : this.#closedError(err);
    }
  }
  close(info) {
    const checked = checkCloseInfo(info);
    if (this.#over) return;
    this.#end(checked);
    try {
      this.#core.close(checked);
    } catch {
    }
  }
  #wrapBidi(s) {
    return { readable: this.#wrapReadable(s.readable), writable: this.#wrapWritable(s.writable) };
  }
  #wrapReadable(raw) {
    const reader = raw.getReader();
    reader.closed.catch(() => {
    });
    return new ReadableStream({
      pull: async (c) => {
        try {
          const { value, done } = await this.#race(reader.read());
          if (done) c.close();
          else c.enqueue(value);
        } catch (err) {
          c.error(err instanceof SessionClosedError ? err : this.#closedError(err));
          reader.cancel().catch(() => {
          });
        }
      },
      cancel: (reason) => reader.cancel(reason).catch(() => {
      })
    });
  }
  #wrapWritable(raw) {
    const writer = raw.getWriter();
    writer.closed.catch(() => {
    });
    let failed;
    const fail = (err) => {
      failed ??= err;
    };
    return new WritableStream({
      // Up to the library's queue (4 chunks) is in flight; a failure shows up
      // on the next write or on close.
      write: async (chunk) => {
        if (failed !== void 0) throw this.#closedError(failed);
        if (!(chunk instanceof Uint8Array)) throw new TypeError("chunks must be Uint8Array");
        writer.write(chunk.slice()).catch(fail);
        await this.#race(writer.ready);
        if (failed !== void 0) throw this.#closedError(failed);
      },
      close: async () => {
        await this.#race(writer.close());
        if (failed !== void 0) throw this.#closedError(failed);
      },
      abort: async (reason) => {
        await writer.abort(reason).catch(() => {
        });
      }
    });
  }
  #mapIncoming(source, wrap) {
    const reader = source.getReader();
    return new ReadableStream({
      pull: async (c) => {
        try {
          const { value, done } = await reader.read();
          if (done) c.close();
          else c.enqueue(wrap(value));
        } catch {
          c.close();
        }
      },
      // The library's stream is not cancelled (its session close would then
      // throw); streams the peer opens from now on are refused one by one.
      cancel: async () => {
        for (; ; ) {
          const { value, done } = await reader.read().catch(() => ({
            value: void 0,
            done: true
          }));
          if (done) return;
          refuse(value);
        }
      }
    }, { highWaterMark: 0 });
  }
  #makeDatagrams(queue) {
    const core = this.#core;
    const source = core.datagrams.readable.getReader();
    const readable = new ReadableStream({
      start: (c) => {
        (async () => {
          for (; ; ) {
            const { value, done } = await source.read();
            if (done) break;
            try {
              if ((c.desiredSize ?? 0) > 0) c.enqueue(value);
            } catch {
            }
          }
        })().catch(() => {
        }).finally(() => {
          try {
            c.close();
          } catch {
          }
        });
      },
      // Not passed on: the library's readable keeps being drained (and dropped).
      cancel: () => {
      }
    }, { highWaterMark: queue });
    const max = core.datagrams.maxDatagramSize;
    const sink = core.datagrams.createWritable().getWriter();
    sink.closed.catch(() => {
    });
    const writable = new WritableStream({
      write: async (chunk) => {
        if (this.#over) throw this.#closedError();
        if (!(chunk instanceof Uint8Array)) throw new TypeError("datagrams must be Uint8Array");
        if (chunk.length > max) return;
        if ((core.objint?.datagramsWaiting_?.length ?? 0) >= MAX_PENDING_DATAGRAMS) return;
        await sink.write(chunk.slice()).catch((err) => {
          throw this.#closedError(err);
        });
      }
    });
    return { readable, writable, maxDatagramSize: max };
  }
};

// lib/transport/tls-release.ts
function releaseUnestablishedTls(socket) {
  if (!("Deno" in globalThis)) return;
  const s = own(socket, "socket") ?? socket;
  if (typeof s?.once !== "function") return;
  const release = () => {
    try {
      if (s._secureEstablished) return;
      const wrap = own(s, "res");
      if (typeof wrap?.setHandle === "function") wrap.setHandle({});
    } catch {
    }
  };
  if (s.destroyed) release();
  else s.once("close", release);
}
function own(o, name) {
  if (typeof o !== "object" || o === null) return void 0;
  const key = Object.getOwnPropertySymbols(o).find((k) => k.description === name);
  return key && o[key];
}

// lib/transport/fails.ts
var DEFAULT_IDLE_MS = 1e4;
var stderrLogger;
var warnings = (logger) => logger ?? (stderrLogger ??= createLogger({ name: "geomesh:fails", level: "warn" }));
var DEFAULT_STREAMS = 256;
var CLAIM_MS = 1e4;
function positiveInt(name, value, fallback) {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) {
    throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  }
  return v;
}
function sessionProtocol(core) {
  return core?.header?.[":protocol"] === "webtransport" ? "h2" : "ws";
}
function servedCertificate(stream) {
  try {
    const socket = typeof stream?.getCertificate === "function" ? stream : stream?.session?.socket;
    const raw = socket?.getCertificate?.()?.raw;
    return raw instanceof Uint8Array && raw.length ? new Uint8Array(raw) : void 0;
  } catch {
    return void 0;
  }
}
async function listenFails(options) {
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
  const limiter = options.retryToken ? new AddressRateLimiter(options.rateLimit) : void 0;
  if (options.signal?.aborted) {
    throw new AbortedError("listen aborted", { cause: options.signal.reason });
  }
  const lib = await loadFails();
  const server = new lib.Http2Server({
    port,
    host: hostname,
    secret: crypto.randomUUID(),
    // required by the constructor, unused on HTTP/2
    cert: options.certificate.certPem,
    privKey: options.certificate.keyPem,
    initialBidirectionalStreams: maxStreams,
    initialUnidirectionalStreams: maxStreams
  });
  const open = /* @__PURE__ */ new Set();
  const claims = /* @__PURE__ */ new Map();
  let closing = false;
  let peer;
  let certificate;
  let currentPin = pemCertificatePin(options.certificate.certPem);
  currentPin.catch(() => {
  });
  const onSessionRequest = server.onSessionRequest.bind(server);
  server.onSessionRequest = (args) => {
    peer = args?.peerAddress;
    certificate = servedCertificate(args?.session);
    try {
      onSessionRequest(args);
    } finally {
      peer = void 0;
      certificate = void 0;
    }
  };
  server.setRequestCallback(({ header }) => {
    const from = peer;
    let requested = "";
    try {
      requested = new URL(header[":path"] ?? "", "https://x").pathname;
    } catch {
    }
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
    } catch {
    }
    throw err;
  }
  let httpHandler;
  if (server.transportInt?.serverInt) {
    attachHttpHandler(server.transportInt.serverInt, () => httpHandler);
  }
  const sockets = /* @__PURE__ */ new Set();
  const serverInt = server.transportInt?.serverInt;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 1e4;
  const handshaking = /* @__PURE__ */ new WeakMap();
  serverInt?.on("secureConnection", (tls) => {
    const raw = tls._parent ?? tls;
    clearTimeout(handshaking.get(raw));
    handshaking.delete(raw);
  });
  serverInt?.on("connection", (socket) => {
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
      }, handshakeTimeoutMs)
    );
    socket.on("close", () => clearTimeout(handshaking.get(socket)));
    sockets.add(socket);
    socket.setNoDelay?.(true);
    socket.on("close", () => sockets.delete(socket));
  });
  let controller;
  const sessions = new ReadableStream({ start: (c) => void (controller = c) });
  (async () => {
    for (; ; ) {
      const { value: core, done } = await libSessions.read();
      if (done) break;
      const claim = core.userData?.claim;
      if (claims.has(claim)) {
        clearTimeout(claims.get(claim));
        claims.delete(claim);
      }
      core.closed.catch(() => {
      });
      core.ready.catch(() => {
      });
      const served = core.userData?.certificate;
      const localCertificateHash = await (served ? certificatePin(served) : currentPin).catch(() => void 0);
      if (closing) {
        core.close({ closeCode: 0, reason: "listener closed" });
        continue;
      }
      warnIfUnpatched(core, warnings(options.logger));
      const probe = probeFor(core);
      const stopWatching = probe ? watchLiveness(probe, idleTimeoutMs) : () => {
      };
      const session = new FailsSession({
        core,
        localCertificateHash,
        protocol: sessionProtocol(core),
        remoteAddress: (({ host, port: port2 }) => joinHostPort(host, port2))(
          splitHostPort(core.peerAddress)
        ),
        datagramQueue,
        onClosed: () => {
          stopWatching();
          open.delete(session);
        }
      });
      open.add(session);
      controller.enqueue(session);
    }
  })().catch((err) => logger.error("fails: accept loop failed", { error: err }));
  const address = server.address();
  let closed;
  const close = () => closed ??= (async () => {
    closing = true;
    for (const s of open) s.close({ closeCode: 0, reason: "listener closed" });
    try {
      server.stopServer();
    } catch {
    }
    try {
      controller.close();
    } catch {
    }
    for (const timer of claims.values()) clearTimeout(timer);
    claims.clear();
    await new Promise((r) => setTimeout(r, 50));
    for (const socket of sockets) socket.destroy();
    let bound;
    await Promise.race([server.closed, new Promise((r) => bound = setTimeout(r, 2e3))]);
    clearTimeout(bound);
  })();
  options.signal?.addEventListener("abort", () => void close(), { once: true });
  return {
    hostname: address?.host ?? hostname,
    port: address?.port ?? port,
    protocols: ["h2", "ws"],
    sessions,
    close,
    setCertificate(certificate2) {
      serverInt?.setSecureContext?.({ cert: certificate2.certPem, key: certificate2.keyPem });
      currentPin = pemCertificatePin(certificate2.certPem);
      currentPin.catch(() => {
      });
    },
    setHttpHandler(handler) {
      httpHandler = handler;
    }
  };
}
function fingerprintBytes(fp) {
  return Uint8Array.from(fp.split(":"), (h) => parseInt(h, 16));
}
function abandonSession(wt) {
  try {
    wt.close({ closeCode: 0, reason: "certificate refused" });
  } catch {
  }
  abandon(wt);
}
function abandon(wt) {
  const client = wt?.sessionint?.parentobj;
  try {
    client?.transportInt?.clientInt?.destroy();
  } catch {
  }
  try {
    if (client?.quicconnectedProm) client.onClientConnected({ success: false });
  } catch {
  }
  try {
    if (client?.webtransportProm) {
      client.webtransport?.catch?.(() => {
      });
      client.webtransportProm.reject(new Error("dial abandoned"));
      delete client.webtransportProm;
    }
  } catch {
  }
}
function dialFails(url, options = {}) {
  let target;
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
  let timeoutMs;
  let maxStreams;
  let datagramQueue;
  try {
    timeoutMs = checkTimeout(options.timeoutMs);
    maxStreams = positiveInt("maxStreams", options.maxStreams, DEFAULT_STREAMS);
    datagramQueue = positiveInt("datagramQueue", options.datagramQueue, 1024);
  } catch (err) {
    return Promise.reject(err);
  }
  const remoteAddress = joinHostPort(
    target.hostname.replace(/^\[(.*)\]$/, "$1"),
    Number(target.port || 443)
  );
  const libTimeout = Math.min(timeoutMs, 2 ** 31 - 1);
  let wt;
  let abandoned = false;
  let pinMatched;
  let presented;
  let refusedStatus;
  const refusePin = (seen, cause) => {
    warnings(options.logger).warn("fails: certificate matches none of the pins, refused", {
      peer: remoteAddress,
      presented: seen ? pinToString(seen) : void 0
    });
    return new PinMismatchError(`${remoteAddress}: certificate matches none of the pins`, {
      cause
    });
  };
  const attempt = (async () => {
    const lib = await loadFails();
    if (abandoned) throw new ConnectError("dial abandoned");
    wt = new lib.WebTransport(url, {
      forceReliable: true,
      serverCertificateHashes: hashes.length ? hashes.map((value) => ({ algorithm: "sha-256", value })) : void 0,
      quicConnectTimeout: libTimeout,
      webTransportConnectTimeout: libTimeout,
      initialBidirectionalSendStreams: maxStreams,
      initialUnidirectionalSendStreams: maxStreams
    });
    wt.closed.catch(() => {
    });
    wt.ready.catch(() => {
    });
    const core = wt.sessionint;
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
      } catch {
      }
    });
    const onClose = core.onClose.bind(core);
    core.onClose = (args) => {
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
    const stopWatching = probe ? watchLiveness(probe, options.idleTimeoutMs ?? DEFAULT_IDLE_MS) : () => {
    };
    return new FailsSession({
      core,
      protocol: "h2",
      remoteAddress,
      datagramQueue,
      peerCertificateHash,
      onClosed: stopWatching
    });
  })();
  return guardDial(attempt, {
    timeoutMs,
    signal: options.signal,
    target: url,
    cancel: () => {
      abandoned = true;
      abandon(wt);
    }
  }, (session) => session.close({ closeCode: 0, reason: "dial abandoned" }));
}
var failsTransport = {
  name: "fails",
  dials: ["h2"],
  secure: true,
  listen: listenFails,
  dial: dialFails
};
export {
  dialFails,
  failsTransport,
  listenFails
};
//# sourceMappingURL=fails-C3ADV73R.js.map
