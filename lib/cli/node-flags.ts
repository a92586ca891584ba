/**
 * The flags that describe a node, shared by the commands that run one
 * (`start`, `listen`, `address`) and by those that start an ephemeral client
 * node to talk to the mesh (`ping`, `send`, `request`, `broadcast`, `peers`),
 * and their translation into a `createNode` config. The CLI passes
 * `logLevel` explicitly (default info) so it stays talkative whatever the
 * library's own default is.
 *
 * @module
 */
import process from "node:process";
import { type LogLevel, type NetworkMode, parseAddress, type QuicConfig } from "../../mod.ts";
import type { DashboardOptions } from "../node/config.ts";
import { type FlagSpec, type FlagValues, UsageError } from "./args.ts";
import { unquote } from "./output.ts";

const PORT = { kind: "int", min: 0, max: 65535, value: "N" } as const;

/** `--log-level` and `--json-logs`: every command that starts a node. */
export const LOG_FLAGS: FlagSpec[] = [
  {
    name: "log-level",
    kind: "choice",
    choices: ["debug", "info", "warn", "error", "silent"],
    value: "LEVEL",
    default: "info",
    description: "lowest log level written to stderr: debug|info|warn|error|silent",
  },
  { name: "json-logs", kind: "boolean", description: "write logs as one JSON object per line" },
];

/** Where and how a listening node runs (`start`, `listen`, `address`). */
export const NETWORK_FLAGS: FlagSpec[] = [
  {
    name: "mode",
    kind: "choice",
    choices: ["client", "server", "hybrid"],
    value: "MODE",
    default: "hybrid",
    description: "client (dials only), server (accepts only) or hybrid (both)",
  },
  { name: "port", ...PORT, default: 4433, description: "UDP/TCP port to listen on (0: any free)" },
  {
    name: "host",
    kind: "string",
    value: "HOST",
    default: "127.0.0.1",
    description: "interface to listen on (0.0.0.0 or ::, every interface, advertises each)",
  },
  {
    name: "announce",
    kind: "string",
    value: "HOST[:PORT]",
    description: "advertise this public name / NAT-mapped port instead of the interface",
  },
  {
    name: "cert-path",
    kind: "string",
    value: "DIR",
    default: "./certs",
    description: "directory of the identity key and certificates (created if absent)",
  },
];

/** `--bootstrap`: nodes to connect to at start. */
export const BOOTSTRAP_FLAG: FlagSpec = {
  name: "bootstrap",
  kind: "string",
  value: "ADDRESS",
  multiple: true,
  description: "connect to this node's geomesh:// address at start",
};

/** Dashboard and introspection (`start`, `listen`). */
export const SERVICE_FLAGS: FlagSpec[] = [
  {
    name: "dashboard-port",
    ...PORT,
    defaultText: "the node's port",
    description: "serve the dashboard on this separate HTTPS port",
  },
  { name: "no-dashboard", kind: "boolean", description: "serve no dashboard" },
  {
    name: "dashboard-public",
    kind: "boolean",
    description: "serve /api/state and /metrics to anyone reaching the port, no token",
  },
  {
    name: "dashboard-no-loopback",
    kind: "boolean",
    description: "clients on this machine need the token too (behind a local proxy)",
  },
  {
    name: "introspection",
    kind: "boolean",
    description: "answer geomesh.info (runtime and mode) to peers",
  },
  {
    name: "introspection-peers",
    kind: "string",
    value: "all|ID",
    multiple: true,
    description: "also tell these peers our direct peers; implies --introspection",
  },
  {
    name: "introspection-allow",
    kind: "string",
    value: "ID",
    multiple: true,
    description: "answer geomesh.info only to these peers",
  },
];

/** Flags of the commands that start an ephemeral node to reach the mesh. */
export const CLIENT_FLAGS: FlagSpec[] = [
  BOOTSTRAP_FLAG,
  {
    name: "via",
    kind: "string",
    value: "ADDRESS",
    multiple: true,
    description: "same as --bootstrap: a node to relay through to reach an <id> target",
  },
  {
    name: "cert-path",
    kind: "string",
    value: "DIR",
    defaultText: "a fresh identity per run",
    description: "use (or create) the identity under DIR",
  },
  {
    name: "mode",
    kind: "choice",
    choices: ["client", "hybrid"],
    default: "client",
    description: "mode of the ephemeral node",
  },
  {
    name: "timeout-ms",
    kind: "int",
    min: 1,
    max: 600_000,
    value: "MS",
    default: 10_000,
    description: "give up connecting or waiting for a reply after this long",
  },
  ...LOG_FLAGS,
];

/**
 * The `--bootstrap` (and `--via`) addresses, unquoted (pasted with the quotes
 * they were printed with) and checked: a bad one is a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { bootstrapAddresses } from "./node-flags.ts";
 * const a = `geomesh://${"a".repeat(52)}@127.0.0.1:1?proto=h3`;
 * console.assert(bootstrapAddresses("send", { bootstrap: [`'${a}'`] })[0] === a);
 * ```
 */
export function bootstrapAddresses(command: string, values: FlagValues): string[] {
  const list = [
    ...((values.bootstrap as string[] | undefined) ?? []),
    ...((values.via as string[] | undefined) ?? []),
  ].map(unquote);
  for (const a of list) {
    try {
      parseAddress(a);
    } catch (err) {
      throw new UsageError(command, `--bootstrap: ${(err as Error).message}`);
    }
  }
  return list;
}

function logConfig(values: FlagValues): QuicConfig {
  return {
    logLevel: values["log-level"] as LogLevel,
    logFormat: values["json-logs"] ? "json" : "text",
  };
}

function dashboardOption(values: FlagValues): QuicConfig["dashboard"] {
  if (values["no-dashboard"]) return false;
  const d: DashboardOptions = {};
  if (values["dashboard-port"] !== undefined) d.port = values["dashboard-port"] as number;
  if (values["dashboard-public"]) d.public = true;
  if (values["dashboard-no-loopback"]) d.trustLoopback = false;
  // From the environment, so a fixed token stays out of the process list.
  const token = process.env.GEOMESH_DASHBOARD_TOKEN;
  if (token) d.token = token;
  return Object.keys(d).length ? d : true;
}

function introspectionOption(values: FlagValues): QuicConfig["introspection"] {
  const peers = values["introspection-peers"] as string[];
  const allow = values["introspection-allow"] as string[];
  if (!values.introspection && !peers.length && !allow.length) return false;
  return {
    allow: allow.length ? allow : "all",
    peers: peers.includes("all") ? "all" : peers.length ? peers : "none",
  };
}

/**
 * The config of a listening node (`start`, `listen`; `address` without the services).
 *
 * @example
 * ```ts
 * import { nodeConfig } from "./node-flags.ts";
 * const c = nodeConfig("start", { mode: "hybrid", port: 0, host: "127.0.0.1", "cert-path": "./certs",
 *   bootstrap: [], "log-level": "info", "no-dashboard": true, "introspection-peers": [],
 *   "introspection-allow": [] });
 * console.assert(c.port === 0 && c.dashboard === false && c.logLevel === "info");
 * ```
 */
export function nodeConfig(command: string, values: FlagValues): QuicConfig {
  return {
    mode: values.mode as NetworkMode,
    port: values.port as number,
    hostname: values.host as string,
    announce: values.announce as string | undefined,
    certPath: values["cert-path"] as string,
    bootstrap: bootstrapAddresses(command, values),
    dashboard: values["introspection-peers"] ? dashboardOption(values) : false,
    introspection: values["introspection-peers"] ? introspectionOption(values) : false,
    ...logConfig(values),
  };
}

/**
 * The config of an ephemeral node: no dashboard, no listening port for a
 * client. Bootstraps are dialed by the command itself (`client.ts`), which
 * waits for them and reports a failure.
 *
 * @example
 * ```ts
 * import { clientConfig } from "./node-flags.ts";
 * const c = clientConfig({ mode: "client", "timeout-ms": 500, "log-level": "warn" });
 * console.assert(c.mode === "client" && c.connectTimeoutMs === 500 && c.dashboard === false);
 * ```
 */
export function clientConfig(values: FlagValues): QuicConfig {
  const config: QuicConfig = {
    mode: values.mode as NetworkMode,
    dashboard: false,
    introspection: false,
    connectTimeoutMs: values["timeout-ms"] as number,
    requestTimeoutMs: values["timeout-ms"] as number,
    ...logConfig(values),
  };
  if (values["cert-path"] !== undefined) config.certPath = values["cert-path"] as string;
  // A hybrid ephemeral node listens on any free port of loopback.
  if (values.mode === "hybrid") config.port = 0;
  return config;
}
