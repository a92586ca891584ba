import type { Protocol, Transport } from "../transport/types.js";
import type { NodeAddress } from "./address.js";
/** Session path every geomesh listener serves. */
export declare const SESSION_PATH = "/geomesh";
/**
 * Transport tuning for node sessions, passed with every listen and dial
 * (adapters ignore what they do not know). A node uses one long-lived stream
 * per session, so it lets peers open few: Deno's QUIC preallocates per-stream
 * state up to the limit (bench W7: ~490 -> ~370 KiB per idle peer).
 */
export declare const SESSION_TUNING: {
    readonly maxIncomingBidirectionalStreams: 16;
    readonly maxIncomingUnidirectionalStreams: 16;
};
/**
 * Picks the first protocol of the address the transport can dial and builds
 * its URL (`https://host:port/geomesh`, `wss://` for WebSocket, `memory://name/geomesh`);
 * the protocol goes to the transport as `DialOptions.protocol`.
 *
 * @example
 * ```ts
 * import { dialUrl } from "./urls.js";
 * const a = { nodeId: "x", host: "127.0.0.1", port: 4433, protocols: ["h3", "h2"] as const, pins: [] };
 * const { url, protocol } = dialUrl({ ...a, protocols: [...a.protocols] }, { dials: ["h2"] });
 * console.assert(protocol === "h2" && url === "https://127.0.0.1:4433/geomesh");
 * ```
 */
export declare function dialUrl(address: NodeAddress, transport: Pick<Transport, "dials">): {
    url: string;
    protocol: Protocol;
};
/**
 * Everything needed to dial a parsed address: URL, protocol and the pins as
 * bytes (`DialOptions.certificateHashes`). Throws `ConnectError` for an
 * address without a host (a client-mode node) or with no protocol this
 * transport speaks.
 *
 * @example
 * ```ts
 * import { dialTarget } from "./urls.js";
 * const a = { nodeId: "x", host: "127.0.0.1", port: 9, protocols: ["h2" as const], pins: ["A".repeat(43)] };
 * const t = dialTarget(a, { dials: ["h2"] });
 * console.assert(t.protocol === "h2" && t.pins[0].length === 32);
 * ```
 */
export declare function dialTarget(address: NodeAddress, transport: Pick<Transport, "dials">): {
    url: string;
    protocol: Protocol;
    pins: Uint8Array[];
};
