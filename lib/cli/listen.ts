/**
 * `geomesh listen`: a node like `start` whose stdout is one JSON line per
 * message, request and broadcast it receives (`{type, from, payload, ...}`),
 * for piping into `jq` or a test. Its banner goes to stderr.
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
import { jsonLine } from "./output.ts";
import { bannerLines, createCliNode, serveUntilSignal } from "./serve.ts";

/**
 * The `listen` command.
 *
 * @example
 * ```ts
 * import { listenCommand } from "./listen.ts";
 * console.assert(listenCommand.spec.name === "listen");
 * ```
 */
export const listenCommand: Command = {
  spec: {
    name: "listen",
    summary: "run a node that prints every message, request and broadcast it gets as a JSON line",
    details:
      'stdout: {"type":"message"|"request"|"broadcast","from":ID,"payload":...,"via"?,"hops"?}\n' +
      "per line; requests are answered with { echo, from }. The banner (address) goes to stderr.",
    positionals: [],
    flags: [...NETWORK_FLAGS, BOOTSTRAP_FLAG, ...LOG_FLAGS, ...SERVICE_FLAGS],
  },
  async run({ flags }, io) {
    const node = await createCliNode("listen", nodeConfig("listen", flags));
    node.handle((payload, { from }) => {
      io.out(jsonLine({ type: "request", from, payload }));
      return { echo: payload, from };
    });
    node.addEventListener("message", (e) => {
      const { from, payload, via } = e.detail;
      io.out(
        jsonLine(
          via === undefined
            ? { type: "message", from, payload }
            : { type: "message", from, payload, via },
        ),
      );
    });
    node.addEventListener("broadcast", (e) => {
      const { from, payload, hops } = e.detail;
      io.out(jsonLine({ type: "broadcast", from, payload, hops }));
    });
    for (const line of bannerLines(node)) io.err(line);
    return await serveUntilSignal(node);
  },
};
