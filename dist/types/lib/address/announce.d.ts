/**
 * What a listening node puts in its address: an announced public name
 * (`--announce host[:port]`, for DNS names and NAT-mapped ports), the host
 * names of the config, or, for a node listening on every interface
 * (`0.0.0.0` / `::`), the addresses of its real interfaces. Never the
 * wildcard, and loopback only when a machine has nothing else.
 *
 * @module
 */
/** A parsed `announce` option. */
export interface Announce {
    /** Host name or IP to advertise. */
    host: string;
    /** Announced port (a NAT mapping); default: the listener's port. */
    port?: number;
}
/** One network interface address, as `node:os` `networkInterfaces()` lists it. */
export interface InterfaceAddress {
    /** The address (IPv4 or IPv6). */
    address: string;
    /** `"IPv4"` / `"IPv6"` (older Node versions: 4 / 6). */
    family: string | number;
    /** Whether it is a loopback address. */
    internal: boolean;
}
/** Whether `host` is a wildcard bind address. */
export declare function isWildcard(host: string): boolean;
/**
 * Parses `host`, `host:port`, `[v6]` or `[v6]:port`; `TypeError` if malformed.
 *
 * @example
 * ```ts
 * import { parseAnnounce } from "./announce.js";
 * const a = parseAnnounce("mesh.example.com:443");
 * console.assert(a.host === "mesh.example.com" && a.port === 443);
 * console.assert(parseAnnounce("[2001:db8::1]").host === "2001:db8::1");
 * ```
 */
export declare function parseAnnounce(text: string): Announce;
/**
 * The hosts a node listening on a wildcard advertises: external IPv4
 * interface addresses first, then external IPv6 (link-local ones cannot be
 * dialed without a zone, so they are left out), and `127.0.0.1` only when
 * there is nothing else (or with `hostname` `0.0.0.0`, IPv4 only).
 *
 * @example
 * ```ts
 * import { interfaceHosts } from "./announce.js";
 * const hosts = interfaceHosts("0.0.0.0", [
 *   { address: "127.0.0.1", family: "IPv4", internal: true },
 *   { address: "10.0.0.7", family: "IPv4", internal: false },
 * ]);
 * console.assert(hosts[0] === "10.0.0.7" && hosts.length === 1);
 * ```
 */
export declare function interfaceHosts(wildcard: string, interfaces: InterfaceAddress[]): string[];
