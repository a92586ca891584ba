/**
 * Multi-node geomesh workloads run inside one process (one clock):
 * W5 broadcast (real transport), W6 discovery (real transport), W8 scale
 * (memory transport). Speaks the process protocol of `rpc-child.ts`.
 *
 *   deno run -A bench/peers/mesh-peer.ts
 *
 * @module
 */
import process from "node:process";
import { createNode } from "../../mod.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import { encodeMessage } from "../../lib/codec/messages.ts";
import { varintSize } from "../../lib/codec/writer.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import type { Transport } from "../../lib/transport/types.ts";
import { eccentricity } from "../lib/graph.ts";
import { type Op, rssAfterGc, serveRpc } from "../lib/rpc-child.ts";
import { percentile } from "../lib/stats.ts";
import { type AdapterName, loadAdapter } from "../lib/transports.ts";

const runtime = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : "node";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function realTransport(name?: string): Promise<Transport> {
  return loadAdapter((name ?? "default") as AdapterName);
}

/** Polls `check` every `every` ms until true or `ms` elapsed; returns whether it became true. */
async function until(check: () => boolean, ms: number, every = 10): Promise<boolean> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) return false;
    await sleep(every);
  }
  return true;
}

/** Size on the wire of one broadcast frame like the ones W5 sends (origin-signed). */
function broadcastFrameBytes(origin: string, size: number): number {
  const body = encodeMessage({
    type: "broadcast",
    origin,
    seq: Date.now() * 1000 + 1,
    ts: Date.now(),
    payload: new Uint8Array(size),
    ttl: 15,
    sig: new Uint8Array(64),
  });
  return varintSize(body.length) + body.length;
}

async function joinEdges(nodes: GeomeshNode[], edges: Array<[number, number]>, batch: number) {
  for (let i = 0; i < edges.length; i += batch) {
    await Promise.all(
      edges.slice(i, i + batch).map(([a, b]) => nodes[a].connect(nodes[b].address)),
    );
  }
}

const ops: Record<string, Op> = {
  /**
   * W5: `nodes` hybrid nodes joined along `edges`; node 0 broadcasts `messages`
   * payloads of `size` bytes at `rate`/s. Copies = stream bytes sent by all
   * nodes during the run / the size of one broadcast frame.
   */
  async w5({ nodes: n, edges, messages, rate, size, transport }) {
    const t = await realTransport(transport as string | undefined);
    const nodes: GeomeshNode[] = [];
    for (let i = 0; i < Number(n); i++) {
      nodes.push(
        await createNode({
          mode: "hybrid",
          port: 0,
          transport: t,
          keepAliveMs: 0,
          // The same mesh as gossipsub's: no extra sessions dialed by discovery.
          minPeers: 0,
          logLevel: "error",
        }),
      );
    }
    try {
      await joinEdges(nodes, edges as Array<[number, number]>, 1);
      const latencies: number[] = [];
      for (let i = 1; i < nodes.length; i++) {
        nodes[i].addEventListener("broadcast", (e) => {
          const p = (e as CustomEvent<{ payload: Uint8Array }>).detail.payload;
          latencies.push(performance.now() - new DataView(p.buffer, p.byteOffset, 8).getFloat64(0));
        });
      }
      // Warm-up broadcast (JIT, key caches), not counted.
      await nodes[0].broadcast(new Uint8Array(Number(size)));
      await until(() => latencies.length >= nodes.length - 1, 5000);
      latencies.length = 0;
      const sentBefore = nodes.reduce((s, x) => s + x.metrics.bytesSent, 0);
      const start = performance.now();
      for (let i = 0; i < Number(messages); i++) {
        const wait = start + (i * 1000) / Number(rate) - performance.now();
        if (wait > 0) await sleep(wait);
        const payload = new Uint8Array(Number(size));
        const v = new DataView(payload.buffer);
        v.setFloat64(0, performance.now());
        v.setUint32(8, i);
        await nodes[0].broadcast(payload);
      }
      const expected = Number(messages) * (nodes.length - 1);
      await until(() => latencies.length >= expected, 5000);
      const sent = nodes.reduce((s, x) => s + x.metrics.bytesSent, 0) - sentBefore;
      const delivered = latencies.length;
      return {
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        deliveryRatio: delivered / expected,
        copiesPerDelivery: sent / broadcastFrameBytes(nodes[0].id, Number(size)) /
          Math.max(1, delivered),
        delivered,
        expected,
      };
    } finally {
      await Promise.all(nodes.map((x) => x.close()));
    }
  },

  /**
   * W6: `nodes` nodes, all bootstrapped from one seed; seconds until every node
   * lists all others (`seconds: null` if not within `timeoutMs`), and the mean
   * and minimum fraction of the full view reached.
   */
  async w6({ nodes: n, timeoutMs, transport }) {
    const t = await realTransport(transport as string | undefined);
    const opts = {
      mode: "hybrid" as const,
      port: 0,
      transport: t,
      keepAliveMs: 0,
      logLevel: "error" as const,
    };
    const seed = await createNode(opts);
    const nodes: GeomeshNode[] = [seed];
    const start = performance.now();
    try {
      for (let i = 1; i < Number(n); i++) {
        nodes.push(await createNode({ ...opts, bootstrap: [seed.address] }));
      }
      const others = nodes.length - 1;
      const view = () => nodes.map((x) => Math.min(others, x.peers().length) / others);
      const done = await until(() => view().every((f) => f >= 1), Number(timeoutMs), 25);
      const seconds = (performance.now() - start) / 1000;
      const v = view();
      return {
        seconds: done ? seconds : null,
        meanView: v.reduce((a, b) => a + b, 0) / v.length,
        minView: Math.min(...v),
        waitedS: seconds,
      };
    } finally {
      await Promise.all(nodes.map((x) => x.close()));
    }
  },

  /**
   * W8: `nodes` nodes on the memory transport joined along `edges`; node 0
   * broadcasts `broadcasts` messages. Delivery ratio (the worst broadcast),
   * time until the last delivery, the most hops a delivered copy took, and
   * the graph's hop radius from the publisher (the least that maximum can be). Discovery is off here: a full view of 10,000 nodes in one
   * process would be 10^8 records (see `w8d` for discovery at scale).
   */
  async w8({ nodes: n, edges, broadcasts }) {
    const net = createMemoryNetwork({ seed: 8 });
    const nodes: GeomeshNode[] = [];
    const rssBefore = await rssAfterGc();
    const t0 = performance.now();
    for (let i = 0; i < Number(n); i++) {
      nodes.push(
        await createNode({
          mode: "hybrid",
          transport: net.transport(`n${i}`),
          keepAliveMs: 0,
          gossipIntervalMs: 0,
          logLevel: "error",
        }),
      );
    }
    const e = edges as Array<[number, number]>;
    await joinEdges(nodes, e, 200);
    const joinS = (performance.now() - t0) / 1000;
    const rssJoined = await rssAfterGc();
    let got = 0, maxHops = 0;
    for (let i = 1; i < nodes.length; i++) {
      nodes[i].addEventListener("broadcast", (ev) => {
        got++;
        maxHops = Math.max(maxHops, (ev as CustomEvent<{ hops: number }>).detail.hops);
      });
    }
    const ratios: number[] = [];
    const times: number[] = [];
    for (let b = 0; b < Number(broadcasts); b++) {
      got = 0;
      const t = performance.now();
      await nodes[0].broadcast({ b });
      // Until everyone has it, or nothing new arrived for 3 s (a lost delivery).
      let seen = 0, progressAt = performance.now(), doneAt = performance.now();
      while (got < nodes.length - 1 && performance.now() - progressAt < 3000) {
        await sleep(5);
        if (got !== seen) {
          seen = got;
          progressAt = doneAt = performance.now();
        }
      }
      if (got >= nodes.length - 1) doneAt = performance.now();
      times.push(doneAt - t);
      ratios.push(got / (nodes.length - 1));
    }
    const out = {
      deliveryRatio: Math.min(...ratios),
      broadcastMs: percentile(times, 50),
      hopRadius: eccentricity(nodes.length, e, 0),
      maxHops,
      joinS,
      edges: e.length,
      rssPerNodeKiB: (rssJoined - rssBefore) / nodes.length / 1024,
    };
    await Promise.all(nodes.map((x) => x.close()));
    return out;
  },
  /**
   * W8 discovery: for each size `n`, nodes join on the memory transport (2 ms
   * links), each bootstrapped from a random earlier node (a random tree, so
   * news has to travel), with the default discovery settings but
   * `intervalMs` rounds. Rounds = time from the last join until every node
   * lists all the others, in round intervals (rounded up).
   */
  async w8d({ sizes, intervalMs, timeoutMs }) {
    const out: Array<Record<string, number | null>> = [];
    for (const n of sizes as number[]) {
      const net = createMemoryNetwork({ seed: 80 + n, latencyMs: 2 });
      const nodes: GeomeshNode[] = [];
      const t0 = performance.now();
      try {
        for (let i = 0; i < n; i++) {
          const from = nodes[Math.floor(Math.random() * nodes.length)];
          nodes.push(
            await createNode({
              mode: "hybrid",
              transport: net.transport(`d${i}`),
              keepAliveMs: 0,
              gossipIntervalMs: Number(intervalMs),
              logLevel: "error",
              bootstrap: from ? [from.address] : [],
            }),
          );
        }
        const joined = performance.now();
        const full = await until(
          () => nodes.every((x) => x.peers().length >= n - 1),
          Number(timeoutMs),
          5,
        );
        const after = performance.now() - joined;
        out.push({
          nodes: n,
          rounds: full ? Math.max(1, Math.ceil(after / Number(intervalMs))) : null,
          msAfterLastJoin: full ? after : null,
          joinS: (joined - t0) / 1000,
          sessionsPerNode: nodes.reduce((a, x) => a + x.metrics.sessions, 0) / n,
          datagramsPerNode: nodes.reduce((a, x) => a + x.metrics.datagramsSent, 0) / n,
        });
      } finally {
        await Promise.all(nodes.map((x) => x.close()));
      }
    }
    return { discovery: out };
  },
  rss: () => rssAfterGc(),
};

serveRpc({ runtime, pid: process.pid }, ops);
