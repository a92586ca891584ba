/**
 * The dashboard as a node plugin (wired by `lib/runtime/create.ts`): keeps
 * recent log lines and serves the site of server and hybrid nodes on TLS
 * transports, following the `dashboard` config option.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { ResolvedConfig } from "../node/config.ts";
import type { NodePlugin } from "../node/create.ts";
import type { Transport } from "../transport/types.ts";
import { LogRing } from "./log-ring.ts";
import { startDashboard } from "./mod.ts";

function wanted(config: ResolvedConfig, transport: Transport): boolean {
  return config.dashboard !== false && config.mode !== "client" && transport.secure;
}

/**
 * A dashboard plugin for one node.
 *
 * @example
 * ```ts
 * import { dashboardPlugin } from "./plugin.ts";
 * import { startNode } from "../node/create.ts";
 * import { generateIdentity } from "../identity/identity.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
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
export function dashboardPlugin(): NodePlugin {
  let logs: LogRing | undefined;
  return {
    name: "dashboard",
    wrapLogger(logger: Logger, config, transport): Logger {
      if (!wanted(config, transport)) return logger;
      return logs = new LogRing(logger);
    },
    async start({ node, config, transport, listener, certificate, logger }) {
      if (!wanted(config, transport) || !listener) return;
      const options = typeof config.dashboard === "object" ? config.dashboard : {};
      const dashboard = await startDashboard({
        ...options,
        node,
        listener,
        certificate,
        urlHost: config.hostnames[0],
        bindHost: config.hostname,
        logs,
        logger,
      });
      // The URL only: the token is a secret, and log lines travel (and show on the dashboard).
      logger.info("dashboard", {
        url: dashboard.url,
        access: dashboard.token === undefined ? "public" : "token or loopback",
      });
      return {
        close: () => dashboard.close(),
        setCertificate: (c) => dashboard.setCertificate(c),
      };
    },
  };
}
