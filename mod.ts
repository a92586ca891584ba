/**
 * geomesh: a secure mesh of nodes over WebTransport (HTTP/3 / QUIC) for Deno,
 * Bun and browsers.
 *
 * @example
 * ```ts
 * import { createMemoryNetwork, createNode, silentLogger } from "./mod.ts";
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
export * from "./lib/errors.ts";
export { childLogger, createLogger, parseLogSpec, silentLogger } from "./lib/log.ts";
export type { CreateLoggerOptions, LogFields, Logger, LogLevel, LogSpec } from "./lib/log.ts";
export { createNode } from "./lib/runtime/create.ts";
export { GeomeshNode } from "./lib/node/node.ts";
export { CloseCode } from "./lib/session/authenticate.ts";
export type { Handler, HandlerContext, PeerInfo, RequestOptions } from "./lib/node/node.ts";
export type {
  BroadcastDetail,
  BroadcastSentDetail,
  GeomeshNodeEventMap,
  GeomeshNodeListener,
  MessageDetail,
  PeerConnectedDetail,
  PeerDisconnectedDetail,
  PeerDiscoveredDetail,
} from "./lib/node/events.ts";
export { startNode } from "./lib/node/create.ts";
export type {
  CertificateSource,
  CertificateState,
  NodePlugin,
  NodeRuntime,
  PluginContext,
  PluginHandle,
} from "./lib/node/create.ts";
export {
  DEFAULT_CONFIG,
  fromP2PConfig,
  LOG_SUBSYSTEMS,
  resolveConfig,
  toP2PConfig,
} from "./lib/node/config.ts";
export type {
  DashboardOptions,
  IntrospectionOptions,
  LogSubsystem,
  NetworkMode,
  P2PConfig,
  QuicConfig,
  ResolveConfigOptions,
  ResolvedConfig,
  ResolvedIntrospection,
} from "./lib/node/config.ts";
export type { Announce, InterfaceAddress } from "./lib/address/announce.ts";
export type { NodeIdentity } from "./lib/identity/identity.ts";
export type { TlsCertificate } from "./lib/cert/generate.ts";
export { formatAddress, parseAddress } from "./lib/address/address.ts";
export type { NodeAddress } from "./lib/address/address.ts";
export type { NodeMetrics } from "./lib/metrics.ts";
export { metricsToPrometheus } from "./lib/metrics.ts";
export { createMemoryNetwork, MemoryNetwork } from "./lib/transport/memory.ts";
export type { LinkOptions, MemoryNetworkOptions } from "./lib/transport/memory.ts";
export type {
  BidirectionalStream,
  DialOptions,
  Listener,
  ListenerCertificate,
  ListenOptions,
  Protocol,
  SessionCloseInfo,
  SessionDatagrams,
  Transport,
  TransportSession,
} from "./lib/transport/types.ts";
