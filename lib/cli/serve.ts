/**
 * Running a node from the CLI until SIGINT / SIGTERM (`start`, `listen`):
 * creation (config refusals become usage errors, exit 2), the banner with the
 * id, the shell-quoted address and the dashboard link, and a clean close on
 * a signal.
 *
 * @module
 */
import process from "node:process";
import { createNode, type GeomeshNode, type QuicConfig } from "../../mod.ts";
import { dashboardOf } from "../dashboard/mod.ts";
import { UsageError } from "./args.ts";
import { shellQuote } from "./output.ts";

/**
 * `createNode(config)`, with a config refusal (TypeError / RangeError naming
 * the option) turned into a {@linkcode UsageError} of `command`.
 *
 * @example
 * ```ts
 * import { createCliNode } from "./serve.ts";
 * import { createMemoryNetwork } from "../../mod.ts";
 * const node = await createCliNode("start", { transport: createMemoryNetwork().transport(), logLevel: "error" });
 * await node.close();
 * ```
 */
export async function createCliNode(command: string, config: QuicConfig): Promise<GeomeshNode> {
  try {
    return await createNode(config);
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) {
      throw new UsageError(command, err.message);
    }
    throw err;
  }
}

/**
 * The lines `npm start` has always printed: id and mode, `address: '<address>'`
 * (single-quoted: it contains `?` and `&`), the dashboard link and who may
 * read its data.
 *
 * @example
 * ```ts
 * import { bannerLines } from "./serve.ts";
 * import { createMemoryNetwork, createNode } from "../../mod.ts";
 * const node = await createNode({ transport: createMemoryNetwork().transport(), logLevel: "error" });
 * console.assert(bannerLines(node)[1].startsWith("address: "));
 * await node.close();
 * ```
 */
export function bannerLines(node: GeomeshNode): string[] {
  const lines = [`geomesh node ${node.id} (${node.mode})`, `address: ${shellQuote(node.address)}`];
  const dashboard = dashboardOf(node);
  if (dashboard) {
    lines.push(
      `dashboard: ${dashboard.link} (self-signed certificate: accept it once in the browser)`,
      dashboard.token === undefined
        ? "dashboard data: public (--dashboard-public)"
        : `dashboard data: /api/state and /metrics need the token in the link above ` +
          `(or "Authorization: Bearer <token>")`,
    );
  }
  return lines;
}

/**
 * Resolves once SIGINT or SIGTERM arrived and `node` is closed: the exit code
 * 0 (1 if closing failed). A second signal exits at once with 130.
 *
 * @example
 * ```ts
 * import { serveUntilSignal } from "./serve.ts";
 * console.assert(typeof serveUntilSignal === "function");
 * ```
 */
export function serveUntilSignal(node: GeomeshNode): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    // The handlers stay: a second signal while closing exits at once.
    const stop = () => {
      if (stopping) process.exit(130);
      stopping = true;
      node.close().then(() => resolve(0), () => resolve(1));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
