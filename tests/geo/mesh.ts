/**
 * Shared pieces of the geo scenarios (churn, partition, soak): starting a
 * mixed Deno/Bun mesh of node processes on geo hosts, counting broadcast
 * deliveries per node, percentiles and polling.
 *
 * @example
 * ```ts ignore
 * const hosts = await createHosts({ count: 4 });
 * const nodes = await startMesh(hosts, [{ runtime: "deno" }, { runtime: "bun" }, ...]);
 * const tally = trackBroadcasts(nodes);
 * ```
 *
 * @module
 */
import type { Hosts } from "./hosts.ts";
import { type GeoNode, spawnNode, type SpawnNodeOptions } from "./process-node.ts";

/** One node of a mesh to start. */
export type NodeSpec = Pick<SpawnNodeOptions, "runtime" | "mode" | "config">;

/**
 * Starts node 0 first, then the others bootstrapping to node 0 (and, for
 * restarts, to two known nodes), in parallel; then every dialing node
 * connects to every server-mode node.
 *
 * @example
 * ```ts ignore
 * const nodes = await startMesh(hosts, [{ runtime: "deno" }, { runtime: "bun", mode: "server" }]);
 * ```
 */
export async function startMesh(hosts: Hosts, specs: NodeSpec[]): Promise<GeoNode[]> {
  const nodes: GeoNode[] = [];
  const known = new Map<number, string>();
  const bootstrap = (self: number) => () =>
    [...known].filter(([i]) => i !== self).map(([, address]) => address).slice(0, 2);
  const start = (i: number) => {
    const n = spawnNode(hosts, i, { ...specs[i], bootstrap: bootstrap(i) });
    nodes[i] = n;
    return n.ready.then((r) => void known.set(i, r.address));
  };
  try {
    await start(0);
    await Promise.all(specs.slice(1).map((_, k) => start(k + 1)));
    // Server-mode nodes dial nobody, so nothing could discover them: every
    // dialing node connects to them, as clients are given servers' addresses.
    const servers = nodes.filter((_, i) => specs[i].mode === "server");
    const dialers = nodes.filter((_, i) => specs[i].mode !== "server");
    await Promise.all(dialers.flatMap((d) =>
      servers.map(async (s) => {
        const r = await d.connect(s.address);
        if (!r.ok) {
          throw new Error(`h${d.index + 1} -> h${s.index + 1}: ${JSON.stringify(r.error)}`);
        }
      })
    ));
  } catch (err) {
    await Promise.all(nodes.filter(Boolean).map((n) => n.close().catch(() => {})));
    throw err;
  }
  return nodes;
}

/** Polls `check` every 100 ms until it is true; false after `ms`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number,
): Promise<boolean> {
  const end = Date.now() + ms;
  while (true) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The `p` percentile (0..100) of `values`, NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Per-node broadcast tally. */
export interface Tally {
  /** Distinct seqs delivered to node i (all incarnations). */
  seqs: Array<Set<number>>;
  /** Deliveries of a seq an incarnation had already delivered (should stay 0). */
  duplicates: number[];
  /** Latencies (ms) per node. */
  latencies: number[][];
  /** peer:disconnected events per node. */
  lost: number[];
  /** Stops listening. */
  stop(): void;
}

/**
 * Counts broadcasts (payload `{ seq, t }`) from `origin` at every node.
 *
 * @example
 * ```ts ignore
 * const tally = trackBroadcasts(nodes, nodes[0].id);
 * console.log(tally.seqs.map((s) => s.size));
 * ```
 */
export function trackBroadcasts(nodes: GeoNode[], origin: string): Tally {
  const tally: Tally = {
    seqs: nodes.map(() => new Set()),
    duplicates: nodes.map(() => 0),
    latencies: nodes.map(() => []),
    lost: nodes.map(() => 0),
    stop: () => offs.forEach((f) => f()),
  };
  const offs: Array<() => void> = [];
  nodes.forEach((n, i) => {
    // An incarnation's own set: a restarted process may legitimately get a seq again.
    let incarnation = new Set<number>();
    let pid: number | undefined;
    offs.push(n.on("ready", (e) => {
      if (e.pid !== pid) incarnation = new Set();
      pid = e.pid as number;
    }));
    offs.push(n.on("broadcast", (e) => {
      if (e.from !== origin || typeof e.seq !== "number") return;
      if (incarnation.has(e.seq)) tally.duplicates[i]++;
      incarnation.add(e.seq);
      tally.seqs[i].add(e.seq);
      if (typeof e.latencyMs === "number") tally.latencies[i].push(e.latencyMs);
    }));
    offs.push(n.on("peer:disconnected", () => void tally.lost[i]++));
  });
  return tally;
}

/** Connected peer counts of every live node (-1 for a dead one). */
export function peerCounts(nodes: GeoNode[]): Promise<number[]> {
  return Promise.all(
    nodes.map(async (n) => n.alive ? (await n.peers()).filter((p) => p.connected).length : -1),
  );
}

/** `bytes` as MiB with one decimal. */
export const mib = (bytes: number): string => (bytes / (1 << 20)).toFixed(1);
