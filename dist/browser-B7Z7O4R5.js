import {
  ConnectError,
  SessionClosedError,
  checkTimeout,
  guardDial
} from "./chunk-L7ONBLAV.js";

// lib/transport/browser.ts
var PONYFILL_DATAGRAM_MAX = 16384;
var SCHEMES = {
  "https:": "",
  "h3:": "h3",
  "wss:": "ws"
};
function remoteOf(url) {
  return `${url.hostname}:${url.port || "443"}`;
}
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}
function wrapDatagrams(wt, fallbackMax) {
  const d = wt.datagrams;
  const max = () => d.maxDatagramSize ?? fallbackMax;
  let inner;
  const writer = () => inner ??= (d.createWritable?.() ?? d.writable).getWriter();
  const writable = new WritableStream({
    async write(chunk) {
      if (chunk.length > max()) return;
      await writer().write(chunk);
    },
    async close() {
      await writer().close();
    },
    async abort(reason) {
      await writer().abort(reason);
    }
  });
  return {
    readable: d.readable,
    writable,
    get maxDatagramSize() {
      return max();
    }
  };
}
function wrapWebTransport(wt, protocol, remoteAddress) {
  let local;
  const closed = wt.closed.then(
    (info) => local ?? { closeCode: info?.closeCode ?? 0, reason: info?.reason ?? "" },
    (err) => local ?? {
      closeCode: 0,
      reason: messageOf(err),
      error: new SessionClosedError(`session with ${remoteAddress} lost: ${messageOf(err)}`, {
        cause: err
      })
    }
  );
  let ended = false;
  closed.then(() => ended = true);
  const gone = (err) => new SessionClosedError(`session with ${remoteAddress} is closed`, { cause: err });
  return {
    protocol,
    remoteAddress,
    incomingBidirectionalStreams: wt.incomingBidirectionalStreams,
    incomingUnidirectionalStreams: wt.incomingUnidirectionalStreams,
    datagrams: wrapDatagrams(wt, protocol === "ws" ? PONYFILL_DATAGRAM_MAX : 1200),
    async createBidirectionalStream() {
      if (ended || local) throw gone();
      try {
        return await wt.createBidirectionalStream();
      } catch (err) {
        throw gone(err);
      }
    },
    async createUnidirectionalStream() {
      if (ended || local) throw gone();
      try {
        return await wt.createUnidirectionalStream();
      } catch (err) {
        throw gone(err);
      }
    },
    close(info) {
      const closeCode = info?.closeCode ?? 0;
      if (!Number.isInteger(closeCode) || closeCode < 0 || closeCode > 4294967295) {
        throw new RangeError(`closeCode must be an integer in [0, 2^32), got ${closeCode}`);
      }
      if (local || ended) return;
      local = { closeCode, reason: (info?.reason ?? "").slice(0, 1024) };
      try {
        wt.close(local);
      } catch {
      }
    },
    closed
  };
}
var ponyfill;
function loadPonyfill() {
  return ponyfill ??= import("./fails-browser-XULAQ27R.js").then((lib) => {
    const ctor = lib.WebTransportPonyfill;
    if (typeof ctor !== "function") {
      throw new TypeError(
        "the WebSocket ponyfill is only in the browser build of @fails-components/webtransport"
      );
    }
    return ctor;
  });
}
function dialBrowser(url, options = {}) {
  let target;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new TypeError(`not a URL: ${url}`));
  }
  const named = SCHEMES[target.protocol];
  if (named === void 0) {
    return Promise.reject(new TypeError(`need an https:, h3: or wss: URL, got ${url}`));
  }
  const protocol = options.protocol ?? (named || "h3");
  if (protocol !== "h3" && protocol !== "ws") {
    return Promise.reject(new TypeError(`a browser dials h3 or ws, not ${protocol}`));
  }
  if (named && named !== protocol) {
    return Promise.reject(
      new TypeError(`${url} names ${named} but options.protocol is ${protocol}`)
    );
  }
  target = new URL(`https://${target.host}${target.pathname}${target.search}`);
  const hashes = options.certificateHashes ?? [];
  if (!Array.isArray(hashes) || hashes.some((h) => !(h instanceof Uint8Array) || h.length !== 32)) {
    return Promise.reject(new TypeError("certificateHashes must be 32-byte Uint8Arrays"));
  }
  try {
    checkTimeout(options.timeoutMs);
  } catch (err) {
    return Promise.reject(err);
  }
  const remoteAddress = remoteOf(target);
  let wt;
  let abandoned = false;
  const attempt = (async () => {
    let Ctor;
    if (protocol === "h3") {
      Ctor = options.WebTransport ?? globalThis.WebTransport;
      if (typeof Ctor !== "function") {
        throw new ConnectError(
          `${remoteAddress}: this browser has no WebTransport; dial a wss:// (WebSocket) address`
        );
      }
    } else {
      Ctor = options.Ponyfill ?? await loadPonyfill();
    }
    if (abandoned) throw new ConnectError("dial abandoned");
    const init = {};
    if (hashes.length) {
      init.serverCertificateHashes = hashes.map((value) => ({ algorithm: "sha-256", value }));
    }
    if (protocol === "h3" && options.congestionControl && options.congestionControl !== "default") {
      init.congestionControl = options.congestionControl;
    }
    try {
      wt = new Ctor(target.href, init);
    } catch (err) {
      throw new ConnectError(`${remoteAddress}: ${messageOf(err)}`, { cause: err });
    }
    wt.closed.catch(() => {
    });
    try {
      await wt.ready;
    } catch (err) {
      const why = protocol === "h3" ? "WebTransport over HTTP/3 failed: the certificate matches none of the pins, the node is down, or it offers no HTTP/3" : `WebSocket failed: the node is down, or the browser does not trust its certificate (open https://${remoteAddress}/ once to accept it)`;
      throw new ConnectError(`${remoteAddress}: ${why} (${messageOf(err)})`, { cause: err });
    }
    return wrapWebTransport(wt, protocol, remoteAddress);
  })();
  return guardDial(attempt, {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    target: url,
    cancel: () => {
      abandoned = true;
      try {
        wt?.close();
      } catch {
      }
    }
  }, (session) => session.close({ closeCode: 0, reason: "dial abandoned" }));
}
var browserTransport = {
  name: "browser",
  dials: ["h3", "ws"],
  secure: true,
  listen() {
    return Promise.reject(new TypeError('a browser cannot listen; use mode "client"'));
  },
  dial: dialBrowser
};
export {
  browserTransport,
  dialBrowser,
  wrapWebTransport
};
//# sourceMappingURL=browser-B7Z7O4R5.js.map
