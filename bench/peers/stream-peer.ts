/**
 * Stream-level benchmark peer (W1–W4 and W7 below the node layer).
 *
 *   deno run -A bench/peers/stream-peer.ts --kind raw|deno|fails --role server|client
 *   bun bench/peers/stream-peer.ts --kind fails --role server|client
 *
 * `raw` is Deno's own WebTransport (server `Deno.upgradeWebTransport`, client
 * the global `WebTransport`): the transport ceiling. `deno` and `fails` are
 * geomesh's transport adapters. Speaks the process protocol of `rpc-child.ts`
 * and the stream protocol of `stream-proto.ts`.
 *
 * @module
 */
import process from "node:process";
import { generateCertificate } from "../../lib/cert/generate.ts";
import type { Transport } from "../../lib/transport/types.ts";
import { type Op, rssAfterGc, serveRpc } from "../lib/rpc-child.ts";
import {
  bulkOnStream,
  type Duplex,
  rttOnStream,
  serveStream,
  smallOnStream,
} from "../lib/stream-proto.ts";
import { pinFromString, pinToString } from "../../lib/cert/pin.ts";
import { type AdapterName, loadAdapter } from "../lib/transports.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const kind = arg("kind", "raw");
const role = arg("role", "client");
const runtime = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : "node";

/** The session shape both raw WebTransport and adapters offer. */
interface Session {
  createBidirectionalStream(): Promise<Duplex>;
  incomingBidirectionalStreams: ReadableStream<Duplex>;
  close(info?: { closeCode?: number; reason?: string }): void;
}

async function serveSession(session: Session): Promise<void> {
  try {
    for await (const stream of session.incomingBidirectionalStreams) serveStream(stream);
  } catch { /* session gone */ }
}

let adapter: Transport | undefined;
if (kind !== "raw") {
  adapter = await loadAdapter(kind as AdapterName);
}

async function dial(url: string, pin: string): Promise<Session> {
  const hash = pinFromString(pin);
  if (kind === "raw") {
    const wt = new WebTransport(url, {
      serverCertificateHashes: [{ algorithm: "sha-256", value: hash }],
    });
    await wt.ready;
    wt.closed.catch(() => {});
    return wt as unknown as Session;
  }
  return await adapter!.dial(url, { certificateHashes: [hash] }) as unknown as Session;
}

if (role === "server") {
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  let port: number;
  if (kind === "raw") {
    const endpoint = new Deno.QuicEndpoint({ hostname: "127.0.0.1", port: 0 });
    const listener = endpoint.listen({
      cert: cert.certPem,
      key: cert.keyPem,
      alpnProtocols: ["h3"],
    });
    port = endpoint.addr.port;
    (async () => {
      for (;;) {
        const conn = await listener.accept();
        Deno.upgradeWebTransport(conn).then(async (wt) => {
          wt.closed.catch(() => {});
          await wt.ready;
          serveSession(wt as unknown as Session);
        }).catch(() => {});
      }
    })();
  } else {
    const listener = await adapter!.listen({
      hostname: "127.0.0.1",
      port: 0,
      certificate: cert,
      path: "/bench",
      maxSessions: 4096,
    });
    port = listener.port;
    (async () => {
      for await (const session of listener.sessions) serveSession(session as unknown as Session);
    })();
  }
  serveRpc({ url: `https://127.0.0.1:${port}/bench`, pin: pinToString(cert.pin), runtime }, {
    rss: () => rssAfterGc(),
  });
} else {
  const held: Session[] = [];
  const ops: Record<string, Op> = {
    async w1({ url, pin, n }) {
      const times: number[] = [];
      for (let i = 0; i < Number(n); i++) {
        const t = performance.now();
        const s = await dial(String(url), String(pin));
        times.push(performance.now() - t);
        s.close({ closeCode: 0, reason: "done" });
      }
      return { times };
    },
    async w2({ url, pin, n, size }) {
      const s = await dial(String(url), String(pin));
      try {
        return await rttOnStream(await s.createBidirectionalStream(), Number(n), Number(size));
      } finally {
        s.close({ closeCode: 0, reason: "done" });
      }
    },
    async w3({ url, pin, bytes, chunk }) {
      const s = await dial(String(url), String(pin));
      try {
        return await bulkOnStream(
          await s.createBidirectionalStream(),
          Number(bytes),
          Number(chunk),
        );
      } finally {
        s.close({ closeCode: 0, reason: "done" });
      }
    },
    async w4({ url, pin, n, size, writeBytes }) {
      const s = await dial(String(url), String(pin));
      try {
        return await smallOnStream(
          await s.createBidirectionalStream(),
          Number(n),
          Number(size),
          Number(writeBytes),
        );
      } finally {
        s.close({ closeCode: 0, reason: "done" });
      }
    },
    /** Opens `count` idle sessions, each with one stream that made one round trip. */
    async many({ url, pin, count }) {
      for (let i = 0; i < Number(count); i++) {
        const s = await dial(String(url), String(pin));
        await rttOnStream(await s.createBidirectionalStream(), 1, 8);
        held.push(s);
      }
      return { held: held.length };
    },
    dropMany() {
      for (const s of held.splice(0)) s.close({ closeCode: 0, reason: "done" });
      return true;
    },
    rss: () => rssAfterGc(),
  };
  serveRpc({ runtime }, ops);
}
