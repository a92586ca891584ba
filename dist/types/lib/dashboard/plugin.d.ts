import type { NodePlugin } from "../node/create.js";
/**
 * A dashboard plugin for one node.
 *
 * @example
 * ```ts
 * import { dashboardPlugin } from "./plugin.js";
 * import { startNode } from "../node/create.js";
 * import { generateIdentity } from "../identity/identity.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * // On the in-memory transport (no TLS) the plugin serves nothing.
 * const net = createMemoryNetwork();
 * const node = await startNode({ logLevel: "error" }, {
 *   transport: () => Promise.resolve(net.transport()),
 *   identity: () => generateIdentity(),
 *   plugins: () => [dashboardPlugin()],
 * });
 * await node.close();
 * ```
 */
export declare function dashboardPlugin(): NodePlugin;
