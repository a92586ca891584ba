/**
 * `geomesh start` (the default command, `npm start`): a node that stays up,
 * answers requests with `{ echo, from }` and prints the messages it gets.
 *
 * @module
 */
import type { Command } from "./args.ts";
import {
  BOOTSTRAP_FLAG,
  LOG_FLAGS,
  NETWORK_FLAGS,
  nodeConfig,
  SERVICE_FLAGS,
} from "./node-flags.ts";
import { bannerLines, createCliNode, serveUntilSignal } from "./serve.ts";

/**
 * The `start` command.
 *
 * @example
 * ```ts
 * import { startCommand } from "./start.ts";
 * console.assert(startCommand.spec.flags.some((f) => f.name === "port"));
 * ```
 */
export const startCommand: Command = {
  spec: {
    name: "start",
    summary: "run a node until Ctrl-C; prints its id, address and dashboard link (default command)",
    details: "Answers requests with { echo, from } and prints each message it receives.\n" +
      "env: GEOMESH_DASHBOARD_TOKEN  a fixed dashboard token (default: random per start)",
    positionals: [],
    flags: [...NETWORK_FLAGS, BOOTSTRAP_FLAG, ...LOG_FLAGS, ...SERVICE_FLAGS],
  },
  async run({ flags }, io) {
    const node = await createCliNode("start", nodeConfig("start", flags));
    node.handle((payload, { from }) => ({ echo: payload, from }));
    node.addEventListener("message", (e) => {
      const { from, payload } = e.detail;
      io.out(`message from ${from.slice(0, 12)}…: ${JSON.stringify(payload)}`);
    });
    for (const line of bannerLines(node)) io.out(line);
    return await serveUntilSignal(node);
  },
};
