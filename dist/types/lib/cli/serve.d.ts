import { type GeomeshNode, type QuicConfig } from "../../mod.js";
/**
 * `createNode(config)`, with a config refusal (TypeError / RangeError naming
 * the option) turned into a {@linkcode UsageError} of `command`.
 *
 * @example
 * ```ts
 * import { createCliNode } from "./serve.js";
 * import { createMemoryNetwork } from "../../mod.js";
 * const node = await createCliNode("start", { transport: createMemoryNetwork().transport(), logLevel: "error" });
 * await node.close();
 * ```
 */
export declare function createCliNode(command: string, config: QuicConfig): Promise<GeomeshNode>;
/**
 * The lines `npm start` has always printed: id and mode, `address: '<address>'`
 * (single-quoted: it contains `?` and `&`), the dashboard link and who may
 * read its data.
 *
 * @example
 * ```ts
 * import { bannerLines } from "./serve.js";
 * import { createMemoryNetwork, createNode } from "../../mod.js";
 * const node = await createNode({ transport: createMemoryNetwork().transport(), logLevel: "error" });
 * console.assert(bannerLines(node)[1].startsWith("address: "));
 * await node.close();
 * ```
 */
export declare function bannerLines(node: GeomeshNode): string[];
/**
 * Resolves once SIGINT or SIGTERM arrived and `node` is closed: the exit code
 * 0 (1 if closing failed). A second signal exits at once with 130.
 *
 * @example
 * ```ts
 * import { serveUntilSignal } from "./serve.js";
 * console.assert(typeof serveUntilSignal === "function");
 * ```
 */
export declare function serveUntilSignal(node: GeomeshNode): Promise<number>;
