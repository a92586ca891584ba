/**
 * Bridges Node-style HTTP servers (`node:https`, `node:http2`, which Deno and
 * Bun also provide) to a fetch-style handler `(Request) => Response`, so the
 * dashboard is one handler whichever server carries it.
 *
 * {@linkcode attachHttpHandler} makes the `node:http2` secure server inside a
 * `@fails-components/webtransport` `Http2Server` answer ordinary requests:
 * measured in Deno 2.9 and Bun 1.4, that server already receives plain HTTP/2
 * requests (it answers them 406) and HTTP/1.1 requests (it leaves them
 * hanging: nobody listens to `request`); WebTransport CONNECTs and WebSocket
 * upgrades keep going to the library. This is how a node can serve its
 * dashboard over HTTPS on its own TCP port.
 *
 * @module
 */

/** What the server knows of the client of a request. */
export interface ClientInfo {
  /** The client's IP address as the TCP socket reports it (undefined if unknown). */
  remoteAddress?: string;
}

/** A fetch-style handler; `client` says where the request came from (e.g. for loopback trust). */
export type FetchHandler = (
  request: Request,
  client?: ClientInfo,
) => Response | Promise<Response>;

// deno-lint-ignore no-explicit-any
type Any = any;

/** Headers of a Response as a plain object (Node's `writeHead`/`respond` form). */
function headerObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => (out[key] = value));
  return out;
}

async function respondWith(
  handler: FetchHandler,
  method: string,
  url: string,
  headers: Record<string, unknown>,
  remoteAddress: unknown,
): Promise<{ status: number; headers: Record<string, string>; body: Uint8Array }> {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    if (k.startsWith(":") || v === undefined) continue;
    h.set(k, Array.isArray(v) ? v.join(", ") : String(v));
  }
  let response: Response;
  try {
    response = await handler(new Request(url, { method, headers: h }), {
      remoteAddress: typeof remoteAddress === "string" ? remoteAddress : undefined,
    });
  } catch {
    response = new Response("internal error\n", { status: 500 });
  }
  const body = method === "HEAD" ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: headerObject(response.headers), body };
}

function safePath(path: unknown): string {
  return typeof path === "string" && path.startsWith("/") ? path : "/";
}

/**
 * Answers one Node `IncomingMessage`/`ServerResponse` pair with `handler`.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import type { AddressInfo } from "node:net";
 * import { serveNodeRequest } from "./http-bridge.ts";
 * const handler = (request: Request) => new Response(new URL(request.url).pathname);
 * const server = createServer((req, res) => serveNodeRequest(req, res, handler));
 * await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
 * const { port } = server.address() as AddressInfo;
 * const text = await (await fetch(`http://127.0.0.1:${port}/hello`)).text();
 * console.assert(text === "/hello", text);
 * await new Promise((r) => server.close(r));
 * ```
 */
export async function serveNodeRequest(req: Any, res: Any, handler: FetchHandler): Promise<void> {
  try {
    const host = String(req.headers?.host ?? "localhost");
    const out = await respondWith(
      handler,
      String(req.method ?? "GET"),
      `https://${host}${safePath(req.url)}`,
      req.headers ?? {},
      req.socket?.remoteAddress,
    );
    // The request body is never used: drain it so the connection stays usable.
    req.resume?.();
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  } catch {
    try {
      res.destroy?.();
    } catch { /* gone */ }
  }
}

/**
 * Answers one `node:http2` server stream (a non-CONNECT request) with `handler`.
 *
 * @example
 * ```ts
 * import { connect, createServer } from "node:http2";
 * import type { AddressInfo } from "node:net";
 * import { serveHttp2Stream } from "./http-bridge.ts";
 * const handler = (request: Request) => new Response(new URL(request.url).pathname);
 * const server = createServer();
 * server.on("stream", (stream, headers) => serveHttp2Stream(stream, headers, handler));
 * await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
 * const client = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
 * const request = client.request({ ":path": "/hello" });
 * let text = "";
 * request.on("data", (chunk) => text += chunk);
 * await new Promise((r) => request.on("end", r));
 * console.assert(text === "/hello", text);
 * client.close();
 * await new Promise((r) => server.close(r));
 * ```
 */
export async function serveHttp2Stream(
  stream: Any,
  headers: Record<string, unknown>,
  handler: FetchHandler,
): Promise<void> {
  try {
    const host = String(headers[":authority"] ?? headers.host ?? "localhost");
    const out = await respondWith(
      handler,
      String(headers[":method"] ?? "GET"),
      `https://${host}${safePath(headers[":path"])}`,
      headers,
      stream.session?.socket?.remoteAddress,
    );
    if (stream.destroyed || stream.closed) return;
    // An error on a stream nobody listens to would be an uncaught exception.
    stream.on?.("error", () => {});
    if (out.body.length === 0) {
      // Bodiless (HEAD, 204): some runtimes end the stream inside respond(),
      // and a later end() is "write after end".
      stream.respond({ ":status": out.status, ...out.headers }, { endStream: true });
      return;
    }
    stream.respond({ ":status": out.status, ...out.headers });
    stream.end(out.body);
  } catch {
    try {
      stream.close?.();
    } catch { /* gone */ }
  }
}

/**
 * Routes ordinary requests reaching a `node:http2` secure server (with
 * `allowHTTP1`) to the handler `current()` returns, leaving WebTransport
 * (`CONNECT`) and WebSocket upgrades to the server's own listeners. While
 * `current()` returns `undefined`, everything behaves as before. Returns a
 * function that detaches.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import type { AddressInfo } from "node:net";
 * import { attachHttpHandler } from "./http-bridge.ts";
 * // The fails listener attaches to the library's node:http2 server the same way.
 * const server = createServer(); // no request listener of its own
 * const detach = attachHttpHandler(server, () => () => new Response("from the handler"));
 * await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
 * const { port } = server.address() as AddressInfo;
 * const text = await (await fetch(`http://127.0.0.1:${port}/`)).text();
 * console.assert(text === "from the handler", text);
 * detach();
 * await new Promise((r) => server.close(r));
 * ```
 */
export function attachHttpHandler(
  server: { emit(event: string | symbol, ...args: Any[]): boolean },
  current: () => FetchHandler | undefined,
): () => void {
  const emit = server.emit;
  server.emit = function (this: unknown, event: string | symbol, ...args: Any[]): boolean {
    const handler = current();
    if (handler && event === "stream" && args[1]?.[":method"] !== "CONNECT") {
      void serveHttp2Stream(args[0], args[1], handler);
      return true;
    }
    if (handler && event === "request") {
      void serveNodeRequest(args[0], args[1], handler);
      return true;
    }
    return emit.call(this, event, ...args);
  };
  return () => {
    server.emit = emit;
  };
}
