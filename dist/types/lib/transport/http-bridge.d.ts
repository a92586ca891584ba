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
export type FetchHandler = (request: Request, client?: ClientInfo) => Response | Promise<Response>;
type Any = any;
/**
 * Answers one Node `IncomingMessage`/`ServerResponse` pair with `handler`.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import type { AddressInfo } from "node:net";
 * import { serveNodeRequest } from "./http-bridge.js";
 * const handler = (request: Request) => new Response(new URL(request.url).pathname);
 * const server = createServer((req, res) => serveNodeRequest(req, res, handler));
 * await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
 * const { port } = server.address() as AddressInfo;
 * const text = await (await fetch(`http://127.0.0.1:${port}/hello`)).text();
 * console.assert(text === "/hello", text);
 * await new Promise((r) => server.close(r));
 * ```
 */
export declare function serveNodeRequest(req: Any, res: Any, handler: FetchHandler): Promise<void>;
/**
 * Answers one `node:http2` server stream (a non-CONNECT request) with `handler`.
 *
 * @example
 * ```ts
 * import { connect, createServer } from "node:http2";
 * import type { AddressInfo } from "node:net";
 * import { serveHttp2Stream } from "./http-bridge.js";
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
export declare function serveHttp2Stream(stream: Any, headers: Record<string, unknown>, handler: FetchHandler): Promise<void>;
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
 * import { attachHttpHandler } from "./http-bridge.js";
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
export declare function attachHttpHandler(server: {
    emit(event: string | symbol, ...args: Any[]): boolean;
}, current: () => FetchHandler | undefined): () => void;
export {};
