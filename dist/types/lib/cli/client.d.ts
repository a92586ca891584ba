/**
 * The ephemeral node of the commands that talk to the mesh, and their
 * targets: a `geomesh://` address is dialed directly; a node id (or
 * `actor@id`) is reached through the `--bootstrap` / `--via` nodes, which
 * relay to it. A target pasted with its printed quotes inside other quotes
 * (`"'geomesh://...'"`) is unquoted first.
 *
 * @module
 */
import { type GeomeshNode } from "../../mod.js";
import { type FlagValues } from "./args.js";
import type { CliIo } from "./output.js";
/** A parsed `<target>`: an address to dial, or an id to reach through bootstraps. */
export type Target = {
    address: string;
} | {
    id: string;
};
/**
 * Parses a `<target>` argument; anything else is a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { parseTarget } from "./client.js";
 * const id = "a".repeat(52);
 * console.assert("id" in parseTarget("send", `'${id}'`));
 * console.assert("address" in parseTarget("send", `geomesh://${id}@127.0.0.1:1?proto=h3`));
 * ```
 */
export declare function parseTarget(command: string, raw: string): Target;
/** What a mesh command gets: its node and the resolved target (`id` or `actor@id`). */
export interface ClientContext {
    node: GeomeshNode;
    /** The target to pass to `send` / `request` / `ping` (undefined without a target). */
    target?: string;
    io: CliIo;
}
/**
 * Starts the ephemeral node, dials the bootstraps (at least one must answer
 * when any is given) and the target, runs `fn`, and closes the node.
 * Arguments are checked before anything starts.
 *
 * @example
 * ```ts
 * import { withClient } from "./client.js";
 * console.assert(typeof withClient === "function");
 * ```
 */
export declare function withClient(command: string, flags: FlagValues, rawTarget: string | undefined, io: CliIo, fn: (ctx: ClientContext) => Promise<number>): Promise<number>;
