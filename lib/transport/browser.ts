/**
 * The `browser` transport: dial-only, for pages. Two ways in:
 *
 * - `h3`: the browser's native `WebTransport` over HTTP/3 with
 *   `serverCertificateHashes`, so a node's self-signed 14-day certificate is
 *   accepted by its pin alone (Deno nodes offer `h3`).
 * - `ws`: the WebSocket ponyfill of `@fails-components/webtransport` (its
 *   browser export) for nodes that offer only TCP (`h2,ws`: Bun nodes). It
 *   connects to `wss://host:port/<path>` (the library's server strips the
 *   double slash the ponyfill puts before the path). A WebSocket can not be
 *   pinned: the browser validates the certificate itself, so the node's
 *   certificate must be trusted by the browser (a CA-issued one, or accepted
 *   once by opening `https://host:port/` — the node's dashboard). The node's
 *   identity-signed pin binding is still checked in the hello.
 *
 * Certificates: a page can not see the certificate of a session, so dialed
 * sessions have no `peerCertificateHash`. Over `h3` the browser enforces the
 * pins, and the handshake binds both signatures to the certificate the node
 * names, which must be one of them. Over `ws` nothing is pinned: the session
 * is as trustworthy as the browser's certificate decision, and a relay that
 * holds a certificate the browser accepts is not detected.
 *
 * Errors (see `types.ts`): `dial` rejects with `TimeoutError`, `AbortedError`,
 * or `ConnectError` whose message names the likely causes — browsers report
 * every failed WebTransport handshake the same way ("Opening handshake
 * failed"), so a pin mismatch can not be told apart from a node that is down
 * and is never reported as `PinMismatchError` here.
 *
 * `listen` is refused: a page can not accept connections. Options a browser
 * can not honour (`idleTimeoutMs`) are ignored; `congestionControl` is passed
 * to native WebTransport as its `congestionControl` hint.
 *
 * @module
 */
import { ConnectError, SessionClosedError } from "../errors.ts";
import { checkTimeout, guardDial } from "./dial-guard.ts";
import type {
  BidirectionalStream,
  DialOptions,
  Listener,
  SessionCloseInfo,
  SessionDatagrams,
  Transport,
  TransportSession,
} from "./types.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

/** What native `WebTransport` and the ponyfill have in common (the part used here). */
interface WebTransportLike {
  readonly ready: Promise<unknown>;
  readonly closed: Promise<{ closeCode?: number; reason?: string }>;
  readonly incomingBidirectionalStreams: ReadableStream<BidirectionalStream>;
  readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
  readonly datagrams: {
    readonly readable: ReadableStream<Uint8Array>;
    readonly writable?: WritableStream<Uint8Array>;
    createWritable?(): WritableStream<Uint8Array>;
    readonly maxDatagramSize?: number;
  };
  createBidirectionalStream(): Promise<BidirectionalStream>;
  createUnidirectionalStream(): Promise<WritableStream<Uint8Array>>;
  close(info?: { closeCode?: number; reason?: string }): void;
}

/** Constructor of a WebTransport-like object. */
export type WebTransportConstructor = new (url: string, options?: Any) => WebTransportLike;

/** Datagram size the ponyfill carries (the library's limit). */
const PONYFILL_DATAGRAM_MAX = 16384;

/** URL schemes this adapter takes, and the protocol each names ("" = default). */
const SCHEMES: Record<string, "h3" | "ws" | "" | undefined> = {
  "https:": "",
  "h3:": "h3",
  "wss:": "ws",
};

function remoteOf(url: URL): string {
  return `${url.hostname}:${url.port || "443"}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Datagrams with the contract's "too large is dropped" rule on the way out. */
function wrapDatagrams(wt: WebTransportLike, fallbackMax: number): SessionDatagrams {
  const d = wt.datagrams;
  const max = () => d.maxDatagramSize ?? fallbackMax;
  let inner: WritableStreamDefaultWriter<Uint8Array> | undefined;
  const writer = () => inner ??= (d.createWritable?.() ?? d.writable!).getWriter();
  const writable = new WritableStream<Uint8Array>({
    async write(chunk) {
      if (chunk.length > max()) return;
      await writer().write(chunk);
    },
    async close() {
      await writer().close();
    },
    async abort(reason) {
      await writer().abort(reason);
    },
  });
  return {
    readable: d.readable,
    writable,
    get maxDatagramSize() {
      return max();
    },
  };
}

/**
 * Wraps a ready WebTransport-like object (native or ponyfill) as a
 * {@linkcode TransportSession}.
 *
 * @example
 * ```ts
 * import { wrapWebTransport } from "./browser.ts";
 * import { denoTransport } from "./deno.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await denoTransport.listen({ certificate });
 * const wt = new WebTransport(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   serverCertificateHashes: [{ algorithm: "sha-256", value: certificate.pin.slice() }],
 * });
 * await wt.ready;
 * const session = wrapWebTransport(wt, "h3", `127.0.0.1:${listener.port}`);
 * session.close({ closeCode: 1, reason: "bye" });
 * console.assert((await session.closed).reason === "bye");
 * await listener.close();
 * ```
 */
export function wrapWebTransport(
  wt: WebTransportLike,
  protocol: "h3" | "ws",
  remoteAddress: string,
): TransportSession {
  let local: SessionCloseInfo | undefined;
  const closed = wt.closed.then(
    (info): SessionCloseInfo =>
      local ?? { closeCode: info?.closeCode ?? 0, reason: info?.reason ?? "" },
    (err): SessionCloseInfo =>
      local ?? {
        closeCode: 0,
        reason: messageOf(err),
        error: new SessionClosedError(`session with ${remoteAddress} lost: ${messageOf(err)}`, {
          cause: err,
        }),
      },
  );
  let ended = false;
  closed.then(() => (ended = true));
  const gone = (err?: unknown) =>
    new SessionClosedError(`session with ${remoteAddress} is closed`, { cause: err });
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
      if (!Number.isInteger(closeCode) || closeCode < 0 || closeCode > 0xffffffff) {
        throw new RangeError(`closeCode must be an integer in [0, 2^32), got ${closeCode}`);
      }
      if (local || ended) return;
      local = { closeCode, reason: (info?.reason ?? "").slice(0, 1024) };
      try {
        wt.close(local);
      } catch { /* already closed */ }
    },
    closed,
  };
}

let ponyfill: Promise<WebTransportConstructor> | undefined;

/** Loads the ponyfill (the browser build of `@fails-components/webtransport`). */
function loadPonyfill(): Promise<WebTransportConstructor> {
  return ponyfill ??= import("../deps/fails-browser.ts").then((lib: Any) => {
    const ctor = lib.WebTransportPonyfill;
    if (typeof ctor !== "function") {
      throw new TypeError(
        "the WebSocket ponyfill is only in the browser build of @fails-components/webtransport",
      );
    }
    return ctor as WebTransportConstructor;
  });
}

/** Options of {@linkcode dialBrowser}. */
export interface BrowserDialOptions extends DialOptions {
  /** WebTransport constructor for `h3` (tests). Default: the global `WebTransport`. */
  WebTransport?: WebTransportConstructor;
  /** Constructor for `ws`. Default: the fails ponyfill. */
  Ponyfill?: WebTransportConstructor;
}

/**
 * Opens a session from a browser: `h3` (default) with native WebTransport,
 * `ws` with the WebSocket ponyfill.
 *
 * @example
 * ```ts
 * import { dialBrowser } from "./browser.ts";
 * import { denoTransport } from "./deno.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * // Runs in Deno too, on its native WebTransport (a Deno listener stands in for a node).
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await denoTransport.listen({ certificate });
 * const url = `h3://127.0.0.1:${listener.port}/geomesh`;
 * const session = await dialBrowser(url, { certificateHashes: [certificate.pin] });
 * console.assert(session.protocol === "h3");
 * session.close();
 * // A wrong pin is a ConnectError: browsers do not say why a handshake failed.
 * const other = await generateCertificate();
 * const refused = await dialBrowser(url, { certificateHashes: [other.pin] }).catch((e) => e);
 * console.assert(refused.code === "CONNECT_FAILED", refused);
 * await listener.close();
 * ```
 */
export function dialBrowser(
  url: string,
  options: BrowserDialOptions = {},
): Promise<TransportSession> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new TypeError(`not a URL: ${url}`));
  }
  // `mod.ts` hands adapters `https:` plus `protocol`; used on its own (as the
  // browser build does) this adapter also takes the `h3:` and `wss:` forms.
  const named = SCHEMES[target.protocol];
  if (named === undefined) {
    return Promise.reject(new TypeError(`need an https:, h3: or wss: URL, got ${url}`));
  }
  const protocol = options.protocol ?? (named || "h3");
  if (protocol !== "h3" && protocol !== "ws") {
    return Promise.reject(new TypeError(`a browser dials h3 or ws, not ${protocol}`));
  }
  if (named && named !== protocol) {
    return Promise.reject(
      new TypeError(`${url} names ${named} but options.protocol is ${protocol}`),
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
  let wt: WebTransportLike | undefined;
  let abandoned = false;
  const attempt = (async () => {
    let Ctor: WebTransportConstructor | undefined;
    if (protocol === "h3") {
      Ctor = options.WebTransport ??
        (globalThis as { WebTransport?: WebTransportConstructor }).WebTransport;
      if (typeof Ctor !== "function") {
        throw new ConnectError(
          `${remoteAddress}: this browser has no WebTransport; dial a wss:// (WebSocket) address`,
        );
      }
    } else {
      Ctor = options.Ponyfill ?? await loadPonyfill();
    }
    if (abandoned) throw new ConnectError("dial abandoned");
    const init: Record<string, unknown> = {};
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
    wt.closed.catch(() => {});
    try {
      await wt.ready;
    } catch (err) {
      const why = protocol === "h3"
        ? "WebTransport over HTTP/3 failed: the certificate matches none of the pins, " +
          "the node is down, or it offers no HTTP/3"
        : "WebSocket failed: the node is down, or the browser does not trust its certificate " +
          `(open https://${remoteAddress}/ once to accept it)`;
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
      } catch { /* not open */ }
    },
  }, (session) => session.close({ closeCode: 0, reason: "dial abandoned" }));
}

/**
 * The browser transport (dial only).
 *
 * @example
 * ```ts
 * import { browserTransport } from "./browser.ts";
 * import { denoTransport } from "./deno.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * // Deno has a native WebTransport too, so a Deno HTTP/3 listener stands in for a node.
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await denoTransport.listen({ certificate });
 * const session = await browserTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [certificate.pin],
 * });
 * console.assert(session.protocol === "h3");
 * session.close();
 * await listener.close();
 * ```
 */
export const browserTransport: Transport = {
  name: "browser",
  dials: ["h3", "ws"],
  secure: true,
  listen(): Promise<Listener> {
    return Promise.reject(new TypeError('a browser cannot listen; use mode "client"'));
  },
  dial: dialBrowser,
};
