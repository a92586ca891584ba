/**
 * Node configuration (`QuicConfig`, the decision record's name), its defaults
 * and validation, and lossless conversion to and from a generic `P2PConfig`.
 *
 * @module
 */
import type { Logger, LogLevel } from "../log.js";
import type { Transport } from "../transport/types.js";
import { type Announce, type InterfaceAddress } from "../address/announce.js";
import type { NetworkMode } from "../codec/messages.js";
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
export type ResolvedConfig = Required<Omit<QuicConfig, "certPath" | "logger" | "transport" | "introspection" | "announce">> & Pick<QuicConfig, "certPath" | "logger" | "transport"> & {
    introspection: ResolvedIntrospection;
    announce?: Announce;
};
/** Options of {@linkcode resolveConfig}. */
export interface ResolveConfigOptions {
    /** This machine's interface addresses (for a wildcard `hostname`). Default: none known. */
    interfaces?: () => InterfaceAddress[];
}
/** Defaults applied by {@linkcode resolveConfig}. */
export declare const DEFAULT_CONFIG: Readonly<Omit<ResolvedConfig, "hostnames" | "certPath" | "logger" | "transport" | "announce">>;
/**
 * The subsystems of a node that log under their own name (`geomesh:pool`)
 * and can get their own level (`logLevels`, `GEOMESH_LOG`).
 *
 * @example
 * ```ts
 * import { LOG_SUBSYSTEMS } from "./config.js";
 * console.assert(LOG_SUBSYSTEMS.includes("discovery"));
 * ```
 */
export declare const LOG_SUBSYSTEMS: readonly [
    "node",
    "pool",
    "discovery",
    "routing",
    "requests",
    "broadcast",
    "identity",
    "certificates",
    "dashboard",
    "introspection"
];
/** One of {@linkcode LOG_SUBSYSTEMS}. */
export type LogSubsystem = typeof LOG_SUBSYSTEMS[number];
/**
 * Validates a config and fills in defaults. Unknown keys are refused (they are
 * almost always typos).
 *
 * @example
 * ```ts
 * import { resolveConfig } from "./config.js";
 * const cfg = resolveConfig({ mode: "server", port: 0 });
 * console.assert(cfg.maxMessageSize === 1 << 20 && cfg.hostnames[0] === "127.0.0.1");
 * ```
 */
export declare function resolveConfig(config?: QuicConfig, options?: ResolveConfigOptions): ResolvedConfig;
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
/**
 * Converts a generic `P2PConfig` to a `QuicConfig`. Overlapping fields map
 * one to one; `listen` + `dial` decide the mode.
 *
 * @example
 * ```ts
 * import { fromP2PConfig } from "./config.js";
 * const q = fromP2PConfig({ listen: "127.0.0.1:4433", bootstrapPeers: [], dial: true });
 * console.assert(q.mode === "hybrid" && q.port === 4433);
 * ```
 */
export declare function fromP2PConfig(p2p: P2PConfig): QuicConfig;
/**
 * Converts a `QuicConfig` to a generic `P2PConfig`; `fromP2PConfig(toP2PConfig(c))`
 * gives back every overlapping field of `c`.
 *
 * @example
 * ```ts
 * import { toP2PConfig } from "./config.js";
 * const p = toP2PConfig({ mode: "server", hostname: "::1", port: 9000 });
 * console.assert(p.listen === "[::1]:9000" && p.dial === false);
 * ```
 */
export declare function toP2PConfig(config: QuicConfig): P2PConfig;
