/**
 * `geomesh start` (the default command, `npm start`): a node that stays up,
 * answers requests with `{ echo, from }` and prints the messages it gets.
 *
 * @module
 */
import type { Command } from "./args.js";
/**
 * The `start` command.
 *
 * @example
 * ```ts
 * import { startCommand } from "./start.js";
 * console.assert(startCommand.spec.flags.some((f) => f.name === "port"));
 * ```
 */
export declare const startCommand: Command;
