/**
 * Per-address connection rate limit: what `retryToken: true` means on the
 * `fails` (TCP) listener.
 *
 * QUIC's Retry token makes a client prove its address before the server does
 * expensive work. TCP's handshake already proves the address, so on TCP the
 * remaining cheap protection is to limit how fast one address may open
 * connections: each source IP (port ignored) has a token bucket of `burst`
 * tokens refilled at `perSecond`; every new TCP connection takes one token,
 * and a connection arriving with an empty bucket is closed at once, before
 * the TLS handshake. The table of addresses is bounded (least recently seen
 * evicted first), so spoofed-looking churn cannot grow memory.
 *
 * @module
 */
/** Token-bucket parameters of {@linkcode AddressRateLimiter}. */
export interface RateLimitOptions {
    /** Connections one address may open at once. Default 20. */
    burst?: number;
    /** Sustained connections per second per address. Default 10. */
    perSecond?: number;
    /** Addresses tracked at most. Default 10000. */
    maxAddresses?: number;
}
/**
 * Token bucket per source address.
 *
 * @example
 * ```ts
 * import { AddressRateLimiter } from "./fails-admission.js";
 * const limit = new AddressRateLimiter({ burst: 2, perSecond: 1 });
 * console.assert(limit.take("10.0.0.1", 0) && limit.take("10.0.0.1", 0));
 * console.assert(!limit.take("10.0.0.1", 0) && limit.take("10.0.0.1", 1000));
 * ```
 */
export declare class AddressRateLimiter {
    #private;
    readonly burst: number;
    readonly perSecond: number;
    readonly maxAddresses: number;
    constructor(options?: RateLimitOptions);
    /** Takes a token for `address`; false when its bucket is empty. */
    take(address: string, now?: number): boolean;
    /** Addresses currently tracked. */
    get size(): number;
}
/**
 * Splits `host:port` / `[v6]:port` / `v6:port` (the library's format) into parts.
 *
 * @example
 * ```ts
 * import { splitHostPort } from "./fails-admission.js";
 * console.assert(splitHostPort("::1:443").host === "::1");
 * console.assert(splitHostPort("127.0.0.1:80").port === 80);
 * ```
 */
export declare function splitHostPort(address: string): {
    host: string;
    port: number;
};
/**
 * Formats a host and port as `host:port`, bracketing IPv6 hosts.
 *
 * @example
 * ```ts
 * import { joinHostPort } from "./fails-admission.js";
 * console.assert(joinHostPort("::1", 443) === "[::1]:443");
 * ```
 */
export declare function joinHostPort(host: string, port: number): string;
