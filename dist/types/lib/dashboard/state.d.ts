/**
 * The JSON the dashboard page polls (`/api/state`): identity, address,
 * counters, peers with RTT and how they are reached, topology and recent logs.
 *
 * @module
 */
import type { GeomeshNode } from "../node/node.js";
import type { NodeMetrics } from "../metrics.js";
import type { LogEntry, LogRing } from "./log-ring.js";
import { type Topology, type TopologyOptions } from "./topology.js";
/** One row of the peer table. */
export interface PeerRow {
    id: string;
    mode?: string;
    runtime?: string;
    /** `h3`, `h2`, `ws` for a direct session; `relay` when reached through `via`. */
    reached: string;
    via?: string;
    rttMs?: number;
    connected: boolean;
}
/** What `/api/state` answers. */
export interface DashboardState {
    id: string;
    mode: string;
    runtime: string;
    address: string;
    /** Milliseconds since the epoch when this state was taken. */
    time: number;
    startedAt: number;
    metrics: NodeMetrics;
    peers: PeerRow[];
    topology: Topology;
    logs: LogEntry[];
}
/** Options of {@linkcode StateCollector}. */
export interface StateOptions {
    /** Recent log lines to show (from the node's logger). */
    logs?: LogRing;
    /** Re-measure a peer's RTT by ping when the node has none this often (ms). Default 2000. */
    pingEveryMs?: number;
    /**
     * Most such pings per `pingEveryMs`, whatever the request rate (they are
     * triggered by HTTP requests). Default 16.
     */
    maxPings?: number;
    /** How the topology is collected (its questions to peers are bounded the same way). */
    topology?: TopologyOptions;
}
/**
 * Builds dashboard states for one node.
 *
 * @example
 * ```ts
 * import { StateCollector } from "./state.js";
 * import { createNode } from "../runtime/create.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * const net = createMemoryNetwork();
 * const a = await createNode({ transport: net.transport("a"), logLevel: "error" });
 * const b = await createNode({ transport: net.transport("b"), logLevel: "error" });
 * await a.connect(b.address);
 * const state = await new StateCollector(a).state();
 * console.assert(state.id === a.id && state.address === a.address);
 * console.assert(state.peers.length === 1 && state.peers[0].id === b.id);
 * await Promise.all([a.close(), b.close()]);
 * ```
 */
export declare class StateCollector {
    #private;
    constructor(node: GeomeshNode, options?: StateOptions);
    /** Takes a state. */
    state(): Promise<DashboardState>;
}
