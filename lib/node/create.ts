/**
 * `createNode`: resolves the config, loads or creates the identity and TLS
 * certificates, picks the transport for this runtime, starts the listener for
 * server and hybrid modes and returns the running node.
 *
 * @module
 */
import { pinToString } from "../cert/pin.ts";
import type { CertificateRotator } from "../cert/rotator.ts";
import { generateIdentity } from "../identity/identity.ts";
import { createLogger } from "../log.ts";
import { type QuicConfig, resolveConfig } from "./config.ts";
import { GeomeshNode } from "./node.ts";
import { SESSION_PATH, SESSION_TUNING } from "./urls.ts";

/**
 * Creates and starts a node.
 *
 * @example
 * ```ts ignore
 * import { createNode } from "./create.ts";
 * const server = await createNode({ mode: "server", port: 0 });
 * const client = await createNode({ mode: "client" });
 * const id = await client.connect(server.address);
 * server.handle((payload) => ({ echo: payload }));
 * console.log(await client.request(id, "hi")); // { echo: "hi" }
 * await client.close();
 * await server.close();
 * ```
 */
export async function createNode(config: QuicConfig = {}): Promise<GeomeshNode> {
  const cfg = resolveConfig(config);
  let logger = cfg.logger ?? createLogger({
    level: cfg.logLevel,
    json: cfg.logFormat === "json",
    name: "geomesh",
  });
  // The dashboard shows recent log lines: keep them while passing them on.
  const site = cfg.dashboard !== false && cfg.mode !== "client" &&
    cfg.transport?.name !== "memory";
  const logs = site ? new (await import("../dashboard/log-ring.ts")).LogRing(logger) : undefined;
  logger = logs ?? logger;
  // File-system and X.509 code is loaded only when needed, so a browser client
  // (no certPath, client mode) bundles none of it.
  const identity = cfg.certPath
    ? await (await import("../identity/store.ts")).loadOrCreateIdentity({
      certPath: cfg.certPath,
      logger,
    })
    : await generateIdentity();
  // Loaded lazily: a node on an injected transport never loads the runtime adapters.
  const transport = cfg.transport ?? await (await import("../transport/mod.ts")).defaultTransport();
  const stop = new AbortController();
  // Memory sessions carry no TLS; client-mode nodes serve no certificate.
  let rotator: CertificateRotator | undefined;
  const needsCert = cfg.mode !== "client" && transport.name !== "memory";
  // The rotator may fire before the node exists; it reaches the node through this holder.
  const holder: {
    node?: GeomeshNode;
    dashboard?: { setCertificate(c: { certPem: string; keyPem: string }): Promise<void> };
  } = {};
  const { createPinBinding } = needsCert
    ? await import("../cert/binding.ts")
    : { createPinBinding: undefined };
  if (needsCert) {
    const { startCertificateRotation } = await import("../cert/rotator.ts");
    rotator = await startCertificateRotation({
      certPath: cfg.certPath,
      hostnames: cfg.hostnames,
      logger,
      signal: stop.signal,
      onRotate: async ({ current }) => {
        const binding = await createPinBinding!(identity, {
          pins: rotator!.pins,
          notAfter: rotator!.next.notAfter,
        });
        holder.node?.updateCertificates(rotator!.pins, binding, current);
        await holder.dashboard?.setCertificate(current);
      },
    });
  }
  const pins = rotator?.pins ?? [];
  const binding = rotator
    ? await createPinBinding!(identity, { pins, notAfter: rotator.next.notAfter })
    : undefined;
  let listener;
  try {
    listener = cfg.mode === "client" ? undefined : await transport.listen({
      ...SESSION_TUNING,
      // A memory transport listens under its own endpoint name.
      hostname: transport.name === "memory" ? undefined : cfg.hostname,
      port: cfg.port,
      certificate: rotator?.current ?? { certPem: "", keyPem: "" },
      path: SESSION_PATH,
      maxSessions: cfg.maxPeers + 16,
      retryToken: cfg.retryToken,
    });
  } catch (err) {
    stop.abort();
    throw err;
  }
  const node = holder.node = new GeomeshNode({
    config: cfg,
    identity,
    logger,
    transport,
    listener,
    pins,
    pinStrings: pins.map(pinToString),
    binding,
    onClose: async () => {
      stop.abort();
      await closeDashboard?.();
    },
  });
  let closeDashboard: (() => Promise<void>) | undefined;
  // Opt-in: answering it tells peers about this node (see lib/dashboard/introspect.ts).
  if (cfg.introspection !== false) {
    (await import("../dashboard/introspect.ts")).registerIntrospection(node, cfg.introspection);
  }
  if (site && listener) {
    const options = typeof cfg.dashboard === "object" ? cfg.dashboard : {};
    try {
      const dashboard = await (await import("../dashboard/mod.ts")).startDashboard({
        ...options,
        node,
        listener,
        certificate: rotator?.current,
        urlHost: cfg.hostnames[0],
        bindHost: cfg.hostname,
        logs,
        logger,
      });
      holder.dashboard = dashboard;
      closeDashboard = () => dashboard.close();
      // The URL only: the token is a secret, and log lines travel (and show on the dashboard).
      logger.info("dashboard", {
        url: dashboard.url,
        access: dashboard.token === undefined ? "public" : "token or loopback",
      });
    } catch (err) {
      await node.close();
      throw err;
    }
  }
  logger.info("node started", { id: identity.id, mode: cfg.mode, port: listener?.port });
  return node;
}
