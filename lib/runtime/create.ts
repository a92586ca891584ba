/**
 * `createNode` for Deno and Bun: the composition root of server-capable
 * nodes. It wires the runtime's transport (HTTP/3 + HTTP/2/WebSocket on
 * Deno, HTTP/2/WebSocket on Bun, chosen lazily), the identity store under
 * `certPath`, rotating certificates, and the dashboard and introspection
 * plugins into {@linkcode startNode}. Pages use `lib/browser/mod.ts`.
 *
 * @module
 */
import { networkInterfaces } from "node:os";
import { generateIdentity } from "../identity/identity.ts";
import { loadOrCreateIdentity } from "../identity/store.ts";
import type { InterfaceAddress } from "../address/announce.ts";
import type { QuicConfig } from "../node/config.ts";
import { type NodeRuntime, startNode } from "../node/create.ts";
import type { GeomeshNode } from "../node/node.ts";
import { dashboardPlugin } from "../dashboard/plugin.ts";
import { introspectionPlugin } from "../node/introspect.ts";
import { rotatingCertificates } from "./certificates.ts";
import { envLogSpec } from "./env.ts";

/** This machine's interface addresses (for nodes listening on `0.0.0.0` / `::`). */
function interfaces(): InterfaceAddress[] {
  return Object.values(networkInterfaces()).flatMap((list) => list ?? []);
}

/** The parts of Deno and Bun nodes. */
export const serverRuntime: NodeRuntime = {
  transport: async () => await (await import("../transport/mod.ts")).defaultTransport(),
  identity: (config, logger) =>
    config.certPath
      ? loadOrCreateIdentity({ certPath: config.certPath, logger })
      : generateIdentity(),
  certificates: rotatingCertificates,
  interfaces,
  plugins: () => [introspectionPlugin(), dashboardPlugin()],
  logSpec: () => envLogSpec(),
};

/**
 * Creates and starts a node. It logs warnings and errors only unless
 * `logLevel` / `logLevels` or the `GEOMESH_LOG` environment variable
 * (`discovery=debug,pool=info`, or a bare level) say otherwise.
 *
 * @example
 * ```ts
 * import { createNode } from "./create.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
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
export function createNode(config: QuicConfig = {}): Promise<GeomeshNode> {
  return startNode(config, serverRuntime);
}
