/**
 * `geomesh peers`: the peers an ephemeral node sees after connecting to its
 * bootstraps and listening to discovery for `--wait-ms`, one JSON line each
 * (`{id, connected, address?, via?, mode?, protocol?, rttMs?}`). With
 * `--info`, it also asks each directly connected peer over the introspection
 * request `geomesh.info` (answered only by nodes started with
 * `--introspection`; their peer lists only to the ids they name in
 * `--introspection-peers`) and prints each answer as a `{"type":"info",...}` line.
 *
 * @module
 */
import { type Command, type FlagSpec, UsageError } from "./args.ts";
import { withClient } from "./client.ts";
import { CLIENT_FLAGS } from "./node-flags.ts";
import { jsonLine } from "./output.ts";
import { INFO_ACTOR } from "../node/introspect.ts";

/**
 * The `peers` command.
 *
 * @example
 * ```ts
 * import { peersCommand } from "./peers.ts";
 * console.assert(peersCommand.spec.flags.some((f) => f.name === "info"));
 * ```
 */
export const peersCommand: Command = {
  spec: {
    name: "peers",
    summary: "list the peers seen through --bootstrap, one JSON line each",
    details: "An ephemeral node connects to the bootstraps, waits --wait-ms for discovery and\n" +
      "prints node.peers(). --info also asks each direct peer's geomesh.info (nodes started\n" +
      "with --introspection answer; peer lists only to ids in their --introspection-peers).",
    positionals: [],
    flags: [
      {
        name: "wait-ms",
        kind: "int",
        min: 0,
        max: 60_000,
        value: "MS",
        default: 1000,
        description: "how long to listen to discovery before printing",
      },
      { name: "info", kind: "boolean", description: "also print each direct peer's geomesh.info" },
      ...CLIENT_FLAGS,
    ] as FlagSpec[],
  },
  run({ flags }, io) {
    if (!(flags.bootstrap as string[]).length && !(flags.via as string[]).length) {
      throw new UsageError("peers", "peers needs --bootstrap ADDRESS (the nodes to ask)");
    }
    return withClient("peers", flags, undefined, io, async ({ node }) => {
      await new Promise((resolve) => setTimeout(resolve, flags["wait-ms"] as number));
      const peers = node.peers();
      for (const p of peers) io.out(jsonLine({ type: "peer", ...p }));
      if (flags.info) {
        for (const p of peers.filter((p) => p.connected && !p.via)) {
          try {
            const info = await node.request(`${INFO_ACTOR}@${p.id}`, null, {
              timeoutMs: flags["timeout-ms"] as number,
            });
            io.out(jsonLine({ type: "info", ...(info as object) }));
          } catch (err) {
            const code = (err as { code?: string }).code ?? (err as Error).name;
            io.err(`geomesh peers: ${p.id.slice(0, 12)}… geomesh.info: ${code}`);
          }
        }
      }
      io.err(`${peers.length} peer(s)`);
      return 0;
    });
  },
};
