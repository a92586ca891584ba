/**
 * The geomesh CLI: `geomesh [command] [arguments] [flags]` (`start` when no
 * command is given). {@linkcode main} resolves with the exit code: 0 ok,
 * 1 a runtime failure (one line with the error code), 2 a bad invocation
 * (one line naming the flag or argument, then the command's usage). Never a
 * stack trace. {@linkcode run} is what launchers call (`bin/geomesh.mjs`,
 * `scripts/cli.ts`): `main` on the process arguments, then exit.
 *
 * @module
 */
import process from "node:process";
import { type Command, parseCommandArgs, UsageError } from "./args.ts";
import { addressCommand } from "./address.ts";
import { idCommand } from "./id.ts";
import { listenCommand } from "./listen.ts";
import { broadcastCommand, pingCommand, requestCommand, sendCommand } from "./messaging.ts";
import { type CliIo, consoleIo, failureLine } from "./output.ts";
import { peersCommand } from "./peers.ts";
import { startCommand } from "./start.ts";
import { commandUsage, mainUsage } from "./usage.ts";

/** Every command, in the order `geomesh --help` lists them. */
export const COMMANDS: readonly Command[] = [
  startCommand,
  listenCommand,
  idCommand,
  addressCommand,
  pingCommand,
  sendCommand,
  requestCommand,
  broadcastCommand,
  peersCommand,
];

const specs = COMMANDS.map((c) => c.spec);

/**
 * Runs the CLI on `args` (without the runtime and script) and resolves with
 * the exit code. Long-running commands (`start`, `listen`) resolve after
 * SIGINT / SIGTERM closed the node.
 *
 * @example
 * ```ts
 * import { main } from "./main.ts";
 * const lines: string[] = [];
 * const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
 * console.assert(await main(["send", "--bogus"], io) === 2);
 * console.assert(lines[0].includes("--bogus"));
 * ```
 */
export async function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  let command: Command | undefined;
  try {
    const [first, ...rest] = args;
    if (first === "--help" || first === "-h" || first === "help") {
      const named = first === "help" ? COMMANDS.find((c) => c.spec.name === rest[0]) : undefined;
      io.out(named ? commandUsage(named.spec) : mainUsage(specs));
      return 0;
    }
    const named = first !== undefined && !first.startsWith("-");
    command = named ? COMMANDS.find((c) => c.spec.name === first) : startCommand;
    if (!command) {
      throw new UsageError(
        undefined,
        `unknown command ${JSON.stringify(first)}: use one of ${
          specs.map((s) => s.name).join(", ")
        }`,
      );
    }
    const parsed = parseCommandArgs(command.spec, named ? rest : args);
    if (parsed.flags.help) {
      io.out(commandUsage(command.spec));
      return 0;
    }
    return await command.run(parsed, io);
  } catch (err) {
    if (err instanceof UsageError) {
      const spec = specs.find((s) => s.name === err.command);
      io.err(`geomesh${spec ? ` ${spec.name}` : ""}: ${err.message}`);
      io.err("");
      io.err(spec ? commandUsage(spec) : mainUsage(specs));
      return 2;
    }
    io.err(failureLine(command?.spec.name ?? "", err));
    return 1;
  }
}

/**
 * `main(args)` then exits the process with its code (open sockets of a
 * closed node must not keep it alive).
 *
 * @example
 * ```ts ignore
 * import { run } from "./main.ts";
 * await run(["id", "--cert-path", "./certs"]);
 * ```
 */
export async function run(args: string[] = process.argv.slice(2)): Promise<never> {
  const code = await main(args);
  process.exit(code);
}

// Self-running when this module (or the bundle made from it, dist/cli.js) is the entry.
if ((import.meta as { main?: boolean }).main) await run();
