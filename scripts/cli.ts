/**
 * `npm start`: the geomesh CLI (`lib/cli/main.ts`) from the source tree; with
 * no command it runs `geomesh start` (hybrid, port 4433, host 127.0.0.1,
 * keys under ./certs) and prints the node's address and dashboard link.
 * Runs under Deno (`deno run -A scripts/cli.ts`) and Bun (`bun scripts/cli.ts`);
 * `geomesh --help` lists the commands, `geomesh <command> --help` their flags.
 *
 * @module
 */
import { run } from "../lib/cli/main.ts";

await run();
