/**
 * The node's small site, as one fetch-style handler:
 *
 * | path | answer |
 * |---|---|
 * | `/` | the live dashboard (HTML; polls `/api/state` every second) |
 * | `/api/state` | JSON: id, address, counters, peers, topology, recent logs |
 * | `/geomesh.js` | the browser build (ESM) |
 * | `/address` | the node's address as text; JSON with `Accept: application/json`, `?format=json` or `/address.json` |
 * | `/metrics` | Prometheus text format |
 *
 * Only GET and HEAD are answered. `/geomesh.js` and `/address` allow any
 * origin (pages elsewhere may load the bundle and read the address).
 *
 * **Access.** `/`, `/geomesh.js` and `/address` are public (a browser needs
 * them; the page is static and holds no data). `/api/state` and `/metrics`
 * (peers, routes, recent log lines, counters) are served only
 * - to a client the HTTP server reports on loopback, asking for a loopback
 *   host name (so a page whose name was rebound to 127.0.0.1 is not one),
 *   unless `trustLoopback: false`;
 * - with the token, as `Authorization: Bearer <token>` or `?token=<token>`;
 * - to anyone when `public: true`.
 *
 * Others get 401 (no token) or 403 (a wrong one) with a plain-text body
 * saying what is needed, and a log line (at most 5 per 10 s, then a count).
 * The client's address comes from the HTTPS server as the handler's second
 * argument; a server that does not give one makes every client need the token.
 *
 * @module
 */
import type { Logger } from "../log.js";
import type { GeomeshNode } from "../node/node.js";
import type { LogRing } from "./log-ring.js";
import { type StateOptions } from "./state.js";
import type { ClientInfo } from "../transport/http-bridge.js";
export type { ClientInfo };
/**
 * A fetch-style handler that also takes what the server knows of the client
 * (a plain `(request) => Response` caller passes nothing: the client is unknown).
 */
export type DashboardHandler = (request: Request, client?: ClientInfo) => Promise<Response>;
/** Options of {@linkcode createDashboardHandler}. */
export interface DashboardHandlerOptions {
    node: GeomeshNode;
    /** Recent log lines to show. */
    logs?: LogRing;
    /** Loads the browser bundle for `/geomesh.js`. Without it, that path answers 404. */
    bundle?: () => Promise<string>;
    /** The token `/api/state` and `/metrics` accept. Without it only trusted clients get them. */
    token?: string;
    /** Serve `/api/state` and `/metrics` to anyone. Default false. */
    public?: boolean;
    /** Serve them without the token to loopback clients. Default true. */
    trustLoopback?: boolean;
    /** Where refused requests are logged. Default: nowhere. */
    logger?: Logger;
    /** How the state and topology are collected (bounds on the questions to peers). */
    state?: Omit<StateOptions, "logs">;
}
/**
 * Creates the handler.
 *
 * @example
 * ```ts
 * import { createDashboardHandler } from "./handler.js";
 * import { createNode } from "../runtime/create.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * const transport = createMemoryNetwork().transport();
 * const node = await createNode({ transport, logLevel: "error" });
 * const handler = createDashboardHandler({ node, token: "a-token-of-16-chars" });
 * const address = await handler(new Request("https://node.example/address"));
 * console.assert((await address.text()).trim() === node.address);
 * // The state needs the token from a client not on loopback...
 * const remote = { remoteAddress: "192.0.2.7" };
 * const state = await handler(new Request("https://node.example/api/state"), remote);
 * console.assert(state.status === 401);
 * await state.body?.cancel();
 * const authorized = new Request("https://node.example/api/state", {
 *   headers: { authorization: "Bearer a-token-of-16-chars" },
 * });
 * console.assert((await (await handler(authorized, remote)).json()).id === node.id);
 * await node.close();
 * ```
 */
export declare function createDashboardHandler(options: DashboardHandlerOptions): DashboardHandler;
/** An IP address on the loopback interface (`127.0.0.0/8`, `::1`, IPv4-mapped forms). */
export declare function isLoopbackAddress(address: string | undefined): boolean;
