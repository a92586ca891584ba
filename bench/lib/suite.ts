/**
 * Runs the benchmark workloads (BENCH.md W1–W8) and collects every figure.
 * Each workload alternates the compared systems round by round (the order
 * rotates), so the noise of a shared 2-core machine hits all of them; the
 * table reports per-system medians over the rounds.
 *
 * @module
 */
import os from "node:os";
import type { Child } from "./child.ts";
import { randomMesh } from "./graph.ts";
import { SIZES, type Sizes } from "./sizes.ts";
import { median, percentile } from "./stats.ts";
import { available, spawnRole, spawnScript, type SystemDef, SYSTEMS, target } from "./systems.ts";

/** One workload's figures for one system. */
export interface Entry {
  workload: string;
  system: string;
  label: string;
  /** Per-round figures. */
  rounds: Array<Record<string, unknown>>;
  /** Per-key median over the rounds (numbers), last value otherwise. */
  median: Record<string, unknown>;
  /** Errors seen (a round that failed, a system that could not start). */
  errors: string[];
}

/** Options of {@linkcode runSuite}. */
export interface SuiteOptions {
  mode: "full" | "quick" | "smoke";
  /** Workloads to run, e.g. `["W2", "W3"]`; default all. */
  only?: string[];
  /** Overrides of the mode's sizes. */
  sizes?: Partial<Sizes>;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** Everything one run measured. */
export interface SuiteResult {
  mode: string;
  startedAt: string;
  durationS: number;
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  sizes: Sizes;
  entries: Entry[];
}

const WORKLOADS = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"];

function rotate<T>(list: readonly T[], by: number): T[] {
  const k = list.length ? by % list.length : 0;
  return [...list.slice(k), ...list.slice(0, k)];
}

function medianOf(rounds: Array<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of rounds) {
    for (const [k, v] of Object.entries(r)) {
      // Raw samples (arrays of numbers) stay in the rounds; lists of results carry over.
      if (typeof v !== "number" && !(Array.isArray(v) && typeof v[0] === "number")) out[k] = v;
    }
  }
  for (const k of new Set(rounds.flatMap((r) => Object.keys(r)))) {
    const nums = rounds.map((r) => r[k]).filter((v): v is number => typeof v === "number");
    if (nums.length) out[k] = median(nums);
  }
  return out;
}

class Collector {
  readonly entries = new Map<string, Entry>();
  get(workload: string, s: { id: string; label: string }): Entry {
    const key = `${workload}/${s.id}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { workload, system: s.id, label: s.label, rounds: [], median: {}, errors: [] };
      this.entries.set(key, e);
    }
    return e;
  }
  finish(): Entry[] {
    const out = [...this.entries.values()];
    for (const e of out) e.median = medianOf(e.rounds);
    return out;
  }
}

const short = (err: unknown) => String((err as Error)?.message ?? err).split("\n")[0].slice(0, 300);

/** The op arguments and per-round figures of W1–W4 for one system. */
function pairCall(
  w: string,
  s: SystemDef,
  sz: Sizes,
): { op: string; args: Record<string, unknown> } {
  switch (w) {
    case "W1":
      return { op: "w1", args: { n: sz.w1.dials } };
    case "W2":
      return { op: "w2", args: { n: sz.w2.requests, size: sz.w2.size } };
    case "W3":
      return { op: "w3", args: { bytes: sz.w3.bytes, chunk: sz.w3.chunk, window: sz.w3.window } };
    default:
      return {
        op: "w4",
        args: { n: sz.w4.messages, size: sz.w4.size, writeBytes: s.level === "stream" ? 65536 : 1 },
      };
  }
}

function pairFigures(w: string, r: Record<string, unknown>): Record<string, unknown> {
  if (w === "W1") {
    const times = r.times as number[];
    return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), n: times.length };
  }
  return r;
}

interface Pair {
  server: Child;
  client: Child;
}

async function startPair(s: SystemDef): Promise<Pair> {
  const [server, client] = await Promise.all([spawnRole(s, "server"), spawnRole(s, "client")]);
  return { server, client };
}

async function closePair(p: Pair | undefined): Promise<void> {
  if (p) await Promise.all([p.client.close(), p.server.close()]);
}

/** Warm-up for workload `w` (JIT, caches, first-connection costs), not recorded. */
async function warmUp(w: string, p: Pair, sz: Sizes): Promise<void> {
  const t = target(p.server);
  if (w === "W1") await p.client.call("w1", { ...t, n: 2 }, 30_000);
  if (w === "W2") await p.client.call("w2", { ...t, n: Math.min(500, sz.w2.requests), size: 64 });
  if (w === "W3") {
    await p.client.call("w3", {
      ...t,
      bytes: Math.min(8 << 20, sz.w3.bytes),
      chunk: sz.w3.chunk,
      window: sz.w3.window,
    }, 30_000);
  }
  if (w === "W4") {
    await p.client.call("w4", {
      ...t,
      n: Math.min(20_000, sz.w4.messages),
      size: sz.w4.size,
      writeBytes: 65536,
    }, 30_000);
  }
}

/**
 * W1–W4: every system, alternating round by round. Each workload gets fresh
 * processes, so no workload inherits another one's heap, sessions or timers
 * (a node that served W1's 50 dials moves measurably less in W3 afterwards).
 */
async function runPairs(
  systems: SystemDef[],
  workloads: string[],
  sz: Sizes,
  col: Collector,
  log: (l: string) => void,
  versions: Record<string, string>,
): Promise<void> {
  for (const w of workloads) {
    const pairs = new Map<string, Pair>();
    await Promise.all(systems.map(async (s) => {
      try {
        const p = await startPair(s);
        pairs.set(s.id, p);
        versions[s.runtime] = String(p.server.info.version);
        const v = p.server.info.versions as Record<string, string> | undefined;
        if (v?.libp2p) versions.libp2p = v.libp2p;
      } catch (err) {
        col.get(w, s).errors.push(`start: ${short(err)}`);
      }
    }));
    for (const s of systems) {
      const p = pairs.get(s.id);
      if (!p) continue;
      try {
        await warmUp(w, p, sz);
      } catch (err) {
        log(`  ${w} warm-up ${s.id}: ${short(err)}`);
      }
    }
    for (let round = 0; round < sz.rounds; round++) {
      for (const s of rotate(systems, round)) {
        const entry = col.get(w, s);
        let p = pairs.get(s.id);
        if (!p) continue;
        const { op, args } = pairCall(w, s, sz);
        const t0 = performance.now();
        try {
          const r = await p.client.call<Record<string, unknown>>(
            op,
            { ...target(p.server), ...args },
            90_000,
          );
          entry.rounds.push(pairFigures(w, r));
          const secs = ((performance.now() - t0) / 1000).toFixed(1);
          log(
            `  ${w} round ${round + 1} ${s.id}: ${summaryLine(w, pairFigures(w, r))} (${secs} s)`,
          );
        } catch (err) {
          entry.errors.push(`round ${round + 1}: ${short(err)}`);
          log(`  ${w} round ${round + 1} ${s.id}: FAILED ${short(err)}`);
          // A failed run can leave a stream or session wedged: start the pair afresh.
          await closePair(p);
          pairs.delete(s.id);
          try {
            p = await startPair(s);
            pairs.set(s.id, p);
          } catch (e) {
            entry.errors.push(`restart: ${short(e)}`);
          }
        }
      }
    }
    // W4 with one write per message, raw transport only (BENCH.md's second reference figure).
    const raw = pairs.get("raw");
    if (w === "W4" && sz.w4.oneWriteEach && raw) {
      const entry = col.get("W4", {
        id: "raw-one-write",
        label: "raw Deno WebTransport, one write per message",
      });
      for (let round = 0; round < sz.rounds; round++) {
        try {
          entry.rounds.push(
            await raw.client.call("w4", {
              ...target(raw.server),
              n: sz.w4.messages,
              size: sz.w4.size,
              writeBytes: 1,
            }, 90_000),
          );
        } catch (err) {
          entry.errors.push(short(err));
        }
      }
    }
    await Promise.all([...pairs.values()].map(closePair));
  }
}

function summaryLine(w: string, r: Record<string, unknown>): string {
  const n = (k: string) => Number(r[k]).toFixed(2);
  switch (w) {
    case "W1":
      return `p50 ${n("p50Ms")} ms`;
    case "W2":
      return `p50 ${n("p50Us")} us, p99 ${n("p99Us")} us`;
    case "W3":
      return `${n("mbPerS")} MB/s`;
    case "W4":
      return `${Math.round(Number(r.perS))} msg/s`;
    default:
      return JSON.stringify(r).slice(0, 120);
  }
}

/** W7: RSS growth of a fresh server per idle connected peer. */
async function runW7(
  systems: SystemDef[],
  sz: Sizes,
  col: Collector,
  log: (l: string) => void,
): Promise<void> {
  const candidates = systems.filter((s) => s.id !== "adapter-deno" && s.id !== "adapter-fails-bun");
  for (let round = 0; round < sz.w7.rounds; round++) {
    for (const s of rotate(candidates, round)) {
      const entry = col.get("W7", s);
      let p: Pair | undefined;
      try {
        p = await startPair(s);
        const t = target(p.server);
        const before = await p.server.call<number>("rss");
        const clientBefore = await p.client.call<number>("rss");
        await p.client.call("many", { ...t, count: sz.w7.peers }, 120_000);
        await new Promise((r) => setTimeout(r, 500));
        const after = await p.server.call<number>("rss");
        const clientAfter = await p.client.call<number>("rss");
        const r = {
          serverKiBPerPeer: (after - before) / 1024 / sz.w7.peers,
          clientKiBPerPeer: (clientAfter - clientBefore) / 1024 / sz.w7.peers,
          serverRssMiB: after / 1048576,
          peers: sz.w7.peers,
        };
        entry.rounds.push(r);
        log(`  W7 round ${round + 1} ${s.id}: ${r.serverKiBPerPeer.toFixed(1)} KiB/peer (server)`);
        await p.client.call("dropMany", {}, 60_000).catch(() => {});
      } catch (err) {
        entry.errors.push(`round ${round + 1}: ${short(err)}`);
        log(`  W7 round ${round + 1} ${s.id}: FAILED ${short(err)}`);
      } finally {
        await closePair(p);
      }
    }
  }
}

/** W5: geomesh broadcast against gossipsub, same random mesh, alternating rounds. */
async function runW5(sz: Sizes, col: Collector, log: (l: string) => void): Promise<void> {
  const edges = randomMesh(sz.w5.nodes, sz.w5.extraEdges, 5);
  const args = {
    nodes: sz.w5.nodes,
    edges,
    messages: sz.w5.messages,
    rate: sz.w5.rate,
    size: sz.w5.size,
  };
  const runners: Array<{ id: string; label: string; run: () => Promise<Record<string, unknown>> }> =
    [];
  let mesh: Child | undefined, gossip: Child | undefined;
  try {
    mesh = await spawnScript("deno", "bench/peers/mesh-peer.ts");
    runners.push({
      id: "node-deno",
      label: "geomesh broadcast, Deno (h3), origin-signed",
      run: () => mesh!.call("w5", args, 120_000),
    });
  } catch (err) {
    col.get("W5", { id: "node-deno", label: "geomesh broadcast" }).errors.push(short(err));
  }
  if (sz.libp2p) {
    try {
      gossip = await spawnScript("node", "bench/peers/libp2p-peer.mjs", ["--role", "w5"]);
      runners.push({
        id: "libp2p",
        label: "js-libp2p gossipsub, signed (StrictSign)",
        run: () => gossip!.call("w5", { ...args, signed: true }, 120_000),
      });
    } catch (err) {
      col.get("W5", { id: "libp2p", label: "gossipsub" }).errors.push(short(err));
    }
  }
  for (let round = 0; round < sz.w5.rounds; round++) {
    for (const r of rotate(runners, round)) {
      const entry = col.get("W5", r);
      try {
        const res = await r.run();
        entry.rounds.push(res);
        log(`  W5 round ${round + 1} ${r.id}: ${JSON.stringify(res)}`);
      } catch (err) {
        entry.errors.push(`round ${round + 1}: ${short(err)}`);
        log(`  W5 round ${round + 1} ${r.id}: FAILED ${short(err)}`);
      }
    }
  }
  await Promise.all([mesh?.close(), gossip?.close()]);
}

/** W6 (discovery, real transport) and W8 (memory transport at scale), geomesh only. */
async function runMesh(
  w: "W6" | "W8",
  sz: Sizes,
  col: Collector,
  log: (l: string) => void,
): Promise<void> {
  const s = w === "W6"
    ? { id: "node-deno", label: `geomesh, Deno (h3), ${sz.w6.nodes} nodes` }
    : { id: "node-memory", label: `geomesh, memory transport, ${sz.w8.nodes} nodes` };
  const entry = col.get(w, s);
  let mesh: Child | undefined;
  try {
    mesh = await spawnScript("deno", "bench/peers/mesh-peer.ts");
    const res = w === "W6"
      ? await mesh.call<Record<string, unknown>>("w6", sz.w6, sz.w6.timeoutMs + 120_000)
      : {
        ...await mesh.call<Record<string, unknown>>("w8", {
          nodes: sz.w8.nodes,
          edges: randomMesh(sz.w8.nodes, sz.w8.extraEdges, 8),
          broadcasts: sz.w8.broadcasts,
        }, 600_000),
        ...await mesh.call<Record<string, unknown>>("w8d", {
          sizes: sz.w8.discoveryNodes,
          intervalMs: 500,
          timeoutMs: 30_000,
        }, 300_000),
      };
    entry.rounds.push(res);
    log(`  ${w}: ${JSON.stringify(res)}`);
  } catch (err) {
    entry.errors.push(short(err));
    log(`  ${w}: FAILED ${short(err)}`);
  } finally {
    await mesh?.close();
  }
}

/**
 * Runs the selected workloads and returns every figure.
 *
 * @example
 * ```ts ignore
 * import { runSuite } from "./suite.ts";
 * const result = await runSuite({ mode: "smoke" });
 * console.log(result.entries.length);
 * ```
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const log = options.log ?? ((l: string) => console.error(l));
  const sz: Sizes = { ...SIZES[options.mode], ...options.sizes };
  const only = (options.only ?? WORKLOADS).map((w) => w.toUpperCase());
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const col = new Collector();
  const versions: Record<string, string> = {};
  const systems: SystemDef[] = [];
  for (const s of SYSTEMS) {
    if (s.level === "libp2p" && !sz.libp2p) continue;
    if (await available(s)) systems.push(s);
    else log(`  ${s.id}: not available here (missing ${s.needs?.join(", ")})`);
  }
  const pairWorkloads = only.filter((w) => ["W1", "W2", "W3", "W4"].includes(w));
  if (pairWorkloads.length) {
    log(`W1-W4 (${pairWorkloads.join(",")}): ${systems.map((s) => s.id).join(", ")}`);
    await runPairs(systems, pairWorkloads, sz, col, log, versions);
  }
  if (only.includes("W5")) {
    log("W5 broadcast");
    await runW5(sz, col, log);
  }
  if (only.includes("W6")) {
    log("W6 discovery");
    await runMesh("W6", sz, col, log);
  }
  if (only.includes("W7")) {
    log("W7 memory per idle peer");
    await runW7(systems.filter((s) => s.level !== "libp2p" || sz.libp2p), sz, col, log);
  }
  if (only.includes("W8")) {
    log("W8 scale (memory transport)");
    await runMesh("W8", sz, col, log);
  }
  const cpus = os.cpus();
  return {
    mode: options.mode,
    startedAt,
    durationS: (performance.now() - started) / 1000,
    machine: {
      cpu: cpus[0]?.model,
      cores: cpus.length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverage: os.loadavg(),
    },
    versions,
    sizes: sz,
    entries: col.finish(),
  };
}
