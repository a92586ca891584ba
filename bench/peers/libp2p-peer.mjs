/**
 * js-libp2p benchmark peer (TCP + Noise + Yamux; gossipsub for W5), run under
 * Node, the runtime js-libp2p users pick. Plain JavaScript because Node 20
 * runs no TypeScript. Speaks the same process protocol as `bench/lib/rpc-child.ts`
 * (ready line, then `{ id, op, ...args }` commands on stdin) and the same
 * stream protocol as `bench/lib/stream-proto.ts` on protocol `/bench/1.0.0`.
 *
 *   node bench/peers/libp2p-peer.mjs --role server|client|w5
 *
 * js-libp2p 3.x needs `Promise.withResolvers`, which Node 20 lacks: it is
 * polyfilled before libp2p loads.
 */
import { createInterface } from "node:readline";
import process from "node:process";

if (typeof Promise.withResolvers !== "function") {
  // @ts-ignore Node 20 polyfill (ES2024), as js-libp2p 3.x needs it.
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { createLibp2p } = await import("libp2p");
const { tcp } = await import("@libp2p/tcp");
const { noise } = await import("@chainsafe/libp2p-noise");
const { yamux } = await import("@chainsafe/libp2p-yamux");
const { multiaddr } = await import("@multiformats/multiaddr");

const PROTOCOL = "/bench/1.0.0";
const args = process.argv.slice(2);
const role = args[args.indexOf("--role") + 1] ?? "client";

/** @param {unknown} obj */
function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

/**
 * @param {Record<string, unknown>} ready
 * @param {Record<string, (a: any) => any>} ops
 */
function serveRpc(ready, ops) {
  emit({ ready: true, version: `node ${process.versions.node}`, ...ready });
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let chain = Promise.resolve();
  rl.on("line", (line) => {
    if (!line.trim()) return;
    chain = chain.then(async () => {
      const cmd = JSON.parse(line);
      if (cmd.op === "exit") {
        emit({ id: cmd.id, result: true });
        process.exit(0);
      }
      const op = ops[cmd.op];
      if (!op) return emit({ id: cmd.id, error: `unknown op ${cmd.op}` });
      try {
        emit({ id: cmd.id, result: await op(cmd) });
      } catch (err) {
        emit({ id: cmd.id, error: /** @type {Error} */ (err)?.stack ?? String(err) });
      }
    });
  });
  rl.on("close", () => void chain.finally(() => process.exit(0)));
}

async function rss() {
  const g = /** @type {{ gc?: () => void }} */ (globalThis);
  for (let i = 0; i < 3; i++) {
    g.gc?.();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().rss;
}

/** @param {Record<string, unknown>} [services] */
function makeNode(listen = false, services = {}) {
  return createLibp2p({
    addresses: { listen: listen ? ["/ip4/127.0.0.1/tcp/0"] : [] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // The default admits 5 inbound connections per second per host (DoS
    // protection); W1 dials 50 in a row from 127.0.0.1, so the limit is lifted.
    connectionManager: { inboundConnectionThreshold: 1_000_000, maxConnections: 10_000 },
    // @ts-ignore service map shape
    services,
  });
}

/** Turns a libp2p message event payload into one Uint8Array. */
function bytesOf(/** @type {any} */ data) {
  return data instanceof Uint8Array ? data : data.subarray();
}

/**
 * Reads a libp2p stream through 'message' events, with exact-length reads.
 * @param {any} stream
 */
function exactReader(stream) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  let have = 0;
  /** @type {(() => void) | null} */
  let wake = null;
  stream.addEventListener("message", (/** @type {any} */ e) => {
    const b = bytesOf(e.data);
    chunks.push(b);
    have += b.length;
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  });
  return {
    /** @param {number} n */
    async exact(n) {
      while (have < n) await new Promise((r) => (wake = () => r(undefined)));
      const out = new Uint8Array(n);
      let p = 0;
      while (p < n) {
        const c = chunks[0];
        const take = Math.min(c.length, n - p);
        out.set(c.subarray(0, take), p);
        p += take;
        if (take === c.length) chunks.shift();
        else chunks[0] = c.subarray(take);
      }
      have -= n;
      return out;
    },
  };
}

/** Server side of the stream protocol (see bench/lib/stream-proto.ts). @param {any} stream */
function serveStream(stream) {
  let mode = 0, header = new Uint8Array(0), need = 0;
  let total = 0, got = 0, count = 0, seen = 0;
  let body = 0, len = 0, shift = 0, inPrefix = true;
  stream.addEventListener("message", (/** @type {any} */ e) => {
    let c = bytesOf(e.data);
    if (mode === 0) {
      mode = c[0];
      c = c.subarray(1);
      need = mode === 2 ? 8 : mode === 3 ? 4 : 0;
    }
    if (header.length < need) {
      const take = Math.min(need - header.length, c.length);
      const h = new Uint8Array(header.length + take);
      h.set(header);
      h.set(c.subarray(0, take), header.length);
      header = h;
      c = c.subarray(take);
      if (header.length < need) return;
      const v = new DataView(header.buffer);
      if (mode === 2) total = v.getUint32(0) * 2 ** 32 + v.getUint32(4);
      else count = v.getUint32(0);
    }
    if (mode === 1) {
      if (c.length) stream.send(c.slice());
    } else if (mode === 2) {
      got += c.length;
      if (got >= total && total > 0) {
        total = 0;
        stream.send(new Uint8Array([1]));
      }
    } else if (mode === 3) {
      let p = 0;
      while (p < c.length) {
        if (inPrefix) {
          const b = c[p++];
          len |= (b & 0x7f) << shift;
          shift += 7;
          if (b < 0x80) {
            inPrefix = false;
            body = len;
            len = 0;
            shift = 0;
          }
        } else {
          const take = Math.min(body, c.length - p);
          p += take;
          body -= take;
        }
        if (!inPrefix && body === 0) {
          seen++;
          inPrefix = true;
          if (seen === count) stream.send(new Uint8Array([1]));
        }
      }
    }
  });
}

/** @param {any} stream @param {Uint8Array} buf */
async function send(stream, buf) {
  if (!stream.send(buf)) await stream.onDrain();
}

/** @param {number[]} v @param {number} p */
function pct(v, p) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const versions = { node: process.versions.node, libp2p: "3.x" };
try {
  const { readFileSync } = await import("node:fs");
  versions.libp2p = JSON.parse(readFileSync("node_modules/libp2p/package.json", "utf8")).version;
} catch { /* not found */ }

if (role === "server") {
  const node = await makeNode(true);
  await node.handle(PROTOCOL, (stream) => serveStream(stream), { maxInboundStreams: 4096 });
  const address = node.getMultiaddrs()[0].toString();
  serveRpc({ address, runtime: "node", versions }, { rss });
} else if (role === "client") {
  const node = await makeNode(false);
  /** @type {any[]} */
  const held = [];
  /** @param {string} address */
  const stream = (address) => node.dialProtocol(multiaddr(address), PROTOCOL);
  serveRpc({ runtime: "node", versions }, {
    /** Fresh connections: dial (TCP + Noise + Yamux upgrade) to a peer that can open streams. */
    async w1(/** @type {any} */ { address, n }) {
      const times = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const conn = await node.dial(multiaddr(address));
        times.push(performance.now() - t);
        await conn.close();
      }
      return { times };
    },
    async w2(/** @type {any} */ { address, n, size }) {
      const s = await stream(address);
      const r = exactReader(s);
      await send(s, new Uint8Array([1]));
      const times = new Array(n);
      const msg = new Uint8Array(size).fill(7);
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await send(s, msg.slice());
        await r.exact(size);
        times[i] = (performance.now() - t) * 1000;
      }
      await s.close().catch(() => {});
      return { p50Us: pct(times, 50), p95Us: pct(times, 95), p99Us: pct(times, 99), n };
    },
    async w3(/** @type {any} */ { address, bytes, chunk }) {
      const s = await stream(address);
      const r = exactReader(s);
      const header = new Uint8Array(9);
      header[0] = 2;
      const v = new DataView(header.buffer);
      v.setUint32(1, Math.floor(bytes / 2 ** 32));
      v.setUint32(5, bytes >>> 0);
      const t = performance.now();
      await send(s, header);
      for (let sent = 0; sent < bytes; sent += chunk) {
        await send(s, new Uint8Array(Math.min(chunk, bytes - sent)));
      }
      await r.exact(1);
      const seconds = (performance.now() - t) / 1000;
      await s.close().catch(() => {});
      return { mbPerS: bytes / 1e6 / seconds, seconds, bytes };
    },
    /** One `send()` per length-prefixed message, as libp2p applications write them. */
    async w4(/** @type {any} */ { address, n, size }) {
      const s = await stream(address);
      const r = exactReader(s);
      const header = new Uint8Array(5);
      header[0] = 3;
      new DataView(header.buffer).setUint32(1, n);
      const payload = new Uint8Array(size).fill(3);
      const t = performance.now();
      await send(s, header);
      for (let i = 0; i < n; i++) {
        const buf = new Uint8Array(size + 1);
        buf[0] = size;
        buf.set(payload, 1);
        await send(s, buf);
      }
      await r.exact(1);
      const seconds = (performance.now() - t) / 1000;
      await s.close().catch(() => {});
      return { perS: n / seconds, seconds, messages: n };
    },
    async many(/** @type {any} */ { address, count }) {
      for (let i = 0; i < count; i++) {
        const c = await makeNode(false);
        await c.dial(multiaddr(address));
        held.push(c);
      }
      return { held: held.length };
    },
    async dropMany() {
      await Promise.all(held.splice(0).map((c) => c.stop()));
      return true;
    },
    rss,
  });
} else if (role === "w5") {
  const { gossipsub } = await import("@libp2p/gossipsub");
  const { identify } = await import("@libp2p/identify");
  serveRpc({ runtime: "node", versions }, {
    /**
     * W5: `nodes` gossipsub nodes joined along `edges`; node 0 publishes
     * `messages` payloads of `size` bytes at `rate`/s. Latency is measured in
     * this one process (one clock). Copies: messages carried by every RPC sent.
     */
    async w5(/** @type {any} */ { nodes: n, edges, messages, rate, size, signed }) {
      const topic = "bench";
      const nodes = [];
      for (let i = 0; i < n; i++) {
        nodes.push(
          await makeNode(true, {
            identify: identify(),
            pubsub: gossipsub({
              globalSignaturePolicy: signed ? "StrictSign" : "StrictNoSign",
              allowPublishToZeroTopicPeers: true,
            }),
          }),
        );
      }
      let copies = 0;
      for (const node of nodes) {
        const ps = /** @type {any} */ (node.services.pubsub);
        const orig = ps.sendRpc.bind(ps);
        ps.sendRpc = (/** @type {any} */ id, /** @type {any} */ rpc) => {
          const sent = orig(id, rpc);
          if (sent) copies += rpc.messages?.length ?? 0;
          return sent;
        };
      }
      for (const [a, b] of edges) await nodes[a].dial(nodes[b].getMultiaddrs()[0]);
      /** @type {number[]} */
      const latencies = [];
      for (let i = 0; i < n; i++) {
        const ps = /** @type {any} */ (nodes[i].services.pubsub);
        ps.subscribe(topic);
        if (i === 0) continue;
        ps.addEventListener("message", (/** @type {any} */ e) => {
          const data = e.detail.data;
          const sent = new DataView(data.buffer, data.byteOffset, 8).getFloat64(0);
          latencies.push(performance.now() - sent);
        });
      }
      // Wait for every node to have a mesh peer on the topic (bounded).
      const meshEnd = performance.now() + 10_000;
      while (performance.now() < meshEnd) {
        const ok = nodes.every((x) =>
          /** @type {any} */ (x.services.pubsub).getMeshPeers(topic).length > 0
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 1200)); // one heartbeat to settle the mesh
      copies = 0;
      const pub = /** @type {any} */ (nodes[0].services.pubsub);
      const start = performance.now();
      for (let i = 0; i < messages; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const data = new Uint8Array(size);
        const v = new DataView(data.buffer);
        v.setFloat64(0, performance.now());
        v.setUint32(8, i);
        await pub.publish(topic, data);
      }
      const expected = messages * (n - 1);
      const end = performance.now() + 5000;
      while (latencies.length < expected && performance.now() < end) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const delivered = latencies.length;
      await Promise.all(nodes.map((x) => x.stop()));
      return {
        p50Ms: pct(latencies, 50),
        p99Ms: pct(latencies, 99),
        deliveryRatio: delivered / expected,
        copiesPerDelivery: copies / Math.max(1, delivered),
        delivered,
        expected,
      };
    },
  });
}
