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
import type { Logger } from "../log.ts";
import { silentLogger } from "../log.ts";
import { metricsToPrometheus } from "../metrics.ts";
import type { GeomeshNode } from "../node/node.ts";
import type { LogRing } from "./log-ring.ts";
import { dashboardPage } from "./page.ts";
import { StateCollector, type StateOptions } from "./state.ts";

import type { ClientInfo } from "../transport/http-bridge.ts";
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

const SECURITY = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function reply(body: BodyInit | null, type: string, extra: Record<string, string> = {}) {
  return new Response(body, {
    headers: { "content-type": type, "cache-control": "no-store", ...SECURITY, ...extra },
  });
}

function status(code: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status: code,
    headers: { "content-type": "text/plain; charset=utf-8", ...SECURITY, ...extra },
  });
}

/**
 * Creates the handler.
 *
 * @example
 * ```ts
 * import { createDashboardHandler } from "./handler.ts";
 * import { createNode } from "../runtime/create.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
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
export function createDashboardHandler(options: DashboardHandlerOptions): DashboardHandler {
  const { node } = options;
  if (options.token !== undefined && (typeof options.token !== "string" || !options.token)) {
    throw new TypeError("token must be a non-empty string");
  }
  const state = new StateCollector(node, { ...options.state, logs: options.logs });
  const refusals = new RefusalLog(options.logger ?? silentLogger);
  const trustLoopback = options.trustLoopback ?? true;
  /** Undefined when the request may have the data, else the refusal to send. */
  const refuse = (request: Request, url: URL, client?: ClientInfo): Response | undefined => {
    if (options.public) return undefined;
    // A trusted local client is served whatever token it sends (a stale one from an earlier run).
    if (trustLoopback && isLoopbackClient(url, client)) return undefined;
    const given = bearer(request) ?? url.searchParams.get("token") ?? undefined;
    if (given !== undefined && options.token !== undefined && sameToken(given, options.token)) {
      return undefined;
    }
    const reason = given === undefined ? "no token" : "wrong token";
    refusals.note(url.pathname, client?.remoteAddress ?? "unknown", reason);
    const code = given === undefined ? 401 : 403;
    const local = !trustLoopback
      ? "Loopback clients need it too here (trustLoopback is off)."
      : client?.remoteAddress === undefined
      ? "This server does not report client addresses, so local clients need it too."
      : "Clients on the node's machine need none.";
    return status(
      code,
      `${code === 401 ? "401 unauthorized" : "403 forbidden"}: ${url.pathname} needs the ` +
        `dashboard token (${reason} given). Send "Authorization: Bearer <token>" or open the ` +
        `dashboard link the node printed (it ends in ?token=...). ${local}`,
      { "www-authenticate": 'Bearer realm="geomesh"', "cache-control": "no-store" },
    );
  };
  return async (request, client) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return status(405, "method not allowed", { allow: "GET, HEAD" });
    }
    const url = new URL(request.url);
    const strip = (r: Response) =>
      request.method === "HEAD" ? new Response(null, { status: r.status, headers: r.headers }) : r;
    if (url.pathname === "/api/state" || url.pathname === "/metrics") {
      const refusal = refuse(request, url, client);
      if (refusal) return strip(refusal);
    }
    switch (url.pathname) {
      case "/":
      case "/index.html":
        return strip(reply(dashboardPage(), "text/html; charset=utf-8", {
          "content-security-policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; " +
            "style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https: wss:",
        }));
      case "/api/state":
        return strip(reply(JSON.stringify(await state.state()), "application/json"));
      case "/address":
      case "/address.json": {
        const json = url.pathname.endsWith(".json") || url.searchParams.get("format") === "json" ||
          (request.headers.get("accept") ?? "").includes("application/json");
        const cors = { "access-control-allow-origin": "*" };
        if (!json) return strip(reply(`${node.address}\n`, "text/plain; charset=utf-8", cors));
        const body = JSON.stringify({ address: node.address, ...node.addressInfo });
        return strip(reply(body, "application/json", cors));
      }
      case "/metrics":
        return strip(reply(
          metricsToPrometheus(node.metrics, { node: node.id }),
          "text/plain; version=0.0.4; charset=utf-8",
        ));
      case "/geomesh.js": {
        if (!options.bundle) return status(404, "no browser bundle here");
        try {
          return strip(reply(await options.bundle(), "text/javascript; charset=utf-8", {
            "access-control-allow-origin": "*",
          }));
        } catch (err) {
          return status(503, `browser bundle unavailable: ${(err as Error).message}`);
        }
      }
      case "/favicon.ico":
        return new Response(null, { status: 204, headers: SECURITY });
      default:
        return status(404, "not found");
    }
  };
}

function bearer(request: Request): string | undefined {
  const h = request.headers.get("authorization");
  const m = h?.match(/^Bearer[ ]+(\S+)\s*$/i);
  return m ? m[1] : h ? "" : undefined;
}

/** Compares without an early exit, so timing does not tell how much of a guess was right. */
function sameToken(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i];
  return diff === 0;
}

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** An IP address on the loopback interface (`127.0.0.0/8`, `::1`, IPv4-mapped forms). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return LOOPBACK_V4.test(v4);
}

/**
 * A loopback client asking for a loopback name: a page elsewhere whose host
 * name was rebound to 127.0.0.1 sends its own name in `Host`.
 */
function isLoopbackClient(url: URL, client?: ClientInfo): boolean {
  const host = url.hostname.toLowerCase();
  const hostIsLocal = host === "localhost" || host.endsWith(".localhost") ||
    isLoopbackAddress(host);
  return hostIsLocal && isLoopbackAddress(client?.remoteAddress);
}

/** Logs refused requests: the first few per window, then how many more there were. */
class RefusalLog {
  static readonly WINDOW_MS = 10_000;
  static readonly LINES = 5;
  readonly #log: Logger;
  #start = -Infinity;
  #lines = 0;
  #more = 0;

  constructor(log: Logger) {
    this.#log = log;
  }

  note(path: string, client: string, reason: string): void {
    const now = performance.now();
    if (now - this.#start >= RefusalLog.WINDOW_MS) {
      if (this.#more) {
        this.#log.warn("dashboard requests refused", {
          count: this.#more,
          seconds: RefusalLog.WINDOW_MS / 1000,
        });
      }
      this.#start = now;
      this.#lines = 0;
      this.#more = 0;
    }
    if (this.#lines < RefusalLog.LINES) {
      this.#lines++;
      this.#log.warn("dashboard request refused", { path, client, reason });
    } else this.#more++;
  }
}
