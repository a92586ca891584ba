/**
 * geomesh: a secure mesh of nodes over WebTransport (HTTP/3 / QUIC) for Deno,
 * Bun and browsers.
 *
 * @example
 * ```ts
 * import { createMemoryNetwork, createNode, silentLogger } from "./mod.js";
 * // An in-process network; on a real one, omit `transport` and pass `port` and `certPath`.
 * const net = createMemoryNetwork();
 * const server = await createNode({ transport: net.transport("server"), logger: silentLogger });
 * const client = await createNode({ transport: net.transport("client"), logger: silentLogger });
 * server.handle((payload) => `hello, ${payload}`);
 * console.assert(await client.connect(server.address) === server.id);
 * const answer = await client.request(server.id, "world");
 * if (answer !== "hello, world") throw new Error(`unexpected answer ${answer}`);
 * await client.close();
 * await server.close();
 * ```
 *
 * @module
 */
export * from "./lib/errors.js";
export { childLogger, createLogger, parseLogSpec, silentLogger } from "./lib/log.js";
export type { CreateLoggerOptions, LogFields, Logger, LogLevel, LogSpec } from "./lib/log.js";
export { createNode } from "./lib/runtime/create.js";
export { GeomeshNode } from "./lib/node/node.js";
export { CloseCode } from "./lib/session/authenticate.js";
export type { Handler, HandlerContext, PeerInfo, RequestOptions } from "./lib/node/node.js";
export type { BroadcastDetail, BroadcastSentDetail, GeomeshNodeEventMap, GeomeshNodeListener, MessageDetail, PeerConnectedDetail, PeerDisconnectedDetail, PeerDiscoveredDetail, } from "./lib/node/events.js";
export { startNode } from "./lib/node/create.js";
export type { CertificateSource, CertificateState, NodePlugin, NodeRuntime, PluginContext, PluginHandle, } from "./lib/node/create.js";
export { DEFAULT_CONFIG, fromP2PConfig, LOG_SUBSYSTEMS, resolveConfig, toP2PConfig, } from "./lib/node/config.js";
export type { DashboardOptions, IntrospectionOptions, LogSubsystem, NetworkMode, P2PConfig, QuicConfig, ResolveConfigOptions, ResolvedConfig, ResolvedIntrospection, } from "./lib/node/config.js";
export type { Announce, InterfaceAddress } from "./lib/address/announce.js";
export type { NodeIdentity } from "./lib/identity/identity.js";
export type { TlsCertificate } from "./lib/cert/generate.js";
export { formatAddress, parseAddress } from "./lib/address/address.js";
export type { NodeAddress } from "./lib/address/address.js";
export type { NodeMetrics } from "./lib/metrics.js";
export { metricsToPrometheus } from "./lib/metrics.js";
export { createMemoryNetwork, MemoryNetwork } from "./lib/transport/memory.js";
export type { LinkOptions, MemoryNetworkOptions } from "./lib/transport/memory.js";
export type { BidirectionalStream, DialOptions, Listener, ListenerCertificate, ListenOptions, Protocol, SessionCloseInfo, SessionDatagrams, Transport, TransportSession, } from "./lib/transport/types.js";
