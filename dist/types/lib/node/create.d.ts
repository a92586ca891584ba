import type { TlsCertificate } from "../cert/generate.js";
import type { NodeIdentity } from "../identity/identity.js";
import { type Logger, type LogSpec } from "../log.js";
import type { Listener, Transport } from "../transport/types.js";
import type { InterfaceAddress } from "../address/announce.js";
import { type QuicConfig, type ResolvedConfig } from "./config.js";
import { GeomeshNode } from "./node.js";
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
/**
 * Creates and starts a node from `config` with the parts of `runtime`. Most
 * code calls an entry point's `createNode` instead, which passes its runtime.
 *
 * @example
 * ```ts
 * import { startNode } from "./create.js";
 * import { generateIdentity } from "../identity/identity.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * const net = createMemoryNetwork();
 * const runtime = { transport: () => Promise.resolve(net.transport()), identity: () => generateIdentity() };
 * const a = await startNode({ mode: "server", logLevel: "error" }, runtime);
 * const b = await startNode({ mode: "client", logLevel: "error" }, runtime);
 * await b.connect(a.address);
 * await b.close();
 * await a.close();
 * ```
 */
export declare function startNode(config: QuicConfig, runtime: NodeRuntime): Promise<GeomeshNode>;
