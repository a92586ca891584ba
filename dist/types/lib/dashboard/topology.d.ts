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
import type { GeomeshNode } from "../node/node.js";
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
/**
 * Collects the topology around one node.
 *
 * @example
 * ```ts
 * import { TopologyCollector } from "./topology.js";
 * import { createNode } from "../runtime/create.js";
 * import type { QuicConfig } from "../node/config.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
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
export declare class TopologyCollector {
    #private;
    constructor(node: GeomeshNode, options?: TopologyOptions);
    /**
     * The current picture. The first call waits for the first round (up to the
     * request timeout); later calls use the answers held while a due round runs
     * in the background.
     */
    collect(): Promise<Topology>;
}
