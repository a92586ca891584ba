/**
 * Conformance of the memory transport (in-process command server).
 */
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { type ServerStats, serveSession } from "./fixtures/commands.ts";
import { conformance } from "./conformance.ts";

const net = createMemoryNetwork({ seed: 1 });
const client = net.transport("client");
let servers = 0;

conformance({
  name: "memory",
  protocol: "memory",
  dial: (url, options) => client.dial(url, options),
  async startServer() {
    const name = `server-${++servers}`;
    const cert = { certPem: "", keyPem: "" };
    const listener = await net.transport(name).listen({ certificate: cert });
    const stats: ServerStats = { open: 0, total: 0 };
    const hooks = { vanish: (afterMs: number) => setTimeout(() => net.vanish(name), afterMs) };
    (async () => {
      for await (const s of listener.sessions) serveSession(s, hooks, stats);
    })();
    return { url: `memory://${name}/geomesh`, dialOptions: {}, stop: () => listener.close() };
  },
  async unreachable() {
    // A live endpoint behind a partition: handshakes are dropped, nothing answers.
    const listener = await net.transport("behind-wall").listen({
      certificate: { certPem: "", keyPem: "" },
    });
    net.block("client", "behind-wall");
    return {
      url: "memory://behind-wall/geomesh",
      close: async () => {
        net.heal("client", "behind-wall");
        await listener.close();
      },
    };
  },
  // A memory listener without a certificate matches no pin.
  wrongPinCodes: ["PIN_MISMATCH"],
  vanishDeadlineMs: 2000,
}).run();
