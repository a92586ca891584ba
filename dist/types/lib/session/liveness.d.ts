/**
 * Liveness of pooled sessions: heartbeats over datagrams while a peer is
 * quiet, declaring a peer dead only after a silence on every channel
 * (frames, datagrams, pongs) long enough that a merely slow peer is not
 * condemned; and finding idle sessions.
 *
 * @module
 */
import type { PeerLink } from "./link.js";
/** A peer silent this many keep-alive intervals is declared dead. */
export declare const DEAD_AFTER_INTERVALS = 2.5;
/** How many liveness checks run per keep-alive interval. */
export declare const CHECKS_PER_INTERVAL = 4;
/**
 * One liveness round over `links` (run `CHECKS_PER_INTERVAL` times per
 * `keepAliveMs`): a link silent for a quarter interval gets a heartbeat ping
 * (its pong, or any frame or datagram, proves the peer alive), and one
 * silent for `DEAD_AFTER_INTERVALS` intervals is reported to `dead`. So a
 * peer whose event loop is blocked for two intervals (a long GC pause, a
 * synchronous hash) is not declared dead, and a vanished one is within 2.5
 * to 2.75 intervals: the two cannot be told apart any sooner. Datagrams may
 * be lost; four heartbeats per interval make a lost pong harmless.
 *
 * @example
 * ```ts
 * import { checkLiveness } from "./liveness.js";
 * import type { PeerLink } from "./link.js";
 * let beats = 0;
 * const quiet = { retiring: false, lastReceived: performance.now() - 300, heartbeat: () => beats++ };
 * const gone = { retiring: false, lastReceived: performance.now() - 3000, heartbeat: () => beats++ };
 * const dead: unknown[] = [];
 * checkLiveness([quiet, gone] as unknown as PeerLink[], 1000, (l) => dead.push(l));
 * console.assert(beats === 1 && dead.length === 1 && dead[0] === gone);
 * ```
 */
export declare function checkLiveness(links: Iterable<PeerLink>, keepAliveMs: number, dead: (link: PeerLink) => void): void;
/**
 * Links without a frame either way for `idleTimeoutMs` and with no work in
 * flight (our requests waiting, or `busy` — e.g. the peer's requests being
 * handled), which an idle close would cut.
 *
 * @example
 * ```ts
 * import { idleLinks } from "./liveness.js";
 * import type { PeerLink } from "./link.js";
 * const quiet = { retiring: false, lastActivity: 0, pendingRequests: 0 } as unknown as PeerLink;
 * const waiting = { retiring: false, lastActivity: 0, pendingRequests: 1 } as unknown as PeerLink;
 * console.assert(idleLinks([quiet, waiting], 10, () => false)[0] === quiet);
 * ```
 */
export declare function idleLinks(links: Iterable<PeerLink>, idleTimeoutMs: number, busy: (link: PeerLink) => boolean): PeerLink[];
/**
 * True if `promise` fulfils within `ms`; false if it rejects or takes longer.
 * Never rejects; leaves no timer behind.
 *
 * @example
 * ```ts
 * import { settleWithin } from "./liveness.js";
 * console.assert((await settleWithin(new Promise(() => {}), 5)) === false);
 * ```
 */
export declare function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean>;
