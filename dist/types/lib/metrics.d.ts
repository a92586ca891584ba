/**
 * Node counters, exposed as one plain object (`node.metrics`) and in
 * Prometheus text format.
 *
 * @module
 */
/** Monotonic counters and gauges of a node. */
export interface NodeMetrics {
    /** Sessions currently authenticated (gauge). */
    sessions: number;
    /** Sessions ever authenticated. */
    sessionsOpened: number;
    /** Sessions refused or failed during the handshake. */
    sessionsRejected: number;
    /** Application messages sent (send + request + response). */
    messagesSent: number;
    /** Application messages received (send + request + response). */
    messagesReceived: number;
    /** Routed frames this node forwarded for others (it acted as a relay). */
    messagesRelayed: number;
    /** Frame bytes written on streams (prefixes included). */
    bytesSent: number;
    /** Frame bytes read on streams (prefixes included). */
    bytesReceived: number;
    /** Stream writes issued (fewer than messagesSent when frames are coalesced). */
    writes: number;
    /** Datagrams sent. */
    datagramsSent: number;
    /** Datagrams received. */
    datagramsReceived: number;
    /** Peers first learned through discovery (verified peer records). */
    peersDiscovered: number;
    /** Bytes of discovery answers not sent because the asking peer's answer budget was spent. */
    discoveryBytesShed: number;
    /** Errors: bad frames, failed handshakes, handler failures, refused messages. */
    errors: number;
    /** Full broadcast copies sent (own, forwarded and graft answers; announcements not counted). */
    broadcastsSent: number;
    /** Plumtree: peers told to send announcements only (`prune`), after a duplicate copy. */
    broadcastsPruned: number;
    /** Plumtree: broadcasts asked for by `graft` after an announcement without a copy. */
    broadcastsGrafted: number;
}
/**
 * A zeroed counter object.
 *
 * @example
 * ```ts
 * import { createMetrics } from "./metrics.js";
 * const m = createMetrics();
 * m.messagesSent++;
 * console.assert(m.messagesSent === 1 && m.errors === 0);
 * ```
 */
export declare function createMetrics(): NodeMetrics;
/**
 * Prometheus text exposition of the counters (names prefixed `geomesh_`).
 *
 * @example
 * ```ts
 * import { createMetrics, metricsToPrometheus } from "./metrics.js";
 * const text = metricsToPrometheus(createMetrics(), { node: "abc" });
 * console.assert(text.includes('geomesh_sessions{node="abc"} 0'));
 * ```
 */
export declare function metricsToPrometheus(metrics: NodeMetrics, labels?: Record<string, string>): string;
