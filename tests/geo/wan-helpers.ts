/**
 * Three WAN regions on one machine, for `tests/geo/wan*.test.ts`: a hybrid
 * server and a client-mode node per region, in this process on 127.0.0.1,
 * every session carried by an impairment relay (`lib/testing`) with the
 * `GEO_PROFILES` delay and loss of its region pair. Relays carry UDP (h3) and
 * TCP (h2), so a Bun process can attach through them too (`attach`).
 *
 * Nodes dial each other's REAL addresses (the ones their records advertise);
 * each in-process node's transport sends a dial of a server's port to its own
 * relay for that server, so no path bypasses the impairment (not the
 * router's dials of a target's servers, not discovery, not reconnects), and a
 * cut server is silent for everyone.
 *
 *   A–B: `eu-eu` (20 ms RTT, 1% loss), A–C: `eu-us` (80 ms, 1.5%),
 *   B–C: `us-ap` (150 ms, 2%), within a region: `lan`.
 *
 * @example
 * ```ts ignore
 * const mesh = await startWanMesh({ seed: 7 });
 * try {
 *   const [a, b] = mesh.clients;
 *   console.log(await a.request(b.id, "hi")); // through A's server, 20 ms away from B
 * } finally {
 *   await mesh.close();
 * }
 * ```
 *
 * @module
 */
import { spawn } from "node:child_process";
import {
  createLogger,
  createNode,
  type GeomeshNode,
  type LogLevel,
  parseAddress,
  type QuicConfig,
  type Transport,
} from "../../mod.ts";
import { defaultTransport } from "../../lib/transport/mod.ts";
import {
  createImpairedNetwork,
  type Endpoint,
  GEO_PROFILES,
  type ImpairedNetwork,
  type LinkProfile,
  type NetworkLink,
  type NetworkLinkOptions,
} from "../../lib/testing/mod.ts";
import type { Hosts } from "./hosts.ts";
import { percentile, sleep, waitFor } from "./mesh.ts";

/** Region names, by index. */
export const REGIONS = ["A", "B", "C"] as const;

/** One direction's profile between regions `a` and `b` (indices). */
export function wanProfile(a: number, b: number): LinkProfile {
  if (a === b) return GEO_PROFILES.lan;
  const pair = `${Math.min(a, b)}${Math.max(a, b)}`;
  return pair === "01"
    ? GEO_PROFILES["eu-eu"]
    : pair === "02"
    ? GEO_PROFILES["eu-us"]
    : GEO_PROFILES["us-ap"];
}

/** "A-B 20 ms/1%" for a region pair. */
export function describePair(a: number, b: number): string {
  const p = wanProfile(a, b);
  return `${REGIONS[a]}-${REGIONS[b]} ${(p.delayMs ?? 0) * 2} ms/${((p.loss ?? 0) * 100)}%`;
}

/** One relay of the mesh. */
export interface WanLink {
  /** Label of the dialing node (`cA`, `sB`, `bun`, ...). */
  from: string;
  /** Label of the node behind the relay. */
  to: string;
  fromRegion: number;
  toRegion: number;
  link: NetworkLink;
}

/** The running mesh. */
export interface WanMesh {
  /** Hybrid servers, index = region. */
  readonly servers: GeomeshNode[];
  /** Client-mode nodes, index = region. */
  readonly clients: GeomeshNode[];
  readonly links: WanLink[];
  readonly net: ImpairedNetwork;
  /** Warnings and errors every node logged (JSON lines, `node` = its label). */
  readonly logs: Array<Record<string, unknown>>;
  /** Label of a node id (`sA`, `cB`, or what `attach` was given). */
  label(id: string): string;
  /** Region of a node id (undefined when unknown). */
  region(id: string): number | undefined;
  /**
   * A new relay in front of server `server` for a dialer in region `fromRegion`
   * (e.g. a process node), with the pair's profile; returns the link to dial.
   */
  attach(
    who: { id: string; address: string },
    label: string,
    fromRegion: number,
    server: number,
    options?: NetworkLinkOptions,
  ): Promise<NetworkLink>;
  /** Gives every relay between two different regions `profile(a, b)`. */
  reprofile(profile: (a: number, b: number) => LinkProfile): void;
  /** Cuts every relay in front of or from server `region`: it goes silent. */
  isolate(region: number): WanLink[];
  /** Closes every node (bounded) and relay; idempotent. */
  close(): Promise<void>;
}

/** Options of {@linkcode startWanMesh}. */
export interface WanMeshOptions {
  /** Seed of every relay's randomness (printed by the tests). */
  seed: number;
  /** Extra config of every node (e.g. `congestionControl`). */
  config?: QuicConfig;
  /** Level of the lines kept in `logs` (default `"warn"`). */
  logLevel?: LogLevel;
}

const DEFAULTS: QuicConfig = {
  hostname: "127.0.0.1",
  port: 0,
  dashboard: false,
  // RTTs are sampled at every keep-alive; 1 s gets all of them within the setup.
  keepAliveMs: 1000,
  // Dials to keep a minimum of sessions would go to the nodes' real (unimpaired) addresses.
  minPeers: 0,
};

/**
 * `base`, with dials of a port in `routes` sent to the mapped port instead
 * (the dialer's relay in front of that server).
 */
function redirecting(base: Transport, routes: Map<number, number>): Transport {
  const rewrite = (url: string) => {
    const m = /^([a-z0-9]+:\/\/127\.0\.0\.1:)(\d+)(.*)$/.exec(url);
    const to = m && routes.get(Number(m[2]));
    return m && to ? `${m[1]}${to}${m[3]}` : url;
  };
  return {
    name: base.name,
    dials: base.dials,
    secure: base.secure,
    listen: (o) => base.listen(o),
    dial: (url, o) => base.dial(rewrite(url), o),
  };
}

/** Closes `node` without letting a blackholed goodbye hold the test. */
async function closeBounded(node: GeomeshNode, ms = 5000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    node.close().catch(() => {}),
    new Promise<void>((r) => (timer = setTimeout(r, ms))),
  ]);
  clearTimeout(timer);
}

/** `connect` with retries: the handshake over a lossy link may take several PTOs. */
async function connectRetrying(node: GeomeshNode, address: string, tries = 3): Promise<string> {
  for (let i = 1;; i++) {
    try {
      return await node.connect(address);
    } catch (err) {
      if (i >= tries) throw err;
      await sleep(200);
    }
  }
}

/**
 * Starts the three regions: servers and clients created, servers linked to
 * each other, every client attached to every server, RTTs measured.
 *
 * @example
 * ```ts ignore
 * const mesh = await startWanMesh({ seed: 1, config: { congestionControl: "low-latency" } });
 * await mesh.close();
 * ```
 */
export async function startWanMesh(options: WanMeshOptions): Promise<WanMesh> {
  const net = createImpairedNetwork({ seed: options.seed });
  const logs: Array<Record<string, unknown>> = [];
  const labels = new Map<string, string>();
  const regions = new Map<string, number>();
  const links: WanLink[] = [];
  const all: GeomeshNode[] = [];
  const base = await defaultTransport();
  /** Per in-process node: real server port -> that node's relay port. */
  const routes = new Map<string, Map<number, number>>();
  const make = async (mode: "hybrid" | "client", label: string, region: number) => {
    const table = new Map<number, number>();
    const node = await createNode({
      ...DEFAULTS,
      ...options.config,
      mode,
      transport: redirecting(base, table),
      logger: createLogger({
        level: options.logLevel ?? "warn",
        json: true,
        sink: (line) => logs.push({ node: label, ...JSON.parse(line) }),
      }),
    });
    all.push(node);
    routes.set(node.id, table);
    labels.set(node.id, label);
    regions.set(node.id, region);
    // Every node answers requests with who it is, so tests see where a reply came from.
    node.handle((payload, { from }) => ({ echo: payload, from, by: node.id }));
    return node;
  };
  const link = async (
    from: Endpoint,
    fromLabel: string,
    fromRegion: number,
    to: GeomeshNode,
    linkOptions?: NetworkLinkOptions,
  ) => {
    const toRegion = regions.get(to.id)!;
    const l = await net.link(from, to, wanProfile(fromRegion, toRegion), linkOptions);
    links.push({ from: fromLabel, to: labels.get(to.id)!, fromRegion, toRegion, link: l });
    const fromId = typeof from === "string" ? undefined : parseAddress(from.address).nodeId;
    routes.get(fromId ?? "")?.set(to.addressInfo.port!, l.port);
    return l;
  };
  let closed = false;
  const mesh: WanMesh = {
    servers: [],
    clients: [],
    links,
    net,
    logs,
    label: (id) => labels.get(id) ?? id.slice(0, 8),
    region: (id) => regions.get(id),
    async attach(who, label, fromRegion, server, linkOptions) {
      labels.set(who.id, label);
      regions.set(who.id, fromRegion);
      return await link(who.address, label, fromRegion, mesh.servers[server], linkOptions);
    },
    reprofile(profile) {
      for (const l of links) {
        if (l.fromRegion !== l.toRegion) l.link.setProfile(profile(l.fromRegion, l.toRegion));
      }
    },
    isolate(region) {
      const label = labels.get(mesh.servers[region].id);
      const cut = links.filter((l) => l.to === label || l.from === label);
      for (const l of cut) l.link.cut();
      return cut;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(all.map((n) => closeBounded(n)));
      await net.close();
    },
  };
  try {
    mesh.servers.push(
      ...await Promise.all(REGIONS.map((r, i) => make("hybrid", `s${r}`, i))),
    );
    mesh.clients.push(
      ...await Promise.all(REGIONS.map((r, i) => make("client", `c${r}`, i))),
    );
    // A relay from every node to every other server: any dial of a server is impaired.
    const dialers = [...mesh.servers, ...mesh.clients];
    for (const d of dialers) {
      for (const t of mesh.servers) {
        if (t !== d) await link(d, labels.get(d.id)!, regions.get(d.id)!, t);
      }
    }
    // Servers dial the servers after them; clients dial every server. Real addresses.
    await Promise.all(
      dialers.flatMap((d, i) =>
        mesh.servers.filter((_, j) => d.mode === "client" || j > i).map(async (t) => {
          const id = await connectRetrying(d, t.address);
          if (id !== t.id) throw new Error(`dialed ${t.id}, authenticated ${id}`);
        })
      ),
    );
    const measured = await waitFor(
      () =>
        mesh.clients.every((c) =>
          mesh.servers.every((s) =>
            c.peers().some((p) => p.id === s.id && p.connected && p.rttMs !== undefined)
          )
        ),
      10_000,
    );
    if (!measured) throw new Error("clients did not measure every server's RTT within 10 s");
  } catch (err) {
    await mesh.close();
    throw err;
  }
  return mesh;
}

/**
 * One host on 127.0.0.1 for `spawnNode` (`tests/geo/process-node.ts`), when a
 * test runs its relays in-process and needs no namespaces.
 *
 * @example
 * ```ts ignore
 * const bun = spawnNode(loopbackHost(), 0, { runtime: "bun", mode: "client" });
 * ```
 */
export function loopbackHost(): Hosts {
  return {
    mode: "loopback",
    fallbackReason: "in-process relays on 127.0.0.1 (no namespaces needed)",
    tag: Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, "0"),
    list: [{ index: 0, name: "loopback-1", address: "127.0.0.1" }],
    partitionMethod: "none: partitions are relay cuts",
    groups: undefined,
    exec: (_i, cmd, args, opts) => spawn(cmd, args, opts ?? {}),
    partition: () => Promise.reject(new TypeError("cut the relays instead")),
    heal: () => Promise.resolve(),
    onPartition: () => {},
    close: () => Promise.resolve(),
  };
}

/** Latency samples (ms) by key, e.g. a region pair. */
export class Samples {
  readonly #by = new Map<string, number[]>();

  /** Adds one sample. */
  add(key: string, ms: number): void {
    let list = this.#by.get(key);
    if (!list) this.#by.set(key, list = []);
    list.push(ms);
  }

  /** Every sample of `key`. */
  get(key: string): number[] {
    return this.#by.get(key) ?? [];
  }

  /** One line per key: `key  n  p50  p99  max`. */
  table(title: string): string {
    const rows = [...this.#by.keys()].sort().map((k) => {
      const v = this.#by.get(k)!;
      const f = (x: number) => x.toFixed(0).padStart(6);
      return `  ${k.padEnd(26)} n=${String(v.length).padStart(4)}  p50 ${f(percentile(v, 50))}` +
        `  p99 ${f(percentile(v, 99))}  max ${f(Math.max(...v))} ms`;
    });
    return [title, ...rows].join("\n");
  }
}

/** Runs `jobs` with at most `width` at once; resolves with their results in order. */
export async function pool<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  }));
  return out;
}
