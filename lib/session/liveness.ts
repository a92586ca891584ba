/**
 * Liveness of pooled sessions: keep-alive probing over datagrams, and finding
 * idle sessions. A probe that goes unanswered only condemns a session the
 * peer has also been silent on: datagrams may be dropped (loss, congestion,
 * full queues) while the stream is busy and healthy.
 *
 * @module
 */
import type { PeerLink } from "./link.ts";

/**
 * Pings every usable link (three datagram tries within `keepAliveMs`) and
 * calls `dead(link)` for a link that neither answered nor sent anything on
 * its stream during the probe.
 *
 * @example
 * ```ts
 * import { probeLinks } from "./liveness.ts";
 * import type { PeerLink } from "./link.ts";
 * // A link whose probe finds the peer silent is reported dead.
 * const silent = { retiring: false, probe: () => Promise.resolve(false) } as unknown as PeerLink;
 * const dead = await new Promise((resolve) => probeLinks([silent], 100, resolve));
 * console.assert(dead === silent);
 * ```
 */
export function probeLinks(
  links: Iterable<PeerLink>,
  keepAliveMs: number,
  dead: (link: PeerLink) => void,
): void {
  for (const link of links) {
    if (link.retiring) continue;
    // QUIC alone would notice a vanished peer only at its idle timeout.
    link.probe(keepAliveMs).then((alive) => alive || dead(link));
  }
}

/**
 * Links without a frame either way for `idleTimeoutMs` and with no work in
 * flight (our requests waiting, or `busy` — e.g. the peer's requests being
 * handled), which an idle close would cut.
 *
 * @example
 * ```ts
 * import { idleLinks } from "./liveness.ts";
 * import type { PeerLink } from "./link.ts";
 * const quiet = { retiring: false, lastActivity: 0, pendingRequests: 0 } as unknown as PeerLink;
 * const waiting = { retiring: false, lastActivity: 0, pendingRequests: 1 } as unknown as PeerLink;
 * console.assert(idleLinks([quiet, waiting], 10, () => false)[0] === quiet);
 * ```
 */
export function idleLinks(
  links: Iterable<PeerLink>,
  idleTimeoutMs: number,
  busy: (link: PeerLink) => boolean,
): PeerLink[] {
  const now = performance.now();
  const out: PeerLink[] = [];
  for (const link of links) {
    if (link.retiring || now - link.lastActivity <= idleTimeoutMs) continue;
    if (link.pendingRequests > 0 || busy(link)) continue;
    out.push(link);
  }
  return out;
}

/**
 * True if `promise` fulfils within `ms`; false if it rejects or takes longer.
 * Never rejects; leaves no timer behind.
 *
 * @example
 * ```ts
 * import { settleWithin } from "./liveness.ts";
 * console.assert((await settleWithin(new Promise(() => {}), 5)) === false);
 * ```
 */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.then(() => true, () => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
  ]).finally(() => clearTimeout(timer));
}
