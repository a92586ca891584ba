import type { Command } from "./args.js";
/**
 * The `address` command.
 *
 * @example
 * ```ts
 * import { addressCommand } from "./address.js";
 * console.assert(addressCommand.spec.flags.some((f) => f.name === "raw"));
 * ```
 */
export declare const addressCommand: Command;
