import type { Protocol } from "../transport/types.js";
/** Parsed form of an address. */
export interface NodeAddress {
    /** Node id. */
    nodeId: string;
    /** Host name or IP (no brackets); absent for a node that does not listen. */
    host?: string;
    /** Port, with `host`. */
    port?: number;
    /** Protocols offered at host:port, in preference order. */
    protocols: Protocol[];
    /** Certificate pins (base64url SHA-256), current first. */
    pins: string[];
}
/**
 * Formats an address.
 *
 * @example
 * ```ts
 * import { formatAddress } from "./address.js";
 * const id = "a".repeat(52);
 * const text = formatAddress({ nodeId: id, host: "127.0.0.1", port: 4433, protocols: ["h3"], pins: [] });
 * console.assert(text === `geomesh://${id}@127.0.0.1:4433?proto=h3`);
 * ```
 */
export declare function formatAddress(address: NodeAddress): string;
/**
 * Parses an address; malformed input gives an `AddressError` saying what is wrong.
 *
 * @example
 * ```ts
 * import { parseAddress } from "./address.js";
 * const a = parseAddress(`geomesh://${"b".repeat(52)}@[::1]:9?proto=h3,h2`);
 * console.assert(a.host === "::1" && a.port === 9 && a.protocols[1] === "h2");
 * ```
 */
export declare function parseAddress(text: string): NodeAddress;
