/**
 * Which protocol and URL a node dials for a parsed address.
 *
 * @module
 */
import { pinFromString } from "../cert/pin.ts";
import { ConnectError } from "../errors.ts";
import type { Protocol, Transport } from "../transport/types.ts";
import type { NodeAddress } from "./address.ts";

/** Session path every geomesh listener serves. */
export const SESSION_PATH = "/geomesh";

/**
 * Transport tuning for node sessions, passed with every listen and dial
 * (adapters ignore what they do not know). A node uses one long-lived stream
 * per session, so it lets peers open few: Deno's QUIC preallocates per-stream
 * state up to the limit (bench W7: ~490 -> ~370 KiB per idle peer).
 */
export const SESSION_TUNING = {
  maxIncomingBidirectionalStreams: 16,
  maxIncomingUnidirectionalStreams: 16,
} as const;

/**
 * Picks the first protocol of the address the transport can dial and builds
 * its URL (`https://host:port/geomesh`, `wss://` for WebSocket, `memory://name/geomesh`);
 * the protocol goes to the transport as `DialOptions.protocol`.
 *
 * @example
 * ```ts
 * import { dialUrl } from "./urls.ts";
 * const a = { nodeId: "x", host: "127.0.0.1", port: 4433, protocols: ["h3", "h2"] as const, pins: [] };
 * const { url, protocol } = dialUrl({ ...a, protocols: [...a.protocols] }, { dials: ["h2"] });
 * console.assert(protocol === "h2" && url === "https://127.0.0.1:4433/geomesh");
 * ```
 */
export function dialUrl(
  address: NodeAddress,
  transport: Pick<Transport, "dials">,
): { url: string; protocol: Protocol } {
  const can = transport.dials;
  const protocol = address.protocols.find((p) => can.includes(p));
  if (!protocol) {
    throw new ConnectError(
      `cannot reach ${address.nodeId}: it offers ${
        address.protocols.join(",") || "nothing"
      }, this runtime dials ${can.join(",")}`,
    );
  }
  const host = address.host!.includes(":") ? `[${address.host}]` : address.host;
  const scheme = protocol === "memory" ? "memory" : protocol === "ws" ? "wss" : "https";
  if (protocol === "memory") return { url: `memory://${host}${SESSION_PATH}`, protocol };
  return { url: `${scheme}://${host}:${address.port}${SESSION_PATH}`, protocol };
}

/**
 * Everything needed to dial a parsed address: URL, protocol and the pins as
 * bytes (`DialOptions.certificateHashes`). Throws `ConnectError` for an
 * address without a host (a client-mode node) or with no protocol this
 * transport speaks.
 *
 * @example
 * ```ts
 * import { dialTarget } from "./urls.ts";
 * const a = { nodeId: "x", host: "127.0.0.1", port: 9, protocols: ["h2" as const], pins: ["A".repeat(43)] };
 * const t = dialTarget(a, { dials: ["h2"] });
 * console.assert(t.protocol === "h2" && t.pins[0].length === 32);
 * ```
 */
export function dialTarget(
  address: NodeAddress,
  transport: Pick<Transport, "dials">,
): { url: string; protocol: Protocol; pins: Uint8Array[] } {
  if (address.host === undefined) {
    throw new ConnectError(`address of ${address.nodeId} has no host to dial`);
  }
  return { ...dialUrl(address, transport), pins: address.pins.map(pinFromString) };
}
