/**
 * Transport selection. Each runtime's adapter is loaded with a dynamic
 * `import()` on first use, so Deno never loads the Bun path's code and Bun
 * never loads Deno's QUIC code:
 *
 * | runtime | transport | listens on | dials |
 * |---|---|---|---|
 * | Deno | `dual` | UDP (h3) + TCP (h2, ws), same port number | h3 (default), h2 |
 * | Bun, Node | `fails` | TCP (h2, ws) | h2 |
 * | browser | `browser` | — (dial only) | h3 native, ws ponyfill |
 *
 * Address forms accepted by `dial` of a transport from here:
 *
 * | address | protocol |
 * |---|---|
 * | `https://host:port/geomesh` | the runtime's default (Deno h3, Bun/Node h2), or `options.protocol` |
 * | `h3://host:port/geomesh` | WebTransport over HTTP/3 (QUIC, UDP) |
 * | `h2://host:port/geomesh` | WebTransport over HTTP/2 (TLS, TCP) |
 * | `wss://host:port/geomesh` | WebTransport over WebSocket (TLS, TCP): browsers' ponyfill only |
 *
 * Deno and Bun dial `ws` nowhere: the fails library has no WebSocket client
 * outside browsers, and HTTP/2 reaches the same listeners.
 *
 * A port-less address means 443. Adapters receive the `https://` form with
 * `options.protocol` set. In-memory addresses (`memory://name/path`) belong to
 * a `MemoryNetwork` (`memory.ts`), not to a runtime transport.
 *
 * @module
 */
import type { DialOptions, Protocol, Transport, TransportSession } from "./types.ts";

import { detectRuntime, type Runtime } from "../platform.ts";

export { detectRuntime };
export type { Runtime };

const SCHEMES: Record<string, Protocol | undefined> = {
  "https:": undefined,
  "h3:": "h3",
  "h2:": "h2",
  "wss:": "ws",
};

/** An address split into the `https://` URL adapters take and the protocol it names. */
export interface ParsedTransportUrl {
  /** `https://host:port/path?query`. */
  url: string;
  /** Protocol named by the scheme; `undefined` for `https://`. */
  protocol?: Protocol;
}

/**
 * Parses a dial address (see the module docs for the forms).
 *
 * @example
 * ```ts
 * import { parseTransportUrl } from "./mod.ts";
 * const a = parseTransportUrl("wss://127.0.0.1:4433/geomesh");
 * console.assert(a.url === "https://127.0.0.1:4433/geomesh" && a.protocol === "ws");
 * ```
 */
export function parseTransportUrl(address: string): ParsedTransportUrl {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new TypeError(`not a URL: ${address}`);
  }
  if (!(url.protocol in SCHEMES)) {
    throw new TypeError(
      `unsupported scheme ${url.protocol} in ${address} (use https:, h3:, h2: or wss:)`,
    );
  }
  if (!url.hostname) throw new TypeError(`no host in ${address}`);
  const port = url.port ? `:${url.port}` : "";
  return {
    url: `https://${url.hostname}${port}${url.pathname || "/"}${url.search}`,
    protocol: SCHEMES[url.protocol],
  };
}

/** Protocols a runtime can dial, the first being its default. */
const DIALS: Record<Runtime, Protocol[]> = {
  deno: ["h3", "h2"],
  bun: ["h2"],
  node: ["h2"],
  browser: ["h3", "ws"],
};

/**
 * Wraps an adapter so its `dial` takes every address form and sets `protocol`.
 *
 * @example
 * ```ts
 * import { withAddressForms } from "./mod.ts";
 * import { failsTransport } from "./fails.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * const t = withAddressForms(failsTransport, "bun");
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await t.listen({ certificate });
 * const hashes = { certificateHashes: [certificate.pin] };
 * const session = await t.dial(`h2://127.0.0.1:${listener.port}/geomesh`, hashes);
 * console.assert(session.protocol === "h2");
 * session.close();
 * // Bun dials HTTP/2 only: a WebSocket address is refused before any socket opens.
 * const refused = await t.dial(`wss://127.0.0.1:${listener.port}/geomesh`, hashes).catch((e) => e);
 * console.assert(refused instanceof TypeError);
 * await listener.close();
 * ```
 */
export function withAddressForms(inner: Transport, runtime: Runtime): Transport {
  const allowed = DIALS[runtime];
  return {
    name: inner.name,
    dials: allowed,
    secure: inner.secure,
    listen: (options) => inner.listen(options),
    dial(address: string, options: DialOptions = {}): Promise<TransportSession> {
      let parsed: ParsedTransportUrl;
      try {
        parsed = parseTransportUrl(address);
      } catch (err) {
        return Promise.reject(err);
      }
      if (parsed.protocol && options.protocol && parsed.protocol !== options.protocol) {
        return Promise.reject(
          new TypeError(
            `${address} names ${parsed.protocol} but options.protocol is ${options.protocol}`,
          ),
        );
      }
      const protocol = parsed.protocol ?? options.protocol ?? allowed[0];
      if (!allowed.includes(protocol)) {
        return Promise.reject(
          new TypeError(`${runtime} can not dial ${protocol} (it dials ${allowed.join(", ")})`),
        );
      }
      return inner.dial(parsed.url, { ...options, protocol });
    },
  };
}

/** Server-capable adapters, one module each. */
export type AdapterName = "deno" | "fails" | "dual";

/**
 * Loads one adapter's module on demand (so one runtime's code never loads in
 * another) and returns its transport, without the address forms of
 * {@linkcode transportFor}: what tests and benchmarks use to pick an adapter.
 *
 * @example
 * ```ts
 * import { loadAdapter } from "./mod.ts";
 * const h2 = await loadAdapter("fails");
 * console.assert(h2.name === "fails" && h2.dials.join() === "h2");
 * ```
 */
export async function loadAdapter(name: AdapterName): Promise<Transport> {
  switch (name) {
    case "deno":
      return (await import("./deno.ts")).denoTransport;
    case "fails":
      return (await import("./fails.ts")).failsTransport;
    case "dual":
      return (await import("./dual.ts")).dualTransport;
  }
  throw new TypeError(`unknown transport adapter ${JSON.stringify(name)}`);
}

function load(runtime: Runtime): Promise<Transport> {
  switch (runtime) {
    case "deno":
      return loadAdapter("dual");
    case "bun":
    case "node":
      return loadAdapter("fails");
    case "browser":
      return import("./browser.ts").then((m) => m.browserTransport);
  }
}

const cache = new Map<Runtime, Promise<Transport>>();

/**
 * The transport for `runtime` (default: this one), loaded on first call.
 *
 * @example
 * ```ts
 * import { transportFor } from "./mod.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * const t = await transportFor("deno");
 * console.assert(t.name === "dual" && t.dials.join() === "h3,h2");
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await t.listen({ certificate, port: 0 });
 * const session = await t.dial(`h2://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [certificate.pin],
 * });
 * console.assert(session.protocol === "h2");
 * session.close();
 * await listener.close();
 * ```
 */
export function transportFor(runtime: Runtime = detectRuntime()): Promise<Transport> {
  let t = cache.get(runtime);
  if (!t) {
    t = load(runtime).then((inner) => withAddressForms(inner, runtime));
    t.catch(() => cache.delete(runtime));
    cache.set(runtime, t);
  }
  return t;
}

/**
 * The transport of the running runtime.
 *
 * @example
 * ```ts
 * import { defaultTransport, transportFor } from "./mod.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * const t = await defaultTransport();
 * console.assert(t === await transportFor()); // loaded once per runtime
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await t.listen({ certificate });
 * // `https://` dials the runtime's default protocol: HTTP/3 in Deno, HTTP/2 in Bun.
 * const session = await t.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [certificate.pin],
 * });
 * console.assert(session.protocol === t.dials[0]);
 * session.close();
 * await listener.close();
 * ```
 */
export function defaultTransport(): Promise<Transport> {
  return transportFor(detectRuntime());
}

export type * from "./types.ts";
export { createMemoryNetwork, MemoryNetwork } from "./memory.ts";
export type { LinkOptions, MemoryNetworkOptions } from "./memory.ts";
