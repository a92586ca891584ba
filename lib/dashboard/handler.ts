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
 * @module
 */
import { metricsToPrometheus } from "../node/metrics.ts";
import type { GeomeshNode } from "../node/node.ts";
import type { LogRing } from "./log-ring.ts";
import type { FetchHandler } from "../transport/http-bridge.ts";
import { dashboardPage } from "./page.ts";
import { StateCollector } from "./state.ts";

/** Options of {@linkcode createDashboardHandler}. */
export interface DashboardHandlerOptions {
  node: GeomeshNode;
  /** Recent log lines to show. */
  logs?: LogRing;
  /** Loads the browser bundle for `/geomesh.js`. Without it, that path answers 404. */
  bundle?: () => Promise<string>;
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
 * ```ts ignore
 * import { createDashboardHandler } from "./handler.ts";
 * const handler = createDashboardHandler({ node });
 * const res = await handler(new Request("https://x/address"));
 * console.log(await res.text()); // geomesh://...
 * ```
 */
export function createDashboardHandler(options: DashboardHandlerOptions): FetchHandler {
  const { node } = options;
  const state = new StateCollector(node, { logs: options.logs });
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return status(405, "method not allowed", { allow: "GET, HEAD" });
    }
    const url = new URL(request.url);
    const strip = (r: Response) =>
      request.method === "HEAD" ? new Response(null, { status: r.status, headers: r.headers }) : r;
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
