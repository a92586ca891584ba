import type { QuicConfig } from "../node/config.js";
import { type NodeRuntime } from "../node/create.js";
import type { GeomeshNode } from "../node/node.js";
/** The parts of Deno and Bun nodes. */
export declare const serverRuntime: NodeRuntime;
/**
 * Creates and starts a node. It logs warnings and errors only unless
 * `logLevel` / `logLevels` or the `GEOMESH_LOG` environment variable
 * (`discovery=debug,pool=info`, or a bare level) say otherwise.
 *
 * @example
 * ```ts
 * import { createNode } from "./create.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * const net = createMemoryNetwork();
 * const server = await createNode({ mode: "server", transport: net.transport(), logLevel: "error" });
 * const client = await createNode({ mode: "client", transport: net.transport(), logLevel: "error" });
 * const id = await client.connect(server.address);
 * server.handle((payload) => ({ echo: payload }));
 * console.assert((await client.request(id, "hi") as { echo: string }).echo === "hi");
 * await client.close();
 * await server.close();
 * ```
 */
export declare function createNode(config?: QuicConfig): Promise<GeomeshNode>;
