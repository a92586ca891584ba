/**
 * Conformance of the `fails` adapter (HTTP/2), listener and dialer in this
 * process. The client reaches the listener through a TCP relay, so a peer
 * "vanishing" here is the hard case: the relay stops forwarding and keeps the
 * sockets open (a machine dropping off the network, no FIN, no RST), and only
 * the adapter's idle timeout can notice.
 */
import { createConnection, createServer, type Socket } from "node:net";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { failsTransport } from "../../lib/transport/fails.ts";
import { type ServerStats, serveSession } from "./fixtures/commands.ts";
import { conformance } from "./conformance.ts";

const IDLE_MS = 1500;
const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });

/** A TCP relay to `port` that can freeze (stop forwarding without closing anything). */
function relay(port: number): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((inbound) => {
    const outbound = createConnection({ host: "127.0.0.1", port });
    for (const [from, to] of [[inbound, outbound], [outbound, inbound]]) {
      sockets.add(from);
      from.on("data", (d) => {
        if (!frozen) to.write(d);
      });
      from.on("error", () => {});
      from.on("close", () => {
        sockets.delete(from);
        if (!frozen) to.destroy();
      });
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as { port: number }).port,
        freeze: () => void (frozen = true),
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }))
  );
}

conformance({
  name: "fails in-process (h2)",
  protocol: "h2",
  dial: (url, options) => failsTransport.dial(url, { idleTimeoutMs: IDLE_MS, ...options }),
  async startServer() {
    const listener = await failsTransport.listen({
      certificate: cert,
      maxSessions: 256,
      idleTimeoutMs: IDLE_MS,
    });
    const front = await relay(listener.port);
    const stats: ServerStats = { open: 0, total: 0 };
    const hooks = { vanish: (afterMs: number) => setTimeout(() => front.freeze(), afterMs) };
    (async () => {
      for await (const s of listener.sessions) serveSession(s, hooks, stats);
    })();
    return {
      url: `https://127.0.0.1:${front.port}/geomesh`,
      dialOptions: { certificateHashes: [cert.pin] },
      stop: async () => {
        await front.close();
        await listener.close();
      },
    };
  },
  async unreachable() {
    // Accepts TCP connections and never answers the TLS handshake.
    const sockets = new Set<Socket>();
    const server = createServer((s) => void sockets.add(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    return {
      url: `https://127.0.0.1:${(server.address() as { port: number }).port}/geomesh`,
      close: () =>
        new Promise<void>((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        }),
    };
  },
  wrongPinCodes: ["PIN_MISMATCH"],
  vanishDeadlineMs: IDLE_MS + 2500,
  bigTransferMiB: 32,
}).run();
