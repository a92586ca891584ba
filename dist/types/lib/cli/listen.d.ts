/**
 * `geomesh listen`: a node like `start` whose stdout is one JSON line per
 * message, request and broadcast it receives (`{type, from, payload, ...}`),
 * for piping into `jq` or a test. Its banner goes to stderr.
 *
 * @module
 */
import type { Command } from "./args.js";
/**
 * The `listen` command.
 *
 * @example
 * ```ts
 * import { listenCommand } from "./listen.js";
 * console.assert(listenCommand.spec.name === "listen");
 * ```
 */
export declare const listenCommand: Command;
