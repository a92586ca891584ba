/**
 * `startNode`: the runtime-neutral part of making a node. It resolves the
 * config, asks the entry point's {@linkcode NodeRuntime} for the identity,
 * the transport and (for a listening node on a TLS transport) the
 * certificates, starts the listener and then the runtime's plugins. Entry
 * points wire their own parts: `lib/runtime/create.ts` for Deno and Bun
 * (identity store, certificate rotation, dashboard), `lib/browser/mod.ts` for
 * pages (ephemeral identity, browser transport, nothing else), so a page never
 * loads file-system or X.509 code.
 *
 * @module
 */
import { pinToString } from "../cert/pin.ts";
import type { TlsCertificate } from "../cert/generate.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import { childLogger, createLogger, type Logger, type LogSpec } from "../log.ts";
import type { Listener, Transport } from "../transport/types.ts";
import type { InterfaceAddress } from "../address/announce.ts";
import { SESSION_PATH, SESSION_TUNING } from "../address/urls.ts";
import { type QuicConfig, resolveConfig, type ResolvedConfig } from "./config.ts";
import { GeomeshNode } from "./node.ts";

/** The certificates a listening node serves and advertises. */
export interface CertificateState {
  /** The served certificate. */
  current: TlsCertificate;
  /** Pins to advertise (current and next). */
  pins: Uint8Array[];
  /** The identity's signature over the pins (sent to dialers). */
  binding: Uint8Array;
}

/** Starts and rotates the certificates of one node. */
export interface CertificateSource {
  /**
   * Loads or creates the certificates and keeps them fresh until `signal`
   * aborts, calling `onChange` after each rotation.
   */
  start(options: {
    config: ResolvedConfig;
    identity: NodeIdentity;
    logger: Logger;
    signal: AbortSignal;
    onChange: (state: CertificateState) => Promise<void>;
  }): Promise<CertificateState>;
}

/** What a running plugin gives back. */
export interface PluginHandle {
  /** Called on `node.close()`. */
  close?(): Promise<void>;
  /** Called after each certificate rotation. */
  setCertificate?(certificate: TlsCertificate): Promise<void>;
}

/** Everything a plugin sees when the node starts. */
export interface PluginContext {
  /** The node being started. */
  node: GeomeshNode;
  /** Its resolved configuration. */
  config: ResolvedConfig;
  /** The transport it runs on. */
  transport: Transport;
  /** Its listener (absent for client-mode nodes). */
  listener?: Listener;
  /** The certificate served, on TLS transports. */
  certificate?: TlsCertificate;
  /** A logger named after the plugin (its subsystem level applies). */
  logger: Logger;
}

/** An optional part an entry point adds to its nodes (the dashboard, introspection). */
export interface NodePlugin {
  /** For logs. */
  readonly name: string;
  /** Before the node exists: may wrap the logger (the dashboard keeps recent lines). */
  wrapLogger?(logger: Logger, config: ResolvedConfig, transport: Transport): Logger;
  /** Once the node runs; a rejection closes the node and fails `createNode`. */
  start(context: PluginContext): Promise<PluginHandle | void> | PluginHandle | void;
}

/** The runtime-specific parts an entry point supplies to {@linkcode startNode}. */
export interface NodeRuntime {
  /** The transport for a config without `transport`. */
  transport(): Promise<Transport>;
  /** Loads or creates the node identity (`config.certPath` says where, if anywhere). */
  identity(config: ResolvedConfig, logger: Logger): Promise<NodeIdentity>;
  /** This machine's interface addresses, advertised by nodes listening on a wildcard. */
  interfaces?(): InterfaceAddress[];
  /** Certificates for listening nodes on TLS transports; without one such nodes cannot start. */
  certificates?: CertificateSource;
  /** Plugins for one new node (called once per node, so plugins may keep per-node state). */
  plugins?(config: ResolvedConfig): NodePlugin[];
  /**
   * Levels from the environment (Deno and Bun read `GEOMESH_LOG`) for the
   * default logger; they override `logLevel` / `logLevels`, and a bare level
   * in them replaces `logLevels` too. May throw a `TypeError` for a bad spec.
   */
  logSpec?(): LogSpec | undefined;
}

/** The default logger of `cfg`, with the levels of `spec` (from the environment) on top. */
function defaultLogger(cfg: ResolvedConfig, spec: LogSpec | undefined): Logger {
  return createLogger({
    level: spec?.level ?? cfg.logLevel,
    levels: { ...(spec?.level === undefined ? cfg.logLevels : {}), ...spec?.levels },
    json: cfg.logFormat === "json",
    name: "geomesh",
  });
}

/**
 * Creates and starts a node from `config` with the parts of `runtime`. Most
 * code calls an entry point's `createNode` instead, which passes its runtime.
 *
 * @example
 * ```ts
 * import { startNode } from "./create.ts";
 * import { generateIdentity } from "../identity/identity.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
 * const net = createMemoryNetwork();
 * const runtime = { transport: () => Promise.resolve(net.transport()), identity: () => generateIdentity() };
 * const a = await startNode({ mode: "server", logLevel: "error" }, runtime);
 * const b = await startNode({ mode: "client", logLevel: "error" }, runtime);
 * await b.connect(a.address);
 * await b.close();
 * await a.close();
 * ```
 */
export async function startNode(config: QuicConfig, runtime: NodeRuntime): Promise<GeomeshNode> {
  const cfg = resolveConfig(config, { interfaces: runtime.interfaces });
  const transport = cfg.transport ?? await runtime.transport();
  const plugins = runtime.plugins?.(cfg) ?? [];
  let logger = cfg.logger ?? defaultLogger(cfg, runtime.logSpec?.());
  for (const plugin of plugins) logger = plugin.wrapLogger?.(logger, cfg, transport) ?? logger;
  const identity = await runtime.identity(cfg, childLogger(logger, "identity"));
  const stop = new AbortController();
  const handles: PluginHandle[] = [];
  // The source may rotate before the node exists; it reaches the node through this holder.
  const holder: { node?: GeomeshNode } = {};
  let certificates: CertificateState | undefined;
  if (cfg.mode !== "client" && transport.secure) {
    if (!runtime.certificates) {
      throw new TypeError(`this runtime cannot serve certificates: use mode "client"`);
    }
    certificates = await runtime.certificates.start({
      config: cfg,
      identity,
      logger: childLogger(logger, "certificates"),
      signal: stop.signal,
      onChange: async (state) => {
        holder.node?.updateCertificates(state.pins, state.binding, state.current);
        for (const h of handles) await h.setCertificate?.(state.current);
      },
    });
  }
  let listener: Listener | undefined;
  try {
    listener = cfg.mode === "client" ? undefined : await transport.listen({
      ...SESSION_TUNING,
      hostname: cfg.hostname,
      port: cfg.port,
      certificate: certificates?.current ?? { certPem: "", keyPem: "" },
      path: SESSION_PATH,
      maxSessions: cfg.maxPeers + 16,
      retryToken: cfg.retryToken,
      congestionControl: cfg.congestionControl,
      // A dialer gives up after its connect timeout: a handshake taking longer is dead weight.
      handshakeTimeoutMs: cfg.connectTimeoutMs,
    });
  } catch (err) {
    stop.abort();
    throw err;
  }
  const pins = certificates?.pins ?? [];
  const node = holder.node = new GeomeshNode({
    config: cfg,
    identity,
    logger,
    transport,
    listener,
    pins,
    pinStrings: pins.map(pinToString),
    binding: certificates?.binding,
    onClose: async () => {
      stop.abort();
      for (const h of handles.splice(0).reverse()) await h.close?.();
    },
  });
  for (const plugin of plugins) {
    try {
      const handle = await plugin.start({
        node,
        config: cfg,
        transport,
        listener,
        certificate: certificates?.current,
        logger: childLogger(logger, plugin.name),
      });
      if (handle) handles.push(handle);
    } catch (err) {
      await node.close();
      throw err;
    }
  }
  // A client listens nowhere: say so rather than print an empty port.
  childLogger(logger, "node").info(
    "node started",
    listener
      ? { id: identity.id, mode: cfg.mode, port: listener.port, transport: transport.name }
      : {
        id: identity.id,
        mode: cfg.mode,
        listening: "no (dials out only)",
        transport: transport.name,
      },
  );
  return node;
}
