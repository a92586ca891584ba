/**
 * The connection pool: one authenticated session per peer. It dials and
 * accepts sessions, settles duplicates (two nodes dialing each other at once,
 * or a peer that comes back before its old session was noticed dead),
 * reconnects with backoff, probes liveness, closes idle sessions, and closes
 * everything gracefully. What the messages mean is the node's business
 * (`PoolHost`).
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";
import { AbortedError, GeomeshError, OverloadedError, SessionClosedError } from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import type { Logger } from "../log.ts";
import type { Listener, Transport, TransportSession } from "../transport/types.ts";
import { type NodeAddress, parseAddress } from "../address/address.ts";
import { authenticateSession, CloseCode } from "../session/authenticate.ts";
import type { NetworkMode, ResolvedConfig } from "./config.ts";
import type { NodeMetrics } from "../metrics.ts";
import {
  checkLiveness,
  CHECKS_PER_INTERVAL,
  idleLinks,
  settleWithin,
} from "../session/liveness.ts";
import type { Goodbye, PeerLink } from "../session/link.ts";
import { Reconnector } from "./reconnect.ts";
import { dialTarget, SESSION_TUNING } from "../address/urls.ts";

/** Message types that are gossip, not activity. */
const GOSSIP: ReadonlySet<string> = new Set(["discover", "discovery-response"]);
/** How long a session replaced by a duplicate may still deliver before it is closed. */
const DUPLICATE_GRACE_MS = 2000;
/** How long `close()` waits for a peer to acknowledge the goodbye (by closing). */
const FAREWELL_MS = 1000;

/** Options of {@linkcode PeerPool.retire}. */
export interface RetireOptions {
  /** The goodbye sent after what is queued. */
  goodbye: Goodbye;
  /** Close the session this long after, unless the peer closed it first. */
  graceMs: number;
  /** Reason given when closing. Default the goodbye's. */
  closeReason?: string;
}

/** Options of {@linkcode PeerPool.connect}. */
export interface ConnectOptions {
  /** Aborts the dial (`AbortedError`). */
  signal?: AbortSignal;
  /**
   * Remember the address and dial it again after a loss (default true).
   * Discovery's dials and relay dials do not: discovery picks again.
   */
  remember?: boolean;
}

/** What the pool needs from its node. */
export interface PoolHost {
  readonly config: ResolvedConfig;
  readonly identity: NodeIdentity;
  readonly logger: Logger;
  readonly transport: Transport;
  readonly metrics: NodeMetrics;
  readonly mode: NetworkMode;
  /** Our address, advertised in the listener's hello. */
  address(): string;
  /** Our signed pin binding, sent to dialers. */
  binding(): Uint8Array | undefined;
  /** Every message received after the handshake, in order. */
  dispatch(link: PeerLink, msg: WireMessage): void;
  /** A peer is connected (not called when a duplicate replaces its session). */
  connected(link: PeerLink): void;
  /** A peer's last session ended. */
  disconnected(link: PeerLink, reason: string): void;
  /** Whether handlers are still working on the peer's requests (no idle close then). */
  busy(link: PeerLink): boolean;
  /** The peer sent something bad (counted and logged by the node). */
  bad(link: PeerLink, err: unknown): void;
}

/**
 * Sessions of one node, keyed by peer id.
 *
 * @example
 * ```ts ignore
 * // Not run: a pool needs a whole PoolHost (the node is one); tests/node/pool.test.ts drives it.
 * const pool = new PeerPool(host, listener);
 * const id = await pool.connect(address);
 * pool.direct(id)?.send({ type: "message", payload: "hi" });
 * await pool.close();
 * ```
 */
export class PeerPool {
  readonly #host: PoolHost;
  readonly #listener?: Listener;
  readonly #links = new Map<string, PeerLink>();
  readonly #dialing = new Map<string, Promise<string>>();
  readonly #known = new Map<string, string>();
  readonly #reconnect: Reconnector;
  /** Sessions not yet closed, authenticated or not (close() ends them all). */
  readonly #sessions = new Set<TransportSession>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #intervals: ReturnType<typeof setInterval>[] = [];
  readonly #stop = new AbortController();
  #closing = false;
  #closed?: Promise<void>;

  constructor(host: PoolHost, listener?: Listener) {
    this.#host = host;
    this.#listener = listener;
    const { keepAliveMs, idleTimeoutMs, bootstrap, reconnectBaseMs, reconnectMaxMs } = host.config;
    this.#reconnect = new Reconnector({
      baseMs: reconnectBaseMs,
      maxMs: reconnectMaxMs,
      attempt: (id) => {
        const address = this.#known.get(id);
        if (this.#closing || this.#links.has(id) || !address) return undefined;
        return this.connect(address);
      },
      failed: (id, attempt, err) =>
        this.#host.logger.debug("reconnect failed", { peer: id, attempt, err }),
    });
    if (listener) this.#acceptLoop(listener);
    if (keepAliveMs > 0) {
      const dead = (link: PeerLink) => {
        if (this.#links.get(link.id) !== link) return;
        this.#host.logger.warn("peer unresponsive, closing its session", { peer: link.id });
        // Unusable at once (the transport may report the close later): a send or request in
        // between dials again instead of failing on the dead session. Not deliberate: the
        // peer is reconnected with backoff.
        link.retire(undefined, false);
        link.close(CloseCode.Normal, "peer unresponsive");
      };
      const every = Math.max(10, Math.floor(keepAliveMs / CHECKS_PER_INTERVAL));
      this.#intervals.push(
        setInterval(() => checkLiveness(this.#links.values(), keepAliveMs, dead), every),
      );
    }
    if (idleTimeoutMs > 0) {
      const every = Math.max(10, Math.floor(idleTimeoutMs / 4));
      this.#intervals.push(setInterval(() => this.#closeIdle(), every));
    }
    for (const address of bootstrap) {
      this.connect(address).catch((err) => {
        this.#host.logger.warn("bootstrap dial failed; retrying", { address, err });
        // Bootstrap peers may simply not be up yet: keep trying, with backoff.
        const id = parseAddress(address).nodeId;
        if (err instanceof GeomeshError && !this.#links.has(id)) this.#reconnect.schedule(id);
      });
    }
  }

  /** Every registered session (one per peer), including ones being retired. */
  links(): IterableIterator<PeerLink> {
    return this.#links.values();
  }

  /** Sessions new messages may go out on: registered and not retiring. */
  usable(): PeerLink[] {
    const out: PeerLink[] = [];
    for (const link of this.#links.values()) if (!link.retiring) out.push(link);
    return out;
  }

  /**
   * Retires `link` with a goodbye and closes it after
   * `graceMs` unless the peer closes first: for duplicates, idle sessions and
   * discovery's feelers. No reconnect follows.
   */
  retire(link: PeerLink, options: RetireOptions): void {
    const { goodbye, graceMs, closeReason = goodbye.reason } = options;
    if (link.retiring) return;
    link.retire(goodbye).catch(() => {});
    this.#later(graceMs, () => link.close(goodbye.code, closeReason));
  }

  /** The usable session with `id`: registered and not retiring. */
  direct(id: string): PeerLink | undefined {
    const link = this.#links.get(id);
    return link && !link.retiring ? link : undefined;
  }

  /** Addresses this node dialed, by peer id. */
  known(): ReadonlyMap<string, string> {
    return this.#known;
  }

  /** Whether `close()` was called. */
  get closing(): boolean {
    return this.#closing;
  }

  /**
   * Dials `address` (unless already connected or being dialed) and resolves
   * with the peer's node id once it is authenticated. Unless `remember` is
   * false, the address is kept for redialing after a loss.
   */
  connect(address: string, options: ConnectOptions = {}): Promise<string> {
    const { signal, remember = true } = options;
    if (this.#closing) return Promise.reject(new SessionClosedError("node is closed"));
    if (this.#host.mode === "server") {
      return Promise.reject(new TypeError("a server-mode node does not dial"));
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(new TypeError("signal must be an AbortSignal"));
    }
    let parsed: NodeAddress;
    try {
      parsed = parseAddress(address);
    } catch (err) {
      return Promise.reject(err);
    }
    if (parsed.nodeId === this.#host.identity.id) {
      return Promise.reject(new TypeError("a node cannot connect to itself"));
    }
    // A remembered address is redialed after a loss (and on demand after an idle close).
    if (remember || this.#known.has(parsed.nodeId)) this.#known.set(parsed.nodeId, address);
    // A retiring session (goodbye, dead) does not count: dial a new one, which replaces it.
    if (this.#links.get(parsed.nodeId)?.retiring === false) return Promise.resolve(parsed.nodeId);
    const inflight = this.#dialing.get(parsed.nodeId);
    if (inflight) return inflight;
    const dial = this.#dial(parsed, address, signal).finally(() =>
      this.#dialing.delete(parsed.nodeId)
    );
    this.#dialing.set(parsed.nodeId, dial);
    return dial;
  }

  async #dial(parsed: NodeAddress, address: string, userSignal?: AbortSignal): Promise<string> {
    const { url, protocol, pins } = dialTarget(parsed, this.#host.transport);
    // close() aborts dials in flight, so it never waits for a connect timeout.
    const signal = userSignal
      ? AbortSignal.any([this.#stop.signal, userSignal])
      : this.#stop.signal;
    const timeoutMs = this.#host.config.connectTimeoutMs;
    const started = performance.now();
    try {
      const session = await this.#host.transport.dial(url, {
        ...SESSION_TUNING,
        congestionControl: this.#host.config.congestionControl,
        certificateHashes: pins.length ? pins : undefined,
        timeoutMs,
        signal,
        protocol,
      });
      const link = await this.#setupSession(session, true, {
        expectedId: parsed.nodeId,
        pins,
        timeoutMs: Math.max(1, timeoutMs - (performance.now() - started)),
        signal,
      });
      link.address = address;
      this.#host.logger.debug("dialed", {
        peer: link.id,
        protocol,
        ms: Math.round(performance.now() - started),
      });
      return link.id;
    } catch (err) {
      if (this.#closing) throw new SessionClosedError("node is closing", { cause: err });
      if (signal.aborted && !(err instanceof AbortedError)) {
        throw new AbortedError(`dial ${parsed.nodeId} aborted`, { cause: err });
      }
      throw err;
    }
  }

  async #acceptLoop(listener: Listener): Promise<void> {
    const reader = listener.sessions.getReader();
    const { maxPeers, connectTimeoutMs } = this.#host.config;
    try {
      while (true) {
        const { value: session, done } = await reader.read();
        if (done) return;
        if (this.#closing) {
          session.close({ closeCode: CloseCode.Goodbye, reason: "node closing" });
          return;
        }
        if (this.#links.size >= maxPeers) {
          this.#host.logger.warn("session refused: maxPeers reached", {
            remote: session.remoteAddress,
          });
          this.#host.metrics.sessionsRejected++;
          session.close({ closeCode: CloseCode.Overloaded, reason: "too many peers" });
          continue;
        }
        this.#setupSession(session, false, { timeoutMs: connectTimeoutMs }).catch(() => {});
      }
    } catch (err) {
      if (!this.#closing) this.#host.logger.error("accept loop ended", { err });
    }
  }

  async #setupSession(
    session: TransportSession,
    dialed: boolean,
    opts: { expectedId?: string; pins?: Uint8Array[]; timeoutMs: number; signal?: AbortSignal },
  ): Promise<PeerLink> {
    const host = this.#host;
    this.#sessions.add(session);
    session.closed.then(() => this.#sessions.delete(session));
    const abort = () => session.close({ closeCode: CloseCode.Goodbye, reason: "dial aborted" });
    opts.signal?.addEventListener("abort", abort, { once: true });
    try {
      if (this.#closing || opts.signal?.aborted) {
        abort();
        throw new SessionClosedError("node is closing");
      }
      const link = await authenticateSession(session, {
        expectedId: opts.expectedId,
        pins: opts.pins,
        timeoutMs: opts.timeoutMs,
        dialed,
        identity: host.identity,
        mode: host.mode,
        maxMessageSize: host.config.maxMessageSize,
        metrics: host.metrics,
        binding: host.binding(),
        address: dialed ? undefined : host.address(),
        dispatch: (l, msg) => {
          // Gossip shows the peer alive but is not activity: it must not keep an idle session open.
          if (GOSSIP.has(msg.type)) l.heard();
          else l.touch();
          host.dispatch(l, msg);
        },
      });
      if (this.#closing) {
        link.close(CloseCode.Goodbye, "node closing");
        throw new SessionClosedError("node is closing");
      }
      this.#register(link);
      return link;
    } catch (err) {
      host.metrics.sessionsRejected++;
      host.metrics.errors++;
      host.logger.warn("session refused", { remote: session.remoteAddress, dialed, err });
      throw err;
    } finally {
      opts.signal?.removeEventListener("abort", abort);
    }
  }

  /** Which node dialed `link`. */
  #dialerOf(link: PeerLink): string {
    return link.dialed ? this.#host.identity.id : link.id;
  }

  #register(link: PeerLink): void {
    const existing = this.#links.get(link.id);
    if (!existing && !link.dialed && this.#links.size >= this.#host.config.maxPeers) {
      // The accept loop checks maxPeers when a session arrives, but many may be
      // handshaking at once: the limit holds only if checked again here.
      link.close(CloseCode.Overloaded, "too many peers");
      throw new OverloadedError("too many peers");
    }
    if (existing) {
      // Two sessions with one peer. Dialed by different sides (simultaneous dial): both keep
      // the one dialed by the smaller node id. Dialed by the same side: that side dialed
      // again, so it has let go of the old one (it restarted, or lost it before we noticed):
      // keep the new one. Both sides come to the same answer.
      const keepNew = existing.retiring || this.#dialerOf(link) === this.#dialerOf(existing) ||
        this.#dialerOf(link) < this.#dialerOf(existing);
      this.#host.logger.debug("duplicate session", {
        peer: link.id,
        kept: keepNew ? "new" : "existing",
      });
      if (!keepNew) return this.#retire(link);
      this.#retire(existing);
      this.#links.set(link.id, link);
    } else {
      this.#links.set(link.id, link);
      this.#host.metrics.sessions = this.#links.size;
      this.#host.metrics.sessionsOpened++;
    }
    this.#reconnect.cancel(link.id);
    link.startDatagrams(
      (msg) => this.#host.dispatch(link, msg),
      (err) => this.#host.bad(link, err),
    );
    link.session.closed.then((info) => this.#lost(link, info.reason, info.error));
    link.channel.closed.then((err) => {
      if (err && !link.retiring) {
        if (err instanceof GeomeshError && err.code !== "SESSION_CLOSED") this.#host.bad(link, err);
        link.close(CloseCode.ProtocolError, err.message.slice(0, 100));
      }
    });
    if (!existing) this.#host.connected(link);
  }

  /** Stops sending on a duplicate; it closes once the peer's goodbye arrives (or after a grace period). */
  #retire(link: PeerLink): void {
    const goodbye = { code: CloseCode.Duplicate, reason: "duplicate" };
    this.retire(link, { goodbye, graceMs: DUPLICATE_GRACE_MS, closeReason: "duplicate session" });
  }

  /** A one-shot timer that close() clears. */
  #later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }

  #lost(link: PeerLink, reason: string, error?: Error): void {
    link.failPending(
      new SessionClosedError(`session with ${link.id} closed: ${reason}`, { cause: error }),
    );
    if (this.#links.get(link.id) !== link) return;
    this.#links.delete(link.id);
    this.#host.metrics.sessions = this.#links.size;
    this.#host.disconnected(link, reason);
    // Peers we dialed are dialed again, whichever side's session happened to survive.
    if (!this.#closing && !link.deliberate && this.#known.has(link.id)) {
      this.#reconnect.schedule(link.id);
    }
  }

  /** Handles a `goodbye` from `link`'s peer. */
  goodbye(link: PeerLink, msg: Extract<WireMessage, { type: "goodbye" }>): void {
    if (msg.code === CloseCode.Duplicate) {
      // The peer retires this session as a duplicate. If it is still the one we use, the
      // other session has not finished its handshake here yet: keep reading this one (the
      // peer closes it after a grace period; by then the other one replaced it here too).
      if (this.#links.get(link.id) === link) return;
      link.retire();
      link.close(CloseCode.Duplicate, "duplicate session");
      return;
    }
    // A peer closing an idle session will dial again when it needs to; other goodbyes
    // (the peer shuts down) leave reconnecting to the backoff.
    link.retire(undefined, msg.code === CloseCode.Idle);
    link.close(CloseCode.Goodbye, msg.reason ?? "goodbye");
  }

  /** Closes sessions without frames either way for `idleTimeoutMs`, unless work is in flight. */
  #closeIdle(): void {
    const busy = (link: PeerLink) => this.#host.busy(link);
    for (const link of idleLinks(this.#links.values(), this.#host.config.idleTimeoutMs, busy)) {
      this.#host.logger.info("closing idle session", { peer: link.id });
      this.retire(link, { goodbye: { code: CloseCode.Idle, reason: "idle" }, graceMs: 200 });
    }
  }

  /**
   * Says goodbye to every peer after what is queued for it, waits (bounded)
   * for the peer to acknowledge by closing, ends every other session, aborts
   * dials in flight and releases the listener. Idempotent: every call returns
   * the same promise.
   */
  close(): Promise<void> {
    return this.#closed ??= this.#close();
  }

  async #close(): Promise<void> {
    this.#closing = true;
    this.#stop.abort(new SessionClosedError("node closing"));
    for (const t of this.#intervals) clearInterval(t);
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#reconnect.clear();
    await Promise.all([...this.#links.values()].map((link) => this.#farewell(link)));
    for (const session of this.#sessions) {
      try {
        session.close({ closeCode: CloseCode.Goodbye, reason: "node closing" });
      } catch { /* already closed */ }
    }
    await this.#listener?.close();
  }

  async #farewell(link: PeerLink): Promise<void> {
    // The goodbye goes after everything already queued; the peer closes the session once
    // it has read it, which tells us everything before it arrived.
    const bye = link.retire({ code: CloseCode.Goodbye, reason: "node closing" });
    if (await settleWithin(bye, FAREWELL_MS)) await settleWithin(link.session.closed, FAREWELL_MS);
    link.close(CloseCode.Goodbye, "node closing");
  }
}
