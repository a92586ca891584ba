/**
 * `geomesh address`: the address a `geomesh start` with the same flags
 * advertises, without staying up. It starts the node briefly on a free port
 * (same identity and certificates under `--cert-path`, so the same pins; no
 * dashboard, no bootstrap) and prints its address with the port the flags
 * name, so it works while that node is running and holds the port.
 *
 * @module
 */
import { formatAddress, parseAddress } from "../../mod.ts";
import type { Command } from "./args.ts";
import { LOG_FLAGS, NETWORK_FLAGS, nodeConfig } from "./node-flags.ts";
import { shellQuote } from "./output.ts";
import { createCliNode } from "./serve.ts";

/**
 * The `address` command.
 *
 * @example
 * ```ts
 * import { addressCommand } from "./address.ts";
 * console.assert(addressCommand.spec.flags.some((f) => f.name === "raw"));
 * ```
 */
export const addressCommand: Command = {
  spec: {
    name: "address",
    summary: "print the address `geomesh start` with the same flags advertises, then exit",
    details: "Starts the node briefly on a free port (same identity and certificates, so the\n" +
      "same pins) and prints the address with --port; works while that node runs.\n" +
      "The protocols are the runtime's: run it with the runtime of that start.",
    positionals: [],
    flags: [
      ...NETWORK_FLAGS,
      {
        name: "raw",
        kind: "boolean",
        description: "print the address unquoted (for $(...) in scripts)",
      },
      ...LOG_FLAGS,
    ],
  },
  async run({ flags }, io) {
    const port = flags.port as number;
    const node = await createCliNode("address", { ...nodeConfig("address", flags), port: 0 });
    let text: string;
    try {
      const bound = node.addressInfo.port;
      const address = parseAddress(node.address);
      // Only the bound port is swapped: an --announce port is advertised as given.
      if (port !== 0 && address.port === bound) address.port = port;
      text = formatAddress(address);
    } finally {
      await node.close();
    }
    io.out(flags.raw ? text : shellQuote(text));
    return 0;
  },
};
