/**
 * The `dual` transport for Deno server nodes: one listener taking HTTP/3 on
 * UDP (the `deno` adapter) and WebTransport over HTTP/2 + WebSocket on TCP
 * (the `fails` adapter) on the same port number, so Bun nodes and browsers
 * without HTTP/3 reach the node at the address Deno nodes and Chromium use.
 * Dialling picks the adapter by protocol: `h3` (default) via `deno`, `h2` via
 * `fails` (whose dialler speaks HTTP/2 only; `ws` is for browsers).
 * Sessions are the halves' own, with their certificate hashes (see `types.ts`).
 *
 * Port 0: the TCP side picks a free port, then the UDP side binds the same
 * number; if UDP has it taken, TCP is released and another port is tried.
 * (In that order because Deno never gives a QUIC endpoint's UDP port back,
 * even after `close()`: a listener closed in a process keeps its UDP port
 * until the process exits, so re-listening on the same port number in the
 * same process fails.)
 *
 * @module
 */
import type { Transport } from "./types.js";
/** How many port numbers port 0 tries before giving up. */
export declare const PORT_ATTEMPTS = 32;
/** The two halves of a dual transport. */
export interface DualParts {
    /** HTTP/3 (UDP) transport. */
    udp: Transport;
    /** HTTP/2 + WebSocket (TCP) transport, loaded on first use. */
    tcp: () => Promise<Transport>;
}
/**
 * Whether `err` (or its cause chain) says the address is in use, in the
 * forms Deno and Node-style servers use.
 *
 * @example
 * ```ts
 * import { isAddrInUse } from "./dual.js";
 * console.assert(isAddrInUse(Object.assign(new Error("x"), { code: "EADDRINUSE" })));
 * ```
 */
export declare function isAddrInUse(err: unknown): boolean;
/**
 * A dual-stack transport from two halves (tests inject their own).
 *
 * @example
 * ```ts
 * import { createDualTransport } from "./dual.js";
 * import { denoTransport } from "./deno.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const dual = createDualTransport({
 *   udp: denoTransport,
 *   tcp: async () => (await import("./fails.js")).failsTransport,
 * });
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await dual.listen({ certificate });
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const h2 = await dual.dial(url, { certificateHashes: [certificate.pin], protocol: "h2" });
 * console.assert(h2.protocol === "h2");
 * h2.close();
 * await listener.close();
 * ```
 */
export declare function createDualTransport(parts: DualParts): Transport;
/**
 * Deno's default server transport: HTTP/3 + HTTP/2/WebSocket on one port number.
 *
 * @example
 * ```ts
 * import { dualTransport } from "./dual.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await dualTransport.listen({ certificate, port: 0 });
 * console.assert(listener.protocols.join() === "h3,h2,ws");
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const certificateHashes = [certificate.pin];
 * for (const protocol of ["h3", "h2"] as const) {
 *   const session = await dualTransport.dial(url, { certificateHashes, protocol });
 *   console.assert(session.protocol === protocol);
 *   session.close();
 * }
 * await listener.close();
 * ```
 */
export declare const dualTransport: Transport;
