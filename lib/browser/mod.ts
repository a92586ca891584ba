/**
 * geomesh for browsers: the entry point of the one-file browser build
 * (`geomesh.js`, see `bundle.ts`). A page is a client-mode node with an
 * ephemeral identity; it dials server-mode nodes with native WebTransport
 * (HTTP/3, pinned by the address's certificate hashes) or, where a node
 * offers only TCP, with the WebSocket ponyfill.
 *
 * @example
 * ```ts
 * // A page imports the bundle a node serves: `import { createNode } from
 * // "https://host:port/geomesh.js"`. Its source runs in Deno too (native WebTransport).
 * import { createNode } from "./mod.ts";
 * import { createNode as createServerNode } from "../runtime/create.ts";
 * const server = await createServerNode({ mode: "server", port: 0, logLevel: "error" });
 * server.handle((payload) => `hello, ${payload}`);
 * const node = await createNode({ bootstrap: [server.address], logLevel: "error" });
 * const id = await node.connect(server.address);
 * console.assert(await node.request(id, "page") === "hello, page");
 * await node.close();
 * await server.close();
 * ```
 *
 * @module
 */
import { type NodeRuntime, startNode } from "../node/create.ts";
import { generateIdentity } from "../identity/identity.ts";
import { introspectionPlugin } from "../node/introspect.ts";
import type { QuicConfig } from "../node/config.ts";
import type { GeomeshNode } from "../node/node.ts";
import { browserTransport } from "../transport/browser.ts";

export * from "../errors.ts";
export { createLogger, silentLogger } from "../log.ts";
export type { CreateLoggerOptions, LogFields, Logger, LogLevel } from "../log.ts";
export { GeomeshNode } from "../node/node.ts";
export type { Handler, HandlerContext, PeerInfo, RequestOptions } from "../node/node.ts";
export type {
  BroadcastDetail,
  BroadcastSentDetail,
  GeomeshNodeEventMap,
  GeomeshNodeListener,
  MessageDetail,
  PeerConnectedDetail,
  PeerDisconnectedDetail,
  PeerDiscoveredDetail,
} from "../node/events.ts";
export type { NetworkMode, QuicConfig } from "../node/config.ts";
export { formatAddress, parseAddress } from "../address/address.ts";
export type { NodeAddress } from "../address/address.ts";
export { metricsToPrometheus } from "../metrics.ts";
export type { NodeMetrics } from "../metrics.ts";
export { browserTransport, dialBrowser } from "../transport/browser.ts";

/** The parts of a page's node: the browser transport, an ephemeral identity and introspection. */
const browserRuntime: NodeRuntime = {
  transport: () => Promise.resolve(browserTransport),
  identity: () => generateIdentity(),
  plugins: () => [introspectionPlugin()],
};

/**
 * Creates a browser node: `mode` defaults to (and must be) `"client"`, the
 * identity is ephemeral (no `certPath`), the transport is the browser one.
 *
 * @example
 * ```ts
 * import { createNode } from "./mod.ts";
 * const refused = await createNode({ mode: "server" }).catch((e) => e);
 * console.assert(refused instanceof TypeError); // a page can not listen
 * const node = await createNode({ logLevel: "error" });
 * console.assert(node.mode === "client");
 * await node.close();
 * ```
 */
export function createNode(config: QuicConfig = {}): Promise<GeomeshNode> {
  if (config === null || typeof config !== "object") {
    return Promise.reject(new TypeError("config must be an object"));
  }
  if (config.mode !== undefined && config.mode !== "client") {
    return Promise.reject(
      new TypeError(
        `a browser node runs in mode "client" only, not ${JSON.stringify(config.mode)}`,
      ),
    );
  }
  if (config.certPath !== undefined) {
    return Promise.reject(new TypeError("config.certPath is not supported in browsers"));
  }
  return startNode({ ...config, mode: "client" }, browserRuntime);
}
