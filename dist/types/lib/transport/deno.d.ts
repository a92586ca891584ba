/**
 * The `deno` transport: WebTransport over HTTP/3 with Deno's native QUIC
 * (`Deno.QuicEndpoint` server, raw `Deno.connectQuic` client). Needs
 * `--unstable-net`. Only {@linkcode transportFor} / `defaultTransport` in
 * `mod.ts` import this file, lazily, so other runtimes never load it.
 *
 * See `deno-server.ts` for admission control (`maxSessions`, `retryToken`) and
 * `deno-client.ts` for why the global `WebTransport` is not used to dial.
 *
 * @module
 */
import { type H3DialOptions } from "./deno-client.js";
import { type H3ListenOptions } from "./deno-server.js";
import type { Listener, Transport, TransportSession } from "./types.js";
export type { H3DialOptions, H3ListenOptions };
export type { QuicTuning } from "./deno-client.js";
/** The `deno` transport with adapter-specific options. */
export interface DenoTransport extends Transport {
    listen(options: H3ListenOptions): Promise<Listener>;
    dial(url: string, options?: H3DialOptions): Promise<TransportSession>;
}
/**
 * HTTP/3 transport for Deno.
 *
 * @example
 * ```ts
 * import { denoTransport } from "./deno.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await denoTransport.listen({ certificate: cert });
 * const session = await denoTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [cert.pin],
 * });
 * console.assert(session.protocol === "h3");
 * session.close();
 * await listener.close();
 * ```
 */
export declare const denoTransport: DenoTransport;
