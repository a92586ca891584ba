/**
 * A stand-alone HTTPS server for the dashboard, used when the node's own
 * listener can not answer ordinary requests on its port (see `mod.ts`):
 * `Deno.serve` under Deno, `Bun.serve` under Bun, `node:https` elsewhere,
 * with the node's TLS certificate. A new certificate (rotation) restarts it
 * on the same port. Each server hands the handler the client's IP address
 * (its second argument), which the dashboard's loopback trust relies on.
 *
 * @module
 */
import type { ClientInfo } from "./handler.js";
/** A fetch-style handler that may use what the server knows of the client. */
export type ServeHandler = (request: Request, client?: ClientInfo) => Response | Promise<Response>;
/** Key material served. */
export interface HttpsCertificate {
    certPem: string;
    keyPem: string;
}
/** Options of {@linkcode serveHttps}. */
export interface ServeHttpsOptions {
    /** A fetch-style handler; it also gets `{ remoteAddress }` of the client. */
    handler: ServeHandler;
    certificate: HttpsCertificate;
    /** Interface to bind. Default `"127.0.0.1"`. */
    hostname?: string;
    /** Port; 0 picks a free one. Default 0. */
    port?: number;
}
/** A running HTTPS server. */
export interface HttpsServer {
    /** Bound port. */
    readonly port: number;
    /** Serves a new certificate (restarts on the same port). */
    setCertificate(certificate: HttpsCertificate): Promise<void>;
    /** Stops the server. Idempotent. */
    close(): Promise<void>;
}
/**
 * Starts an HTTPS server answering with `handler`.
 *
 * @example
 * ```ts
 * import { serveHttps } from "./serve.js";
 * import { generateCertificate } from "../cert/generate.js";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const server = await serveHttps({ handler: () => new Response("hi"), certificate });
 * // The certificate is self-signed: trust it as its own CA.
 * const client = Deno.createHttpClient({ caCerts: [certificate.certPem] });
 * const res = await fetch(`https://127.0.0.1:${server.port}/`, { client } as RequestInit);
 * console.assert(await res.text() === "hi");
 * client.close();
 * await server.close();
 * ```
 */
export declare function serveHttps(options: ServeHttpsOptions): Promise<HttpsServer>;
