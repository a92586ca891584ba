import type { Command } from "./args.js";
/**
 * The `id` command.
 *
 * @example
 * ```ts
 * import { idCommand } from "./id.js";
 * console.assert(idCommand.spec.flags[0].name === "cert-path");
 * ```
 */
export declare const idCommand: Command;
