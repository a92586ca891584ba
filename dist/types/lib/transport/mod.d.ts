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
import type { Protocol, Transport } from "./types.js";
import { detectRuntime, type Runtime } from "../platform.js";
export { detectRuntime };
export type { Runtime };
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
 * import { parseTransportUrl } from "./mod.js";
 * const a = parseTransportUrl("wss://127.0.0.1:4433/geomesh");
 * console.assert(a.url === "https://127.0.0.1:4433/geomesh" && a.protocol === "ws");
 * ```
 */
export declare function parseTransportUrl(address: string): ParsedTransportUrl;
/**
 * Wraps an adapter so its `dial` takes every address form and sets `protocol`.
 *
 * @example
 * ```ts
 * import { withAddressForms } from "./mod.js";
 * import { failsTransport } from "./fails.js";
 * import { generateCertificate } from "../cert/generate.js";
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
export declare function withAddressForms(inner: Transport, runtime: Runtime): Transport;
/** Server-capable adapters, one module each. */
export type AdapterName = "deno" | "fails" | "dual";
/**
 * Loads one adapter's module on demand (so one runtime's code never loads in
 * another) and returns its transport, without the address forms of
 * {@linkcode transportFor}: what tests and benchmarks use to pick an adapter.
 *
 * @example
 * ```ts
 * import { loadAdapter } from "./mod.js";
 * const h2 = await loadAdapter("fails");
 * console.assert(h2.name === "fails" && h2.dials.join() === "h2");
 * ```
 */
export declare function loadAdapter(name: AdapterName): Promise<Transport>;
/**
 * The transport for `runtime` (default: this one), loaded on first call.
 *
 * @example
 * ```ts
 * import { transportFor } from "./mod.js";
 * import { generateCertificate } from "../cert/generate.js";
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
export declare function transportFor(runtime?: Runtime): Promise<Transport>;
/**
 * The transport of the running runtime.
 *
 * @example
 * ```ts
 * import { defaultTransport, transportFor } from "./mod.js";
 * import { generateCertificate } from "../cert/generate.js";
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
export declare function defaultTransport(): Promise<Transport>;
export type * from "./types.js";
export { createMemoryNetwork, MemoryNetwork } from "./memory.js";
export type { LinkOptions, MemoryNetworkOptions } from "./memory.js";
