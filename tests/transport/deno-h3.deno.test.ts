/**
 * Conformance: Deno dialling a Deno server (child process) over HTTP/3.
 */
import { denoTransport } from "../../lib/transport/deno.ts";
import { startFixtureServer } from "./fixtures/spawn.ts";
import { conformance } from "./conformance.ts";

const IDLE_MS = 1500;

conformance({
  name: "deno -> deno (h3)",
  protocol: "h3",
  dial: (url, options) => denoTransport.dial(url, options),
  async startServer() {
    const server = await startFixtureServer({
      runtime: "deno",
      transport: "deno",
      idleMs: IDLE_MS,
    });
    return {
      url: `https://127.0.0.1:${server.port}/geomesh`,
      dialOptions: { certificateHashes: [server.pinBytes] },
      stop: () => server.stop(),
    };
  },
  unreachable() {
    // A bound UDP port that never answers.
    const socket = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
    const { port } = socket.addr as Deno.NetAddr;
    return Promise.resolve({
      url: `https://127.0.0.1:${port}/geomesh`,
      close: () => socket.close(),
    });
  },
  wrongPinCodes: ["PIN_MISMATCH"],
  // QUIC notices a silent peer after the idle timeout (the server advertises 1.5 s).
  vanishDeadlineMs: IDLE_MS + 3000,
}).run();
