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
import { type Command } from "./args.js";
/**
 * The `peers` command.
 *
 * @example
 * ```ts
 * import { peersCommand } from "./peers.js";
 * console.assert(peersCommand.spec.flags.some((f) => f.name === "info"));
 * ```
 */
export declare const peersCommand: Command;
