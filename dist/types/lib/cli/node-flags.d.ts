import { type QuicConfig } from "../../mod.js";
import { type FlagSpec, type FlagValues } from "./args.js";
/** `--log-level` and `--json-logs`: every command that starts a node. */
export declare const LOG_FLAGS: FlagSpec[];
/** Where and how a listening node runs (`start`, `listen`, `address`). */
export declare const NETWORK_FLAGS: FlagSpec[];
/** `--bootstrap`: nodes to connect to at start. */
export declare const BOOTSTRAP_FLAG: FlagSpec;
/** Dashboard and introspection (`start`, `listen`). */
export declare const SERVICE_FLAGS: FlagSpec[];
/** Flags of the commands that start an ephemeral node to reach the mesh. */
export declare const CLIENT_FLAGS: FlagSpec[];
/**
 * The `--bootstrap` (and `--via`) addresses, unquoted (pasted with the quotes
 * they were printed with) and checked: a bad one is a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { bootstrapAddresses } from "./node-flags.js";
 * const a = `geomesh://${"a".repeat(52)}@127.0.0.1:1?proto=h3`;
 * console.assert(bootstrapAddresses("send", { bootstrap: [`'${a}'`] })[0] === a);
 * ```
 */
export declare function bootstrapAddresses(command: string, values: FlagValues): string[];
/**
 * The config of a listening node (`start`, `listen`; `address` without the services).
 *
 * @example
 * ```ts
 * import { nodeConfig } from "./node-flags.js";
 * const c = nodeConfig("start", { mode: "hybrid", port: 0, host: "127.0.0.1", "cert-path": "./certs",
 *   bootstrap: [], "log-level": "info", "no-dashboard": true, "introspection-peers": [],
 *   "introspection-allow": [] });
 * console.assert(c.port === 0 && c.dashboard === false && c.logLevel === "info");
 * ```
 */
export declare function nodeConfig(command: string, values: FlagValues): QuicConfig;
/**
 * The config of an ephemeral node: no dashboard, no listening port for a
 * client. Bootstraps are dialed by the command itself (`client.ts`), which
 * waits for them and reports a failure.
 *
 * @example
 * ```ts
 * import { clientConfig } from "./node-flags.js";
 * const c = clientConfig({ mode: "client", "timeout-ms": 500, "log-level": "warn" });
 * console.assert(c.mode === "client" && c.connectTimeoutMs === 500 && c.dashboard === false);
 * ```
 */
export declare function clientConfig(values: FlagValues): QuicConfig;
