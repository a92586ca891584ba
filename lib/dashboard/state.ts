/**
 * The JSON the dashboard page polls (`/api/state`): identity, address,
 * counters, peers with RTT and how they are reached, topology and recent logs.
 *
 * @module
 */
import type { GeomeshNode } from "../node/node.ts";
import type { NodeMetrics } from "../metrics.ts";
import { detectRuntime } from "../platform.ts";
import type { LogEntry, LogRing } from "./log-ring.ts";
import { type Topology, TopologyCollector, type TopologyOptions } from "./topology.ts";

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
 * import { StateCollector } from "./state.ts";
 * import { createNode } from "../runtime/create.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
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
export class StateCollector {
  readonly #node: GeomeshNode;
  readonly #logs?: LogRing;
  readonly #topology: TopologyCollector;
  readonly #pingEveryMs: number;
  readonly #maxPings: number;
  #pingWindow = { start: -Infinity, used: 0 };
  readonly #rtt = new Map<string, { at: number; ms?: number }>();
  readonly #startedAt = Date.now();

  constructor(node: GeomeshNode, options: StateOptions = {}) {
    this.#node = node;
    this.#logs = options.logs;
    this.#topology = new TopologyCollector(node, options.topology);
    this.#pingEveryMs = options.pingEveryMs ?? 2000;
    this.#maxPings = options.maxPings ?? 16;
  }

  /** Takes one ping from this window's budget. */
  #takePing(now: number): boolean {
    if (now - this.#pingWindow.start >= this.#pingEveryMs) {
      this.#pingWindow = { start: now, used: 0 };
    }
    if (this.#pingWindow.used >= this.#maxPings) return false;
    this.#pingWindow.used++;
    return true;
  }

  /** RTT from the node's keep-alive, else from our own occasional ping. */
  #rttOf(id: string, known?: number): number | undefined {
    if (known !== undefined) return known;
    const entry = this.#rtt.get(id);
    const now = performance.now();
    if ((!entry || now - entry.at > this.#pingEveryMs) && this.#takePing(now)) {
      const next = { at: now, ms: entry?.ms };
      this.#rtt.set(id, next);
      this.#node.ping(id, { timeoutMs: 1000 }).then((ms) => (next.ms = ms), () => {});
    }
    return entry?.ms;
  }

  /** Takes a state. */
  async state(): Promise<DashboardState> {
    const topology = await this.#topology.collect();
    const runtimes = new Map(topology.nodes.map((n) => [n.id, n.runtime]));
    const peers: PeerRow[] = this.#node.peers().map((p) => ({
      id: p.id,
      mode: p.mode,
      runtime: runtimes.get(p.id),
      reached: p.via ? "relay" : p.protocol ?? (p.connected ? "?" : "-"),
      via: p.via,
      rttMs: p.connected && !p.via ? round(this.#rttOf(p.id, p.rttMs)) : undefined,
      connected: p.connected,
    }));
    for (const id of this.#rtt.keys()) {
      if (!peers.some((p) => p.id === id && p.connected)) this.#rtt.delete(id);
    }
    return {
      id: this.#node.id,
      mode: this.#node.mode,
      runtime: detectRuntime(),
      address: this.#node.address,
      time: Date.now(),
      startedAt: this.#startedAt,
      metrics: { ...this.#node.metrics },
      peers,
      topology,
      logs: this.#logs?.entries(40) ?? [],
    };
  }
}

function round(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms * 100) / 100;
}
