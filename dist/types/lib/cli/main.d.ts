import { type Command } from "./args.js";
import { type CliIo } from "./output.js";
/** Every command, in the order `geomesh --help` lists them. */
export declare const COMMANDS: readonly Command[];
/**
 * Runs the CLI on `args` (without the runtime and script) and resolves with
 * the exit code. Long-running commands (`start`, `listen`) resolve after
 * SIGINT / SIGTERM closed the node.
 *
 * @example
 * ```ts
 * import { main } from "./main.js";
 * const lines: string[] = [];
 * const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
 * console.assert(await main(["send", "--bogus"], io) === 2);
 * console.assert(lines[0].includes("--bogus"));
 * ```
 */
export declare function main(args: string[], io?: CliIo): Promise<number>;
/**
 * `main(args)` then exits the process with its code (open sockets of a
 * closed node must not keep it alive).
 *
 * @example
 * ```ts ignore
 * import { run } from "./main.js";
 * await run(["id", "--cert-path", "./certs"]);
 * ```
 */
export declare function run(args?: string[]): Promise<never>;
