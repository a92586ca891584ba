/**
 * The dashboard's picture of the mesh: this node, its direct peers, and the
 * peers of those peers as they report them through `geomesh.info` (answers
 * cached for a few seconds, so polling the dashboard does not flood peers).
 *
 * @module
 */
import type { GeomeshNode } from "../node/node.ts";
import { INFO_ACTOR, type NodeInfo, nodeInfo } from "./introspect.ts";

/** A node in the picture. */
export interface TopologyNode {
  id: string;
  mode?: string;
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
  /** How long a peer's answer is reused (ms). Default 3000. */
  cacheMs?: number;
  /** Timeout of one `geomesh.info` request (ms). Default 1500. */
  timeoutMs?: number;
  /** Most nodes in the picture. Default 200. */
  maxNodes?: number;
}

/**
 * Collects the topology around one node.
 *
 * @example
 * ```ts ignore
 * import { TopologyCollector } from "./topology.ts";
 * const topo = await new TopologyCollector(node).collect();
 * console.log(topo.nodes.length, topo.edges.length);
 * ```
 */
export class TopologyCollector {
  readonly #node: GeomeshNode;
  readonly #cacheMs: number;
  readonly #timeoutMs: number;
  readonly #maxNodes: number;
  readonly #cache = new Map<string, { at: number; info?: NodeInfo; pending?: Promise<void> }>();

  constructor(node: GeomeshNode, options: TopologyOptions = {}) {
    this.#node = node;
    this.#cacheMs = options.cacheMs ?? 3000;
    this.#timeoutMs = options.timeoutMs ?? 1500;
    this.#maxNodes = options.maxNodes ?? 200;
  }

  /** Refreshes a peer's answer in the background when it is stale. */
  #refresh(id: string): void {
    const entry = this.#cache.get(id);
    if (entry && (entry.pending || performance.now() - entry.at < this.#cacheMs)) return;
    const next = { at: performance.now(), info: entry?.info, pending: undefined as unknown };
    next.pending = this.#node.request(`${INFO_ACTOR}@${id}`, null, { timeoutMs: this.#timeoutMs })
      .then((answer) => {
        next.info = sane(answer, id);
      }, () => {/* peer without the actor, or gone: keep what we had */})
      .finally(() => {
        next.at = performance.now();
        next.pending = undefined;
      });
    this.#cache.set(id, next as { at: number; info?: NodeInfo; pending?: Promise<void> });
  }

  /**
   * The current picture. Peers' answers that are not in yet are waited for
   * (up to the request timeout); stale ones are refreshed in the background.
   */
  async collect(): Promise<Topology> {
    const self = nodeInfo(this.#node);
    const nodes = new Map<string, TopologyNode>();
    const edges = new Map<string, TopologyEdge>();
    const edge = (a: string, b: string, protocol?: string) => {
      const key = a < b ? `${a} ${b}` : `${b} ${a}`;
      if (!edges.has(key)) edges.set(key, { a, b, protocol });
    };
    nodes.set(self.id, { id: self.id, mode: self.mode, runtime: self.runtime, distance: 0 });
    for (const p of self.peers) this.#refresh(p.id);
    for (const id of [...this.#cache.keys()]) {
      if (!self.peers.some((p) => p.id === id)) this.#cache.delete(id);
    }
    await Promise.all(
      self.peers.map((p) =>
        this.#cache.get(p.id)?.info ? undefined : this.#cache.get(p.id)?.pending
      ),
    );
    for (const p of self.peers) {
      const info = this.#cache.get(p.id)?.info;
      nodes.set(p.id, { id: p.id, mode: p.mode, runtime: info?.runtime, distance: 1 });
      edge(self.id, p.id, p.protocol);
    }
    for (const p of self.peers) {
      const info = this.#cache.get(p.id)?.info;
      for (const q of info?.peers ?? []) {
        if (nodes.size >= this.#maxNodes && !nodes.has(q.id)) break;
        if (!nodes.has(q.id)) nodes.set(q.id, { id: q.id, mode: q.mode, distance: 2 });
        edge(p.id, q.id, q.protocol);
      }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }
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
