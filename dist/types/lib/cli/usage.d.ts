/**
 * `--help` text, generated from the command declarations (`args.ts`) so that
 * every flag is listed with its default and description.
 *
 * @module
 */
import { type CommandSpec } from "./args.js";
/**
 * The help of one command: usage line, details, arguments and every flag.
 *
 * @example
 * ```ts
 * import { commandUsage } from "./usage.js";
 * const text = commandUsage({ name: "id", summary: "print the id", positionals: [], flags: [] });
 * console.assert(text.startsWith("usage: geomesh id") && text.includes("--help"));
 * ```
 */
export declare function commandUsage(spec: CommandSpec): string;
/**
 * `geomesh --help`: the commands, one line each.
 *
 * @example
 * ```ts
 * import { mainUsage } from "./usage.js";
 * const text = mainUsage([{ name: "id", summary: "print the id", positionals: [], flags: [] }]);
 * console.assert(text.includes("id") && text.includes("print the id"));
 * ```
 */
export declare function mainUsage(commands: readonly CommandSpec[]): string;
