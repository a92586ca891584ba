/**
 * The node's dashboard site (see `handler.ts` for the paths), started by
 * `createNode` for server and hybrid nodes unless `dashboard: false`.
 *
 * Where it is served: on the node's own TCP port, over the same TLS
 * certificate, when the node's listener can answer ordinary HTTPS requests
 * (a listener offering `setHttpHandler`, see `lib/transport/http-bridge.ts`); otherwise on a
 * separate HTTPS port (`dashboard.port`, default a free one). Either way
 * {@linkcode dashboardOf} gives its URL, and the token `/api/state` and
 * `/metrics` need from clients not on loopback (see `handler.ts`): random per
 * start unless configured, so a person opens `link` (the URL with
 * `?token=`), and a scraper sends `Authorization: Bearer <token>`.
 *
 * @module
 */
import type { GeomeshNode } from "../node/node.js";
import type { Listener } from "../transport/types.js";
import { type DashboardHandlerOptions } from "./handler.js";
import type { LogRing } from "./log-ring.js";
import type { Logger } from "../log.js";
import type { DashboardOptions } from "../node/config.js";
import type { FetchHandler } from "../transport/http-bridge.js";
import { type HttpsCertificate } from "./serve.js";
export { createDashboardHandler, isLoopbackAddress } from "./handler.js";
export type { ClientInfo, DashboardHandler, DashboardHandlerOptions } from "./handler.js";
export { LogRing } from "./log-ring.js";
export { INFO_ACTOR, registerIntrospection } from "../node/introspect.js";
export type { DashboardState } from "./state.js";
/** The `dashboard` node option in object form. */
export type DashboardConfig = DashboardOptions;
/** A listener that can also answer ordinary HTTPS requests on its port. */
export interface HttpCapableListener extends Listener {
    setHttpHandler(handler: FetchHandler | undefined): void;
}
/** Options of {@linkcode startDashboard}. */
export interface StartDashboardOptions extends DashboardConfig {
    node: GeomeshNode;
    /** The node's listener (its port is used when it can serve HTTP). */
    listener?: Listener;
    /** TLS certificate for a separate port. */
    certificate?: HttpsCertificate;
    /** Host name put in the URL. Default `"127.0.0.1"`. */
    urlHost?: string;
    /** Interface a separate port binds when `hostname` is not given. Default `"127.0.0.1"`. */
    bindHost?: string;
    /** Recent log lines. */
    logs?: LogRing;
    /** Browser bundle loader. Default {@linkcode browserBundleLoader}. */
    bundle?: () => Promise<string>;
    /** Where refused requests are logged. */
    logger?: Logger;
    /** Bounds on the state collection (see {@linkcode DashboardHandlerOptions}). */
    state?: DashboardHandlerOptions["state"];
}
/** A running dashboard. */
export interface Dashboard {
    /** `https://host:port/`. */
    readonly url: string;
    /**
     * The token `/api/state` and `/metrics` need from clients not on loopback;
     * undefined when `public: true`. A secret: print it, do not log it.
     */
    readonly token?: string;
    /** `url` with `?token=` (or `url` when public): the link a person opens. */
    readonly link: string;
    readonly port: number;
    /** True when served on the node's own port. */
    readonly samePort: boolean;
    /** Serves a rotated certificate (separate port only; the listener handles its own). */
    setCertificate(certificate: HttpsCertificate): Promise<void>;
    close(): Promise<void>;
}
/**
 * The dashboard a node serves, if any.
 *
 * @example
 * ```ts
 * import { dashboardOf } from "./mod.js";
 * import { createNode } from "../runtime/create.js";
 * const node = await createNode({ mode: "server", port: 0, logLevel: "error" });
 * const dashboard = dashboardOf(node)!; // served on the node's own TCP port
 * console.assert(dashboard.samePort && dashboard.url === `https://127.0.0.1:${dashboard.port}/`);
 * await node.close();
 * ```
 */
export declare function dashboardOf(node: GeomeshNode): Dashboard | undefined;
/**
 * Starts the dashboard of `node`.
 *
 * @example
 * ```ts
 * import { startDashboard } from "./mod.js";
 * import { generateCertificate } from "../cert/generate.js";
 * import { createNode } from "../runtime/create.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * // A node on the memory network has no HTTPS listener: the dashboard gets its own port.
 * const transport = createMemoryNetwork().transport();
 * const node = await createNode({ transport, logLevel: "error" });
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const dashboard = await startDashboard({ node, certificate, port: 0 });
 * const client = Deno.createHttpClient({ caCerts: [certificate.certPem] });
 * const res = await fetch(new URL("address", dashboard.url), { client } as RequestInit);
 * console.assert((await res.text()).trim() === node.address);
 * client.close();
 * await dashboard.close();
 * await node.close();
 * ```
 */
export declare function startDashboard(options: StartDashboardOptions): Promise<Dashboard>;
