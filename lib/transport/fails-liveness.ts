/**
 * Notices a peer that vanished without closing TCP (power loss, NAT timeout,
 * cable cut). TCP alone would wait for minutes; QUIC has an idle timeout, so
 * this gives the HTTP/2 and WebSocket paths one too.
 *
 * Every quarter of the timeout: if bytes arrived on the connection since the
 * last look, the peer is alive; otherwise a probe is sent (HTTP/2 PING, or a
 * WebSocket ping, which browsers answer). When nothing at all arrived for
 * `idleTimeoutMs`, the connection is destroyed, which ends its sessions with
 * an error. Time during which this process's own event loop was stalled is
 * not held against the peer.
 *
 * @module
 */

// deno-lint-ignore no-explicit-any
type Any = any;

/** What {@linkcode watchLiveness} needs from a connection. */
export interface LivenessProbe {
  /** Total bytes received so far, if the runtime tells. */
  bytesRead(): number | undefined;
  /** Asks the peer for an answer; calls `alive` when it comes. */
  ping(alive: () => void): void;
  /** Tears the connection down. */
  kill(reason: Error): void;
  /** Whether the connection is already gone. */
  gone(): boolean;
}

/**
 * Watches one connection; returns a function that stops watching.
 *
 * @example
 * ```ts
 * import { watchLiveness } from "./fails-liveness.ts";
 * let killed = false;
 * const stop = watchLiveness({
 *   bytesRead: () => 0, ping() {}, kill: () => killed = true, gone: () => killed,
 * }, 40);
 * await new Promise((r) => setTimeout(r, 120));
 * stop();
 * console.assert(killed);
 * ```
 */
export function watchLiveness(probe: LivenessProbe, idleTimeoutMs: number): () => void {
  if (!(idleTimeoutMs > 0) || !Number.isFinite(idleTimeoutMs)) return () => {};
  const every = Math.max(10, Math.floor(idleTimeoutMs / 4));
  let lastSeen = Date.now();
  let lastTick = lastSeen;
  let lastBytes = probe.bytesRead();
  const alive = () => {
    lastSeen = Date.now();
  };
  const timer = setInterval(() => {
    if (probe.gone()) return clearInterval(timer);
    const now = Date.now();
    // If this process itself was stalled (busy event loop), it could not read
    // the peer's answers either: do not count that time against the peer.
    if (now - lastTick > 2 * every) lastSeen = Math.max(lastSeen, now - every);
    lastTick = now;
    const bytes = probe.bytesRead();
    if (bytes !== undefined && bytes !== lastBytes) {
      lastBytes = bytes;
      alive();
    }
    if (Date.now() - lastSeen >= idleTimeoutMs) {
      clearInterval(timer);
      probe.kill(new Error(`peer silent for ${idleTimeoutMs} ms`));
      return;
    }
    try {
      probe.ping(alive);
    } catch { /* connection going away; the next tick sees it */ }
  }, every);
  return () => clearInterval(timer);
}

/**
 * Builds the probe for a library session (`HttpWTSession`): the HTTP/2
 * connection under an HTTP/2 or WebSocket-over-HTTP/2 session, or the socket
 * under a WebSocket-over-HTTP/1.1 session. Undefined if neither is found.
 *
 * @example
 * ```ts
 * import { probeFor } from "./fails-liveness.ts";
 * console.assert(probeFor({}) === undefined);
 * ```
 */
export function probeFor(core: Any): LivenessProbe | undefined {
  const stream = core?.objint?.stream;
  const h2 = stream?.session;
  if (h2 && typeof h2.ping === "function") {
    return {
      bytesRead: () => h2.socket?.bytesRead,
      ping: (alive) => h2.ping((err: unknown) => err ? undefined : alive()),
      kill: (reason) => h2.destroy(reason),
      gone: () => h2.destroyed || h2.closed,
    };
  }
  const parser = core?.objint?.capsParser;
  if (
    stream && typeof stream.destroy === "function" && typeof parser?.writeWSFrame === "function"
  ) {
    return {
      bytesRead: () => stream.bytesRead,
      ping: () => parser.writeWSFrame({ opcode: 0x9, payload: new Uint8Array(0) }),
      kill: (reason) => stream.destroy(reason),
      gone: () => stream.destroyed,
    };
  }
  return undefined;
}
