/**
 * geomesh node benchmark peer (W1–W4 and W7 through the public node API).
 *
 *   deno run -A bench/peers/node-peer.ts --role server|client [--transport default|deno|fails|dual]
 *   bun bench/peers/node-peer.ts --role server|client
 *
 * `default` (the default) is the transport `createNode` picks for the runtime:
 * on Deno the dual-stack adapter (dials HTTP/3), on Bun `fails` (HTTP/2).
 *
 * The server is a server-mode node whose request handler echoes 64-byte
 * requests and answers `{ op: "count" }` with the messages and bytes received
 * since the last count (every message arrives as its own `message` event,
 * which is what is counted). Speaks the process protocol of `rpc-child.ts`.
 *
 * @module
 */
import process from "node:process";
import { createNode } from "../../mod.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import type { Transport } from "../../lib/transport/types.ts";
import { type Op, rssAfterGc, serveRpc } from "../lib/rpc-child.ts";
import { summarize } from "../lib/stats.ts";
import { type AdapterName, loadAdapter } from "../lib/transports.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runtime = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : "node";
const role = arg("role", "client");
const adapterName = arg("transport", "default") as AdapterName;
const transport = await loadAdapter(adapterName);

/**
 * Quiet nodes: no keep-alive pings during measurements, errors only. The
 * server turns `retryToken` off: on TCP it is a per-address connection rate
 * limit (burst 20, 10/s), which W1's 50 dials in a row from 127.0.0.1 would hit
 * (js-libp2p's equivalent limit is lifted the same way).
 */
function node(mode: "server" | "client", t: Transport = transport!): Promise<GeomeshNode> {
  return createNode({
    mode,
    port: 0,
    transport: t,
    keepAliveMs: 0,
    logLevel: "error",
    retryToken: mode !== "server",
  });
}

if (role === "server") {
  const server = await node("server");
  let messages = 0, bytes = 0;
  server.addEventListener("message", (e) => {
    messages++;
    const p = (e as CustomEvent<{ payload: unknown }>).detail.payload;
    if (p instanceof Uint8Array) bytes += p.length;
  });
  const reply = new Uint8Array(64).fill(9);
  server.handle((payload) => {
    if (payload instanceof Uint8Array) return reply;
    if ((payload as { op?: string })?.op === "count") {
      const out = { messages, bytes };
      messages = 0;
      bytes = 0;
      return out;
    }
    return null;
  });
  serveRpc({ address: server.address, runtime, transport: transport.name }, {
    rss: () => rssAfterGc(),
    peers: () => server.peers().filter((p) => p.connected).length,
  });
} else {
  let client: GeomeshNode | undefined;
  let peer = "";
  const held: GeomeshNode[] = [];
  const connected = async (address: string): Promise<GeomeshNode> => {
    if (!client) {
      client = await node("client");
      peer = await client.connect(address);
    }
    return client;
  };
  const count = async (c: GeomeshNode): Promise<{ messages: number; bytes: number }> =>
    await c.request(peer, { op: "count" }, { timeoutMs: 120_000 }) as {
      messages: number;
      bytes: number;
    };
  const ops: Record<string, Op> = {
    /** `n` fresh client nodes, each timed from connect() to an authenticated peer. */
    async w1({ address, n }) {
      const times: number[] = [];
      for (let i = 0; i < Number(n); i++) {
        const c = await node("client");
        const t = performance.now();
        await c.connect(String(address));
        times.push(performance.now() - t);
        await c.close();
      }
      return { times };
    },
    async w2({ address, n, size }) {
      const c = await connected(String(address));
      const payload = new Uint8Array(Number(size)).fill(7);
      const times: number[] = new Array(Number(n));
      for (let i = 0; i < Number(n); i++) {
        const t = performance.now();
        const r = await c.request(peer, payload);
        times[i] = (performance.now() - t) * 1000;
        if (!(r instanceof Uint8Array) || r.length !== 64) throw new Error("bad reply");
      }
      const s = summarize(times);
      const protocol = c.peers().find((p) => p.id === peer)?.protocol;
      return { p50Us: s.p50, p95Us: s.p95, p99Us: s.p99, n: Number(n), protocol };
    },
    /** `bytes` as `chunk`-byte messages; up to `window` sends in flight. */
    async w3({ address, bytes, chunk, window }) {
      const c = await connected(String(address));
      await count(c);
      const total = Number(bytes), size = Number(chunk), win = Number(window ?? 8);
      const n = Math.ceil(total / size);
      const inflight: Promise<void>[] = [];
      const t = performance.now();
      for (let i = 0; i < n; i++) {
        inflight.push(c.send(peer, new Uint8Array(Math.min(size, total - i * size))));
        if (inflight.length >= win) await inflight.shift();
      }
      await Promise.all(inflight);
      const got = await count(c);
      const seconds = (performance.now() - t) / 1000;
      if (got.bytes !== total || got.messages !== n) {
        throw new Error(
          `server got ${got.messages} messages / ${got.bytes} bytes of ${n} / ${total}`,
        );
      }
      return { mbPerS: total / 1e6 / seconds, seconds, bytes: total };
    },
    /** `n` messages of `size` bytes, fire-and-forget with an await every 1024. */
    async w4({ address, n, size }) {
      const c = await connected(String(address));
      await count(c);
      const payload = new Uint8Array(Number(size)).fill(3);
      const t = performance.now();
      let last: Promise<void> = Promise.resolve();
      for (let i = 0; i < Number(n); i++) {
        last = c.send(peer, payload);
        if ((i & 1023) === 1023) await last;
      }
      await last;
      const got = await count(c);
      const seconds = (performance.now() - t) / 1000;
      if (got.messages !== Number(n)) throw new Error(`server got ${got.messages} of ${n}`);
      return { perS: Number(n) / seconds, seconds, messages: got.messages };
    },
    /** `count` client nodes, each connected to the server and idle. */
    async many({ address, count: k }) {
      for (let i = 0; i < Number(k); i++) {
        const c = await node("client");
        await c.connect(String(address));
        held.push(c);
      }
      return { held: held.length };
    },
    async dropMany() {
      await Promise.all(held.splice(0).map((c) => c.close()));
      return true;
    },
    rss: () => rssAfterGc(),
  };
  serveRpc({ runtime, transport: transport.name }, ops);
}
