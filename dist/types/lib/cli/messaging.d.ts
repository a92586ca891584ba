import { type Command } from "./args.js";
/**
 * `geomesh ping <target>`: datagram round trips to a peer, one line each.
 *
 * @example
 * ```ts
 * import { pingCommand } from "./messaging.js";
 * console.assert(pingCommand.spec.positionals[0].name === "target");
 * ```
 */
export declare const pingCommand: Command;
/**
 * `geomesh send <target> <json>`: one message, no reply.
 *
 * @example
 * ```ts
 * import { sendCommand } from "./messaging.js";
 * console.assert(sendCommand.spec.positionals.length === 2);
 * ```
 */
export declare const sendCommand: Command;
/**
 * `geomesh request <target> <json>`: prints the JSON reply on stdout.
 *
 * @example
 * ```ts
 * import { requestCommand } from "./messaging.js";
 * console.assert(requestCommand.spec.name === "request");
 * ```
 */
export declare const requestCommand: Command;
/**
 * `geomesh broadcast <json>`: one signed broadcast to the whole mesh.
 *
 * @example
 * ```ts
 * import { broadcastCommand } from "./messaging.js";
 * console.assert(broadcastCommand.spec.positionals[0].name === "json");
 * ```
 */
export declare const broadcastCommand: Command;
