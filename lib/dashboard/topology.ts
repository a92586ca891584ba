/**
 * The dashboard's picture of the mesh: this node, its direct peers, and the
 * peers of those peers as far as they reveal them through `geomesh.info`
 * (opt-in on each peer, see `introspect.ts`).
 *
 * The questions cost the peers work and are triggered by HTTP requests, so
 * they are asked in rounds, whatever the request rate: at most one round per
 * `roundMs`, of at most `maxQueriesPerRound` peers (those not asked for the
 * longest first), and a peer that did not answer (no introspection, not
 * allowed, gone) is asked again only after `retryMs`. A flood of GETs thus
 * costs at most `maxQueriesPerRound` queries per `roundMs`; with the defaults
 * 16 per 3 s. The picture itself is built from the node's own sessions and
 * the answers held, at every call.
 *
 * @module
 */
import type { GeomeshNode } from "../node/node.ts";
import { INFO_ACTOR, type NodeInfo, nodeInfo } from "../node/introspect.ts";

/** A node in the picture. */
export interface TopologyNode {
  id: string;
  mode?: string;
  /** As the node itself reported it; absent when it did not answer. */
  runtime?: string;
  /** Hops from this node: 0 self, 1 direct peer, 2 reported by a peer. */
  distance: number;
}

/** A session between two nodes. */
export interface TopologyEdge {
  a: string;
  b: string;
  protocol?: string;
}

/** The known mesh. */
export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** Options of {@linkcode TopologyCollector}. */
export interface TopologyOptions {
  /** Shortest time between two rounds of `geomesh.info` questions (ms). Default 3000. */
  roundMs?: number;
  /** Most peers asked in one round. Default 16. */
  maxQueriesPerRound?: number;
  /** An answer is asked for again after this long (ms). Default 10000. */
  refreshMs?: number;
  /** A peer that did not answer is asked again after this long (ms). Default 30000. */
  retryMs?: number;
  /** Timeout of one `geomesh.info` request (ms). Default 1500. */
  timeoutMs?: number;
  /** Most nodes in the picture. Default 200. */
  maxNodes?: number;
}

interface Entry {
  /** `performance.now()` of the last question's end (or start, while pending). */
  at: number;
  info?: NodeInfo;
  /** The last question got no usable answer. */
  failed?: boolean;
}

/**
 * Collects the topology around one node.
 *
 * @example
 * ```ts
 * import { TopologyCollector } from "./topology.ts";
 * import { createNode } from "../runtime/create.ts";
 * import type { QuicConfig } from "../node/config.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
 * // a - b - c, where b tells its peers who its own peers are.
 * const net = createMemoryNetwork();
 * const node = (name: string, config: QuicConfig = {}) =>
 *   createNode({ transport: net.transport(name), logLevel: "error", ...config });
 * const [a, c] = [await node("a"), await node("c")];
 * const b = await node("b", { introspection: { peers: "all" } });
 * await a.connect(b.address);
 * await c.connect(b.address);
 * const topo = await new TopologyCollector(a).collect();
 * const distance = (id: string) => topo.nodes.find((n) => n.id === id)?.distance;
 * console.assert(distance(a.id) === 0 && distance(b.id) === 1 && distance(c.id) === 2);
 * console.assert(topo.edges.length === 2);
 * await Promise.all([a.close(), b.close(), c.close()]);
 * ```
 */
export class TopologyCollector {
  readonly #node: GeomeshNode;
  readonly #roundMs: number;
  readonly #perRound: number;
  readonly #refreshMs: number;
  readonly #retryMs: number;
  readonly #timeoutMs: number;
  readonly #maxNodes: number;
  readonly #answers = new Map<string, Entry>();
  #lastRound = -Infinity;
  #round?: Promise<void>;
  /** A round has ended: from then on nobody waits for one. */
  #settled = false;

  constructor(node: GeomeshNode, options: TopologyOptions = {}) {
    this.#node = node;
    this.#roundMs = positive("roundMs", options.roundMs ?? 3000, 0);
    this.#perRound = positive("maxQueriesPerRound", options.maxQueriesPerRound ?? 16, 0);
    this.#refreshMs = positive("refreshMs", options.refreshMs ?? 10_000, 0);
    this.#retryMs = positive("retryMs", options.retryMs ?? 30_000, 0);
    this.#timeoutMs = positive("timeoutMs", options.timeoutMs ?? 1500, 1);
    this.#maxNodes = positive("maxNodes", options.maxNodes ?? 200, 1);
  }

  /** Starts a round when one is due: the stalest due peers, at most `maxQueriesPerRound`. */
  #maybeRound(peers: readonly string[]): void {
    const now = performance.now();
    if (this.#round || now - this.#lastRound < this.#roundMs) return;
    const due = peers.filter((id) => {
      const e = this.#answers.get(id);
      return !e || now - e.at >= (e.failed ? this.#retryMs : this.#refreshMs);
    }).sort((a, b) =>
      (this.#answers.get(a)?.at ?? -Infinity) - (this.#answers.get(b)?.at ?? -Infinity)
    )
      .slice(0, this.#perRound);
    if (!due.length) return;
    this.#lastRound = now;
    this.#round = Promise.all(due.map((id) => this.#ask(id))).then(() => {
      this.#round = undefined;
      this.#settled = true;
      // Measured from the end: a round that hit timeouts does not make the next one early.
      this.#lastRound = performance.now();
    });
  }

  async #ask(id: string): Promise<void> {
    const entry: Entry = { ...this.#answers.get(id), at: performance.now() };
    this.#answers.set(id, entry);
    try {
      const answer = await this.#node.request(`${INFO_ACTOR}@${id}`, null, {
        timeoutMs: this.#timeoutMs,
      });
      entry.info = sane(answer, id);
      entry.failed = entry.info === undefined;
    } catch {
      // No introspection there, not allowed, or gone: forget what it said before.
      entry.info = undefined;
      entry.failed = true;
    }
    entry.at = performance.now();
  }

  /**
   * The current picture. The first call waits for the first round (up to the
   * request timeout); later calls use the answers held while a due round runs
   * in the background.
   */
  async collect(): Promise<Topology> {
    const self = nodeInfo(this.#node);
    const direct = self.peers.map((p) => p.id);
    for (const id of [...this.#answers.keys()]) {
      if (!direct.includes(id)) this.#answers.delete(id);
    }
    this.#maybeRound(direct);
    if (!this.#settled) await this.#round;
    self.peers = nodeInfo(this.#node).peers;

    const nodes = new Map<string, TopologyNode>();
    const edges = new Map<string, TopologyEdge>();
    const edge = (a: string, b: string, protocol?: string) => {
      const key = a < b ? `${a} ${b}` : `${b} ${a}`;
      if (!edges.has(key)) edges.set(key, { a, b, protocol });
    };
    nodes.set(self.id, { id: self.id, mode: self.mode, runtime: self.runtime, distance: 0 });
    for (const p of self.peers) {
      const info = this.#answers.get(p.id)?.info;
      nodes.set(p.id, { id: p.id, mode: p.mode, runtime: info?.runtime, distance: 1 });
      edge(self.id, p.id, p.protocol);
    }
    for (const p of self.peers) {
      const info = this.#answers.get(p.id)?.info;
      for (const q of info?.peers ?? []) {
        if (nodes.size >= this.#maxNodes && !nodes.has(q.id)) break;
        if (!nodes.has(q.id)) nodes.set(q.id, { id: q.id, mode: q.mode, distance: 2 });
        edge(p.id, q.id, q.protocol);
      }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }
}

function positive(name: string, value: number, min: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a number >= ${min}, got ${value}`);
  }
  return value;
}

const ID = /^[a-z2-7]{52}$/;

/** Accepts a peer's answer only in the expected shape (it is untrusted input). */
function sane(answer: unknown, id: string): NodeInfo | undefined {
  const a = answer as NodeInfo;
  if (!a || typeof a !== "object" || a.id !== id || !Array.isArray(a.peers)) return undefined;
  const str = (v: unknown) => typeof v === "string" && v.length <= 16 ? v : undefined;
  return {
    id,
    mode: str(a.mode) ?? "",
    runtime: (str(a.runtime) ?? "node") as NodeInfo["runtime"],
    peers: a.peers.slice(0, 256).filter((p) => p && typeof p.id === "string" && ID.test(p.id))
      .map((p) => ({ id: p.id, mode: str(p.mode), protocol: str(p.protocol) })),
  };
}
