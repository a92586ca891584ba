/**
 * Node configuration (`QuicConfig`, the decision record's name), its defaults
 * and validation, and lossless conversion to and from a generic `P2PConfig`.
 *
 * @module
 */
import type { Logger, LogLevel } from "../log.ts";
import type { Transport } from "../transport/types.ts";
import { isNodeId } from "../identity/node-id.ts";
import { parseAddress } from "../address/address.ts";
import {
  type Announce,
  type InterfaceAddress,
  interfaceHosts,
  isWildcard,
  parseAnnounce,
} from "../address/announce.ts";

import type { NetworkMode } from "../codec/messages.ts";
export type { NetworkMode };

/** Configuration accepted by `createNode`. */
export interface QuicConfig {
  /** Network mode. Default `"hybrid"`. */
  mode?: NetworkMode;
  /** Interface the server listens on. Default `"127.0.0.1"`. */
  hostname?: string;
  /** Server port (UDP for HTTP/3 and TCP for HTTP/2 + WebSocket); 0 picks one. Default 4433. */
  port?: number;
  /**
   * Host names / IPs put in the certificate and the address. Default: the
   * `announce` host, else `[hostname]`, or for `0.0.0.0` / `::` the addresses
   * of this machine's interfaces (loopback only when it has no other).
   */
  hostnames?: string[];
  /**
   * `host` or `host:port` to advertise instead of the listener's own: a
   * public DNS name, or the port a NAT maps to this node. Default: none.
   */
  announce?: string;
  /**
   * QUIC congestion controller where the runtime offers a choice (Deno's
   * HTTP/3; Chromium's WebTransport takes it as a hint): `"low-latency"`
   * (quinn's BBR), `"throughput"` or `"default"` (both quinn's Cubic).
   * Default `"low-latency"`: at 150 ms RTT / 2% loss it moved 2.5-3.2 MB/s
   * against Cubic's 0.04-0.11 MB/s and kept requests under a bulk transfer
   * at ~0.6 s instead of ~7 s (`npm run bench:wan`); no loss on a LAN.
   */
  congestionControl?: "default" | "throughput" | "low-latency";
  /** Client connection timeout in ms. Default 5000. */
  connectTimeoutMs?: number;
  /** Where the identity key and TLS certificates live. Omit for an ephemeral in-memory node. */
  certPath?: string;
  /** Largest message (frame) accepted or sent, in bytes; at least 2048 (the hello must fit). Default 1 MiB. */
  maxMessageSize?: number;
  /** DoS protection on the listener (see the transport docs for what each runtime provides). Default true. */
  retryToken?: boolean;
  /** Addresses dialed at start and re-dialed after loss. Default []. */
  bootstrap?: string[];
  /** Most peers connected at once; further sessions are refused. Default 256. */
  maxPeers?: number;
  /** Default timeout for `request()` in ms. Default 10000. */
  requestTimeoutMs?: number;
  /** Requests (and actor messages) from one peer handled at once; more get `OVERLOADED` replies. Default 1024. */
  maxInflightRequests?: number;
  /** Close sessions idle (no frames either way) for this long; 0 disables. Default 0. */
  idleTimeoutMs?: number;
  /** Datagram ping interval: keep-alive, RTT probe and dead-peer detection (no pong within one interval closes the session); 0 disables. Default 5000. */
  keepAliveMs?: number;
  /** First reconnect delay after a lost session, doubled up to `reconnectMaxMs`. Default 250. */
  reconnectBaseMs?: number;
  /** Longest reconnect delay. Default 30000. */
  reconnectMaxMs?: number;
  /**
   * Broadcast tree repair: how long a node waits for a broadcast a peer
   * announced (`ihave`) before asking that peer for it (`graft`). A few round
   * trips; lower repairs faster, higher asks less often needlessly. Default 50.
   */
  graftTimeoutMs?: number;
  /**
   * Discovery round interval in ms: signed peer records are gossiped over
   * datagrams (see `lib/discovery/`), and peers learned this way appear in
   * `peers()` and emit `peer:discovered`. 0 turns discovery off. Default 1000.
   */
  gossipIntervalMs?: number;
  /** A dialing node keeps at least this many sessions by dialing discovered peers; 0: never. Default 4. */
  minPeers?: number;
  /** Most peer records held (the table is bounded: records are cheap to mint). Default 1024. */
  maxKnownPeers?: number;
  /** Structured logger. Default: console at `logLevel`. */
  logger?: Logger;
  /**
   * Level of the default logger. Default `"warn"`: a library stays quiet
   * unless asked (the `geomesh` CLI passes `"info"`).
   */
  logLevel?: LogLevel;
  /**
   * Levels per subsystem of the default logger, overriding `logLevel` for
   * them, e.g. `{ discovery: "debug", pool: "info" }`. The subsystems are
   * {@linkcode LOG_SUBSYSTEMS}: `node` (start, stop, peers joining and
   * leaving), `pool` (sessions, dials, reconnects), `discovery` (peer
   * gossip), `routing` (relayed frames), `requests` (request handlers and
   * replies), `broadcast` (broadcast tree), `identity` (key store),
   * `certificates` (TLS certificate rotation), `dashboard` and
   * `introspection`. On Deno and Bun the `GEOMESH_LOG` environment variable
   * (`discovery=debug,pool=info`, or a bare level for everything) overrides
   * both. Default `{}`.
   */
  logLevels?: Partial<Record<LogSubsystem, LogLevel>>;
  /** Line format of the default logger: human-readable `"text"` or one JSON object per line. Default `"text"`. */
  logFormat?: "text" | "json";
  /** Transport override (e.g. the memory transport for simulations). Default: chosen per runtime. */
  transport?: Transport;
  /**
   * The dashboard site of server and hybrid nodes (`/`, `/api/state`,
   * `/geomesh.js`, `/address`, `/metrics`, see `lib/dashboard/`). `true`: on
   * the node's own TCP port where its listener can serve HTTPS, else on a free
   * separate port; an object: see {@linkcode DashboardOptions}; `false`: no
   * site. `/api/state` and `/metrics` need the dashboard token (random per
   * start unless `token` is given) except from loopback clients, unless
   * `public: true`. Default true.
   */
  dashboard?: boolean | DashboardOptions;
  /**
   * The `geomesh.info` actor, which tells peers this node's runtime and mode
   * and, to the peers named in `peers`, its direct peers (what other nodes'
   * dashboards draw as the mesh). `false`: not answered (`UNKNOWN_ACTOR`);
   * `true`: runtime and mode to any authenticated peer, no peer list; an
   * object: see {@linkcode IntrospectionOptions}. Default false.
   */
  introspection?: boolean | IntrospectionOptions;
}

/** The `dashboard` option in object form. */
export interface DashboardOptions {
  /** Serve on this separate HTTPS port (0: a free one) instead of the node's own port. */
  port?: number;
  /** Interface for a separate port. Default: the node's `hostname`. */
  hostname?: string;
  /**
   * Serve `/api/state` and `/metrics` to anyone who reaches the port, without
   * a token (peers, addresses, routes and recent log lines become public).
   * Default false.
   */
  public?: boolean;
  /**
   * The token `/api/state` and `/metrics` accept (`Authorization: Bearer`,
   * or `?token=`): 16 to 256 characters of `A-Z a-z 0-9 - . _ ~ + / =`.
   * Default: 32 random bytes, new at every start (see `dashboardOf(node).token`).
   */
  token?: string;
  /**
   * Serve `/api/state` and `/metrics` without the token to clients on
   * loopback (as the HTTP server reports their address, and with a loopback
   * `Host`). Turn off behind a reverse proxy on the same host, for which every
   * client is local. Default true.
   */
  trustLoopback?: boolean;
}

/** The `introspection` option in object form. */
export interface IntrospectionOptions {
  /**
   * Who gets an answer at all: `"all"` authenticated peers, or only these node
   * ids (others get `UNKNOWN_ACTOR`, as from a node without the actor).
   * Default `"all"`.
   */
  allow?: "all" | string[];
  /**
   * Who of those also gets the list of direct peers (ids, modes, protocols;
   * never addresses): `"none"`, `"all"` or these node ids. Default `"none"`.
   */
  peers?: "none" | "all" | string[];
}

/** A resolved `introspection` option: off, or both lists decided. */
export type ResolvedIntrospection = false | Required<IntrospectionOptions>;

/** A fully resolved configuration. */
export type ResolvedConfig =
  & Required<Omit<QuicConfig, "certPath" | "logger" | "transport" | "introspection" | "announce">>
  & Pick<QuicConfig, "certPath" | "logger" | "transport">
  & { introspection: ResolvedIntrospection; announce?: Announce };

/** Options of {@linkcode resolveConfig}. */
export interface ResolveConfigOptions {
  /** This machine's interface addresses (for a wildcard `hostname`). Default: none known. */
  interfaces?: () => InterfaceAddress[];
}

/** Defaults applied by {@linkcode resolveConfig}. */
export const DEFAULT_CONFIG: Readonly<
  Omit<ResolvedConfig, "hostnames" | "certPath" | "logger" | "transport" | "announce">
> = Object.freeze({
  mode: "hybrid",
  hostname: "127.0.0.1",
  port: 4433,
  connectTimeoutMs: 5000,
  maxMessageSize: 1 << 20,
  retryToken: true,
  bootstrap: [],
  maxPeers: 256,
  requestTimeoutMs: 10_000,
  maxInflightRequests: 1024,
  idleTimeoutMs: 0,
  keepAliveMs: 5_000,
  reconnectBaseMs: 250,
  reconnectMaxMs: 30_000,
  graftTimeoutMs: 50,
  gossipIntervalMs: 1000,
  minPeers: 4,
  maxKnownPeers: 1024,
  logLevel: "warn",
  logLevels: Object.freeze({}),
  logFormat: "text",
  dashboard: true,
  introspection: false,
  congestionControl: "low-latency",
});

/**
 * The subsystems of a node that log under their own name (`geomesh:pool`)
 * and can get their own level (`logLevels`, `GEOMESH_LOG`).
 *
 * @example
 * ```ts
 * import { LOG_SUBSYSTEMS } from "./config.ts";
 * console.assert(LOG_SUBSYSTEMS.includes("discovery"));
 * ```
 */
export const LOG_SUBSYSTEMS: readonly [
  "node",
  "pool",
  "discovery",
  "routing",
  "requests",
  "broadcast",
  "identity",
  "certificates",
  "dashboard",
  "introspection",
] = Object.freeze(
  [
    "node",
    "pool",
    "discovery",
    "routing",
    "requests",
    "broadcast",
    "identity",
    "certificates",
    "dashboard",
    "introspection",
  ] as const,
);

/** One of {@linkcode LOG_SUBSYSTEMS}. */
export type LogSubsystem = typeof LOG_SUBSYSTEMS[number];

const MODES: readonly string[] = ["client", "server", "hybrid"];
const LEVELS: readonly string[] = ["debug", "info", "warn", "error", "silent"];
const CONGESTION: readonly string[] = ["default", "throughput", "low-latency"];
/** Smallest `maxMessageSize`: the hello (id, key, nonce, address, pin binding) must fit. */
const MIN_MESSAGE_SIZE = 2048;
const KNOWN = new Set<string>([
  ...Object.keys(DEFAULT_CONFIG),
  "hostnames",
  "announce",
  "certPath",
  "logger",
  "transport",
]);

function int(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`config.${name} must be an integer, got ${JSON.stringify(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`config.${name} must be in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/**
 * Validates a config and fills in defaults. Unknown keys are refused (they are
 * almost always typos).
 *
 * @example
 * ```ts
 * import { resolveConfig } from "./config.ts";
 * const cfg = resolveConfig({ mode: "server", port: 0 });
 * console.assert(cfg.maxMessageSize === 1 << 20 && cfg.hostnames[0] === "127.0.0.1");
 * ```
 */
export function resolveConfig(
  config: QuicConfig = {},
  options: ResolveConfigOptions = {},
): ResolvedConfig {
  if (config === null || typeof config !== "object") {
    throw new TypeError("config must be an object");
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN.has(key)) throw new TypeError(`config.${key} is not a known option`);
  }
  const c = { ...DEFAULT_CONFIG, ...stripUndefined(config) } as ResolvedConfig;
  if (!MODES.includes(c.mode)) {
    throw new TypeError(`config.mode must be one of ${MODES.join(", ")}`);
  }
  if (typeof c.hostname !== "string" || !c.hostname) {
    throw new TypeError("config.hostname must be a non-empty string");
  }
  int("port", c.port, 0, 65535);
  int("connectTimeoutMs", c.connectTimeoutMs, 1, 600_000);
  int("maxMessageSize", c.maxMessageSize, MIN_MESSAGE_SIZE, 1 << 30);
  int("maxPeers", c.maxPeers, 1, 1_000_000);
  int("requestTimeoutMs", c.requestTimeoutMs, 1, 3_600_000);
  int("maxInflightRequests", c.maxInflightRequests, 1, 1_000_000);
  int("idleTimeoutMs", c.idleTimeoutMs, 0, 86_400_000);
  int("keepAliveMs", c.keepAliveMs, 0, 3_600_000);
  int("reconnectBaseMs", c.reconnectBaseMs, 1, 3_600_000);
  int("reconnectMaxMs", c.reconnectMaxMs, c.reconnectBaseMs, 86_400_000);
  int("graftTimeoutMs", c.graftTimeoutMs, 1, 60_000);
  if (c.gossipIntervalMs !== 0) int("gossipIntervalMs", c.gossipIntervalMs, 10, 3_600_000);
  int("minPeers", c.minPeers, 0, 1024);
  int("maxKnownPeers", c.maxKnownPeers, 1, 1_000_000);
  if (c.minPeers > c.maxPeers) {
    throw new RangeError(`config.minPeers (${c.minPeers}) exceeds config.maxPeers (${c.maxPeers})`);
  }
  if (typeof c.retryToken !== "boolean") throw new TypeError("config.retryToken must be a boolean");
  if (!Array.isArray(c.bootstrap) || c.bootstrap.some((a) => typeof a !== "string")) {
    throw new TypeError("config.bootstrap must be an array of address strings");
  }
  for (const address of c.bootstrap) parseAddress(address); // AddressError says what is wrong
  if (c.logFormat !== "text" && c.logFormat !== "json") {
    throw new TypeError('config.logFormat must be "text" or "json"');
  }
  if (
    c.logger !== undefined &&
    (c.logger === null || typeof c.logger !== "object" ||
      !["debug", "info", "warn", "error"].every((k) =>
        typeof (c.logger as unknown as Record<string, unknown>)[k] === "function"
      ))
  ) {
    throw new TypeError("config.logger must have debug, info, warn and error functions");
  }
  if (
    c.transport !== undefined &&
    (c.transport === null || typeof c.transport !== "object" ||
      typeof c.transport.name !== "string" || typeof c.transport.dial !== "function" ||
      typeof c.transport.listen !== "function")
  ) {
    throw new TypeError("config.transport must be a Transport ({ name, dial, listen })");
  }
  if (!CONGESTION.includes(c.congestionControl)) {
    throw new TypeError(`config.congestionControl must be one of ${CONGESTION.join(", ")}`);
  }
  if (!LEVELS.includes(c.logLevel)) {
    throw new TypeError(`config.logLevel must be one of ${LEVELS.join(", ")}`);
  }
  c.logLevels = resolveLogLevels(c.logLevels);
  c.dashboard = resolveDashboard(c.dashboard);
  c.introspection = resolveIntrospection(c.introspection as QuicConfig["introspection"]);
  if (c.certPath !== undefined && (typeof c.certPath !== "string" || !c.certPath)) {
    throw new TypeError("config.certPath must be a non-empty string");
  }
  const announce = config.announce === undefined ? undefined : parseAnnounce(config.announce);
  if (announce) c.announce = announce;
  else delete c.announce;
  c.hostnames = config.hostnames ??
    (announce
      ? [announce.host]
      : isWildcard(c.hostname)
      ? interfaceHosts(c.hostname, options.interfaces?.() ?? [])
      : [c.hostname]);
  if (
    !Array.isArray(c.hostnames) || c.hostnames.length === 0 ||
    c.hostnames.some((h) => typeof h !== "string" || !h)
  ) {
    throw new TypeError("config.hostnames must be a non-empty array of strings");
  }
  c.bootstrap = [...c.bootstrap];
  c.hostnames = [...c.hostnames];
  return c;
}

function resolveLogLevels(levels: unknown): ResolvedConfig["logLevels"] {
  if (levels === null || typeof levels !== "object" || Array.isArray(levels)) {
    throw new TypeError("config.logLevels must be an object of subsystem: level");
  }
  const out: Partial<Record<LogSubsystem, LogLevel>> = {};
  for (const [name, level] of Object.entries(levels)) {
    if (!(LOG_SUBSYSTEMS as readonly string[]).includes(name)) {
      throw new TypeError(
        `config.logLevels.${name} is not a subsystem (known: ${LOG_SUBSYSTEMS.join(", ")})`,
      );
    }
    if (!LEVELS.includes(level)) {
      throw new TypeError(`config.logLevels.${name} must be one of ${LEVELS.join(", ")}`);
    }
    out[name as LogSubsystem] = level;
  }
  return out;
}

const DASHBOARD_KEYS = new Set(["port", "hostname", "public", "token", "trustLoopback"]);
/** RFC 6750 `b64token` characters: the token travels in a header and a URL. */
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

function resolveDashboard(d: unknown): boolean | DashboardOptions {
  if (typeof d === "boolean") return d;
  if (d === null || typeof d !== "object" || Array.isArray(d)) {
    throw new TypeError(
      "config.dashboard must be a boolean or { port?, hostname?, public?, token?, trustLoopback? }",
    );
  }
  const o = d as DashboardOptions;
  for (const key of Object.keys(o)) {
    if (!DASHBOARD_KEYS.has(key)) {
      throw new TypeError(`config.dashboard.${key} is not a known option`);
    }
  }
  if (o.port !== undefined) int("dashboard.port", o.port, 0, 65535);
  if (o.hostname !== undefined && (typeof o.hostname !== "string" || !o.hostname)) {
    throw new TypeError("config.dashboard.hostname must be a non-empty string");
  }
  for (const key of ["public", "trustLoopback"] as const) {
    if (o[key] !== undefined && typeof o[key] !== "boolean") {
      throw new TypeError(`config.dashboard.${key} must be a boolean`);
    }
  }
  if (o.token !== undefined) {
    if (typeof o.token !== "string" || o.token.length < 16 || o.token.length > 256) {
      throw new TypeError("config.dashboard.token must be a string of 16 to 256 characters");
    }
    if (!TOKEN.test(o.token)) {
      throw new TypeError("config.dashboard.token may hold only A-Z a-z 0-9 - . _ ~ + / =");
    }
    // Both would leave the reader unsure whether the data is open: refuse the mix.
    if (o.public) {
      throw new TypeError("config.dashboard: public: true and a token exclude each other");
    }
  }
  return { ...o };
}

function idList(name: string, value: unknown, words: readonly string[]): string | string[] {
  if (typeof value === "string" && words.includes(value)) return value;
  if (!Array.isArray(value)) {
    throw new TypeError(
      `config.${name} must be ${
        words.map((w) => JSON.stringify(w)).join(" or ")
      } or an array of node ids`,
    );
  }
  for (const id of value) {
    if (!isNodeId(id)) {
      throw new TypeError(`config.${name}: ${JSON.stringify(id)} is not a node id`);
    }
  }
  return [...value];
}

function resolveIntrospection(i: QuicConfig["introspection"]): ResolvedIntrospection {
  if (i === false) return false;
  if (i === true) return { allow: "all", peers: "none" };
  if (i === null || typeof i !== "object" || Array.isArray(i)) {
    throw new TypeError("config.introspection must be a boolean or { allow?, peers? }");
  }
  for (const key of Object.keys(i)) {
    if (key !== "allow" && key !== "peers") {
      throw new TypeError(`config.introspection.${key} is not a known option`);
    }
  }
  const allow = idList("introspection.allow", i.allow ?? "all", ["all"]) as "all" | string[];
  const peers = idList("introspection.peers", i.peers ?? "none", ["none", "all"]) as
    | "none"
    | "all"
    | string[];
  // A peer list for someone who gets no answer at all is a mistake worth hearing about.
  if (Array.isArray(allow) && peers === "all") {
    throw new TypeError(
      'config.introspection: peers: "all" with an allow list; name the ids in peers',
    );
  }
  if (Array.isArray(allow) && Array.isArray(peers)) {
    const unanswered = peers.find((id) => !allow.includes(id));
    if (unanswered) {
      throw new TypeError(
        `config.introspection.peers names ${unanswered}, which is not in introspection.allow`,
      );
    }
  }
  return { allow, peers };
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A generic peer-to-peer configuration (the shape other mesh libraries and the
 * Causality P2P layer use). `listen` is `host:port`.
 */
export interface P2PConfig {
  /** Listen address `host:port`, or omitted for a node that does not listen. */
  listen?: string;
  /** Bootstrap peer addresses. */
  bootstrapPeers?: string[];
  /** Most connected peers. */
  maxPeers?: number;
  /** Dial timeout in ms. */
  dialTimeoutMs?: number;
  /** Largest message in bytes. */
  maxMessageSize?: number;
  /** Where keys live. */
  keyPath?: string;
  /** Whether this node dials others (false for a pure server). Default true. */
  dial?: boolean;
}

function splitHostPort(listen: string): { hostname: string; port: number } {
  const m = listen.match(/^\[([^\]]+)\]:(\d+)$/) ?? listen.match(/^([^:]+):(\d+)$/);
  if (!m) throw new TypeError(`P2PConfig.listen must be host:port, got ${JSON.stringify(listen)}`);
  return { hostname: m[1], port: int("listen port", Number(m[2]), 0, 65535) };
}

/**
 * Converts a generic `P2PConfig` to a `QuicConfig`. Overlapping fields map
 * one to one; `listen` + `dial` decide the mode.
 *
 * @example
 * ```ts
 * import { fromP2PConfig } from "./config.ts";
 * const q = fromP2PConfig({ listen: "127.0.0.1:4433", bootstrapPeers: [], dial: true });
 * console.assert(q.mode === "hybrid" && q.port === 4433);
 * ```
 */
export function fromP2PConfig(p2p: P2PConfig): QuicConfig {
  if (p2p === null || typeof p2p !== "object") throw new TypeError("P2PConfig must be an object");
  const dial = p2p.dial ?? true;
  const out: QuicConfig = {};
  if (p2p.listen !== undefined) {
    const { hostname, port } = splitHostPort(p2p.listen);
    out.hostname = hostname;
    out.port = port;
    out.mode = dial ? "hybrid" : "server";
  } else {
    if (!dial) {
      throw new TypeError("a P2PConfig that neither listens nor dials cannot become a node");
    }
    out.mode = "client";
  }
  if (p2p.bootstrapPeers !== undefined) out.bootstrap = [...p2p.bootstrapPeers];
  if (p2p.maxPeers !== undefined) out.maxPeers = p2p.maxPeers;
  if (p2p.dialTimeoutMs !== undefined) out.connectTimeoutMs = p2p.dialTimeoutMs;
  if (p2p.maxMessageSize !== undefined) out.maxMessageSize = p2p.maxMessageSize;
  if (p2p.keyPath !== undefined) out.certPath = p2p.keyPath;
  return out;
}

/**
 * Converts a `QuicConfig` to a generic `P2PConfig`; `fromP2PConfig(toP2PConfig(c))`
 * gives back every overlapping field of `c`.
 *
 * @example
 * ```ts
 * import { toP2PConfig } from "./config.ts";
 * const p = toP2PConfig({ mode: "server", hostname: "::1", port: 9000 });
 * console.assert(p.listen === "[::1]:9000" && p.dial === false);
 * ```
 */
export function toP2PConfig(config: QuicConfig): P2PConfig {
  const mode = config.mode ?? DEFAULT_CONFIG.mode;
  const out: P2PConfig = { dial: mode !== "server" };
  if (mode !== "client") {
    const host = config.hostname ?? DEFAULT_CONFIG.hostname;
    out.listen = `${host.includes(":") ? `[${host}]` : host}:${config.port ?? DEFAULT_CONFIG.port}`;
  }
  if (config.bootstrap !== undefined) out.bootstrapPeers = [...config.bootstrap];
  if (config.maxPeers !== undefined) out.maxPeers = config.maxPeers;
  if (config.connectTimeoutMs !== undefined) out.dialTimeoutMs = config.connectTimeoutMs;
  if (config.maxMessageSize !== undefined) out.maxMessageSize = config.maxMessageSize;
  if (config.certPath !== undefined) out.keyPath = config.certPath;
  return out;
}
