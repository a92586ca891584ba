/**
 * The ephemeral node of the commands that talk to the mesh, and their
 * targets: a `geomesh://` address is dialed directly; a node id (or
 * `actor@id`) is reached through the `--bootstrap` / `--via` nodes, which
 * relay to it. A target pasted with its printed quotes inside other quotes
 * (`"'geomesh://...'"`) is unquoted first.
 *
 * @module
 */
import { type GeomeshNode, parseAddress } from "../../mod.ts";
import { type FlagValues, UsageError } from "./args.ts";
import { bootstrapAddresses, clientConfig } from "./node-flags.ts";
import type { CliIo } from "./output.ts";
import { unquote } from "./output.ts";
import { createCliNode } from "./serve.ts";

const TARGET_ID = /^(?:[^@\s]+@)?[a-z2-7]{52}$/;

/** A parsed `<target>`: an address to dial, or an id to reach through bootstraps. */
export type Target = { address: string } | { id: string };

/**
 * Parses a `<target>` argument; anything else is a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { parseTarget } from "./client.ts";
 * const id = "a".repeat(52);
 * console.assert("id" in parseTarget("send", `'${id}'`));
 * console.assert("address" in parseTarget("send", `geomesh://${id}@127.0.0.1:1?proto=h3`));
 * ```
 */
export function parseTarget(command: string, raw: string): Target {
  const text = unquote(raw);
  if (text.startsWith("geomesh://")) {
    try {
      parseAddress(text);
    } catch (err) {
      throw new UsageError(command, `<target>: ${(err as Error).message}`);
    }
    return { address: text };
  }
  if (TARGET_ID.test(text)) return { id: text };
  throw new UsageError(
    command,
    `<target> must be a geomesh:// address or a node id (52 base32 characters), got ${
      JSON.stringify(text.slice(0, 60))
    }`,
  );
}

/** What a mesh command gets: its node and the resolved target (`id` or `actor@id`). */
export interface ClientContext {
  node: GeomeshNode;
  /** The target to pass to `send` / `request` / `ping` (undefined without a target). */
  target?: string;
  io: CliIo;
}

/**
 * Bounds a close so a peer that never answers the goodbye cannot hold the CLI.
 */
async function closeBounded(node: GeomeshNode, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    node.close().catch(() => {}),
    new Promise<void>((resolve) => timer = setTimeout(resolve, ms)),
  ]);
  clearTimeout(timer);
}

/**
 * Starts the ephemeral node, dials the bootstraps (at least one must answer
 * when any is given) and the target, runs `fn`, and closes the node.
 * Arguments are checked before anything starts.
 *
 * @example
 * ```ts
 * import { withClient } from "./client.ts";
 * console.assert(typeof withClient === "function");
 * ```
 */
export async function withClient(
  command: string,
  flags: FlagValues,
  rawTarget: string | undefined,
  io: CliIo,
  fn: (ctx: ClientContext) => Promise<number>,
): Promise<number> {
  const target = rawTarget === undefined ? undefined : parseTarget(command, rawTarget);
  const via = bootstrapAddresses(command, flags);
  if (target && "id" in target && via.length === 0) {
    throw new UsageError(
      command,
      "<target> is a node id: reaching it needs --bootstrap ADDRESS (or --via ADDRESS)",
    );
  }
  const node = await createCliNode(command, clientConfig(flags));
  try {
    if (via.length) {
      const results = await Promise.allSettled(via.map((a) => node.connect(a)));
      const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
      if (failed.length === results.length) throw failed[0].reason;
      for (const f of failed) io.err(`geomesh ${command}: a bootstrap failed: ${f.reason}`);
    }
    const resolved = target === undefined
      ? undefined
      : "address" in target
      ? await node.connect(target.address)
      : target.id;
    return await fn({ node, target: resolved, io });
  } finally {
    await closeBounded(node, 3000);
  }
}
