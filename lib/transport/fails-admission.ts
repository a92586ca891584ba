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

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket per source address.
 *
 * @example
 * ```ts
 * import { AddressRateLimiter } from "./fails-admission.ts";
 * const limit = new AddressRateLimiter({ burst: 2, perSecond: 1 });
 * console.assert(limit.take("10.0.0.1", 0) && limit.take("10.0.0.1", 0));
 * console.assert(!limit.take("10.0.0.1", 0) && limit.take("10.0.0.1", 1000));
 * ```
 */
export class AddressRateLimiter {
  readonly burst: number;
  readonly perSecond: number;
  readonly maxAddresses: number;
  #buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions = {}) {
    this.burst = options.burst ?? 20;
    this.perSecond = options.perSecond ?? 10;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    for (const [k, v] of Object.entries({ burst: this.burst, maxAddresses: this.maxAddresses })) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} must be an integer >= 1`);
    }
    if (!(this.perSecond > 0)) throw new RangeError("perSecond must be positive");
  }

  /** Takes a token for `address`; false when its bucket is empty. */
  take(address: string, now: number = Date.now()): boolean {
    const known = this.#buckets.get(address);
    const bucket = known ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) / 1000 * this.perSecond);
    bucket.at = now;
    // Re-insert to keep the map ordered by last use (oldest first).
    if (known) this.#buckets.delete(address);
    this.#buckets.set(address, bucket);
    if (this.#buckets.size > this.maxAddresses) {
      this.#buckets.delete(this.#buckets.keys().next().value!);
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Addresses currently tracked. */
  get size(): number {
    return this.#buckets.size;
  }
}

/**
 * Splits `host:port` / `[v6]:port` / `v6:port` (the library's format) into parts.
 *
 * @example
 * ```ts
 * import { splitHostPort } from "./fails-admission.ts";
 * console.assert(splitHostPort("::1:443").host === "::1");
 * console.assert(splitHostPort("127.0.0.1:80").port === 80);
 * ```
 */
export function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(":");
  const host = at < 0 ? address : address.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  return {
    host: host.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1"),
    port: Number(address.slice(at + 1)),
  };
}

/**
 * Formats a host and port as `host:port`, bracketing IPv6 hosts.
 *
 * @example
 * ```ts
 * import { joinHostPort } from "./fails-admission.ts";
 * console.assert(joinHostPort("::1", 443) === "[::1]:443");
 * ```
 */
export function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
