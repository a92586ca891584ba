/**
 * The commands that talk to the mesh through an ephemeral node (`client.ts`):
 * `ping`, `send`, `request`, `broadcast`. stdout carries only their output
 * (a reply, RTTs); notes go to stderr.
 *
 * @module
 */
import type { GeomeshNode } from "../../mod.ts";
import { type Command, type FlagSpec, UsageError } from "./args.ts";
import { withClient } from "./client.ts";
import { CLIENT_FLAGS } from "./node-flags.ts";
import { jsonLine } from "./output.ts";

const TARGET = {
  name: "target",
  description: "a geomesh:// address (dialed directly) or a node id / actor@id (via --bootstrap)",
};
const JSON_ARG = { name: "json", description: "the payload, as JSON (quote it: '{\"a\":1}')" };

/** `raw` parsed as JSON, else a usage error naming `<json>`. */
function parseJson(command: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new UsageError(
      command,
      `<json> is not valid JSON (${(err as Error).message.split("\n")[0]}): ${
        JSON.stringify(raw.slice(0, 60))
      }; a string is written '"text"'`,
    );
  }
}

/**
 * Pings need a direct session: an id the bootstraps only told us about is
 * dialed at the address discovery gives (waited for, up to `timeoutMs`).
 */
async function dialDirect(node: GeomeshNode, peer: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const known = node.peers().find((p) => p.id === peer);
    if (known?.connected && !known.via) return;
    if (known?.address) {
      await node.connect(known.address);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const short = (id: string) => `${id.slice(0, 12)}…`;

/**
 * `geomesh ping <target>`: datagram round trips to a peer, one line each.
 *
 * @example
 * ```ts
 * import { pingCommand } from "./messaging.ts";
 * console.assert(pingCommand.spec.positionals[0].name === "target");
 * ```
 */
export const pingCommand: Command = {
  spec: {
    name: "ping",
    summary: "measure the round trip to a node (prints one RTT line per ping)",
    details: "An <id> target must be a bootstrap or a node whose address the bootstraps told us.",
    positionals: [TARGET],
    flags: [
      {
        name: "count",
        kind: "int",
        min: 1,
        max: 10_000,
        value: "N",
        default: 3,
        description: "pings to send",
      },
      ...CLIENT_FLAGS,
    ] as FlagSpec[],
  },
  run({ flags, positionals }, io) {
    return withClient("ping", flags, positionals[0], io, async ({ node, target }) => {
      const peer = target!.slice(target!.lastIndexOf("@") + 1);
      await dialDirect(node, peer, flags["timeout-ms"] as number);
      const rtts: number[] = [];
      for (let i = 0; i < (flags.count as number); i++) {
        const ms = await node.ping(peer, { timeoutMs: flags["timeout-ms"] as number });
        rtts.push(ms);
        io.out(`ping ${short(peer)}: ${ms.toFixed(2)} ms`);
      }
      if (rtts.length > 1) {
        const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
        io.out(
          `rtt min/avg/max ${Math.min(...rtts).toFixed(2)}/${avg.toFixed(2)}/${
            Math.max(...rtts).toFixed(2)
          } ms`,
        );
      }
      return 0;
    });
  },
};

/**
 * `geomesh send <target> <json>`: one message, no reply.
 *
 * @example
 * ```ts
 * import { sendCommand } from "./messaging.ts";
 * console.assert(sendCommand.spec.positionals.length === 2);
 * ```
 */
export const sendCommand: Command = {
  spec: {
    name: "send",
    summary: "send a JSON message one-way (done once the peer or relay took it)",
    positionals: [TARGET, JSON_ARG],
    flags: CLIENT_FLAGS,
  },
  run({ flags, positionals }, io) {
    const payload = parseJson("send", positionals[1]);
    return withClient("send", flags, positionals[0], io, async ({ node, target }) => {
      await node.send(target!, payload);
      io.err(`sent to ${short(target!)}`);
      return 0;
    });
  },
};

/**
 * `geomesh request <target> <json>`: prints the JSON reply on stdout.
 *
 * @example
 * ```ts
 * import { requestCommand } from "./messaging.ts";
 * console.assert(requestCommand.spec.name === "request");
 * ```
 */
export const requestCommand: Command = {
  spec: {
    name: "request",
    summary: "send a JSON request and print the JSON reply",
    positionals: [TARGET, JSON_ARG],
    flags: CLIENT_FLAGS,
  },
  run({ flags, positionals }, io) {
    const payload = parseJson("request", positionals[1]);
    return withClient("request", flags, positionals[0], io, async ({ node, target }) => {
      const reply = await node.request(target!, payload, {
        timeoutMs: flags["timeout-ms"] as number,
      });
      io.out(jsonLine(reply ?? null));
      return 0;
    });
  },
};

/**
 * `geomesh broadcast <json>`: one signed broadcast to the whole mesh.
 *
 * @example
 * ```ts
 * import { broadcastCommand } from "./messaging.ts";
 * console.assert(broadcastCommand.spec.positionals[0].name === "json");
 * ```
 */
export const broadcastCommand: Command = {
  spec: {
    name: "broadcast",
    summary: "broadcast a JSON payload to every node of the mesh (through --bootstrap)",
    positionals: [JSON_ARG],
    flags: CLIENT_FLAGS,
  },
  run({ flags, positionals }, io) {
    const payload = parseJson("broadcast", positionals[0]);
    if (!(flags.bootstrap as string[]).length && !(flags.via as string[]).length) {
      throw new UsageError("broadcast", "broadcast needs --bootstrap ADDRESS (the mesh to reach)");
    }
    return withClient("broadcast", flags, undefined, io, async ({ node }) => {
      await node.broadcast(payload);
      io.err(`broadcast to ${node.peers().filter((p) => p.connected && !p.via).length} peer(s)`);
      return 0;
    });
  },
};
