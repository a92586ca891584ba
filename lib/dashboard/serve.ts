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
import type { ClientInfo } from "./handler.ts";

/** A fetch-style handler that may use what the server knows of the client. */
export type ServeHandler = (
  request: Request,
  client?: ClientInfo,
) => Response | Promise<Response>;

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

interface Running {
  port: number;
  stop(): Promise<void>;
}

// deno-lint-ignore no-explicit-any
type Any = any;

async function start(
  handler: ServeHandler,
  cert: HttpsCertificate,
  hostname: string,
  port: number,
): Promise<Running> {
  const g = globalThis as Any;
  if ("Deno" in g) {
    const server = g.Deno.serve({
      hostname,
      port,
      cert: cert.certPem,
      key: cert.keyPem,
      onListen() {},
      // Quiet: a browser dropping a connection is not an error worth printing.
      onError: () => new Response("internal error\n", { status: 500 }),
    }, (req: Request, info: Any) => handler(req, { remoteAddress: info?.remoteAddr?.hostname }));
    return { port: server.addr.port, stop: () => server.shutdown() };
  }
  if ("Bun" in g) {
    const server = g.Bun.serve({
      hostname,
      port,
      tls: { cert: cert.certPem, key: cert.keyPem },
      fetch: (req: Request, srv: Any) =>
        handler(req, { remoteAddress: srv?.requestIP?.(req)?.address }),
    });
    return {
      port: server.port,
      stop: () => Promise.resolve(server.stop(true)),
    };
  }
  const { createServer } = await import("node:https");
  const { serveNodeRequest } = await import("../transport/http-bridge.ts");
  const server = createServer(
    { cert: cert.certPem, key: cert.keyPem },
    (req, res) =>
      void serveNodeRequest(
        req,
        res,
        (r) => handler(r, { remoteAddress: req.socket?.remoteAddress }),
      ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts an HTTPS server answering with `handler`.
 *
 * @example
 * ```ts
 * import { serveHttps } from "./serve.ts";
 * import { generateCertificate } from "../cert/generate.ts";
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
export async function serveHttps(options: ServeHttpsOptions): Promise<HttpsServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer in [0, 65535], got ${port}`);
  }
  if (!options.certificate?.certPem || !options.certificate?.keyPem) {
    throw new TypeError("certificate { certPem, keyPem } is required");
  }
  const handler = options.handler;
  let running = await start(handler, options.certificate, hostname, port);
  const bound = running.port;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  return {
    port: bound,
    setCertificate(certificate) {
      chain = chain.then(async () => {
        if (closed) return;
        await running.stop();
        running = await start(handler, certificate, hostname, bound);
      });
      return chain;
    },
    close() {
      if (!closed) {
        closed = true;
        chain = chain.then(() => running.stop());
      }
      return chain;
    },
  };
}
