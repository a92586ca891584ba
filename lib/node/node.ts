/**
 * The geomesh node: modes, authenticated sessions, the connection pool,
 * messaging, requests, actors, ping, broadcast, events and graceful close.
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";
import {
  ConnectError,
  GeomeshError,
  MessageTooLargeError,
  RemoteError,
  SessionClosedError,
  TimeoutError,
  UnknownActorError,
  UnknownPeerError,
} from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import type { Logger } from "../log.ts";
import type { Listener, Transport, TransportSession } from "../transport/types.ts";
import { pinToString } from "../cert/pin.ts";
import { formatAddress, type NodeAddress, parseAddress } from "./address.ts";
import { BroadcastState } from "./broadcast.ts";
import type { NetworkMode, ResolvedConfig } from "./config.ts";
import { authenticateSession, CloseCode } from "./authenticate.ts";
import { createMetrics, type NodeMetrics } from "./metrics.ts";
import type { PeerLink } from "./peer.ts";
import { Router } from "./routing.ts";
import { dialUrl } from "./urls.ts";

/** What `peers()` lists. */
export interface PeerInfo {
  id: string;
  address?: string;
  connected: boolean;
  rttMs?: number;
  via?: string;
  protocol?: string;
  mode?: NetworkMode;
}

/** Detail of a `message` event. */
export interface MessageDetail {
  /** Origin node id (authenticated by the session, or by its signature when relayed). */
  from: string;
  payload: unknown;
  /** The relay it came through, when it was not sent directly. */
  via?: string;
}

/** Context handed to request handlers and actors. */
export interface HandlerContext {
  /** Sender node id (authenticated). */
  from: string;
}

/** Handles a request or an actor message; the return value is the reply. */
export type Handler = (payload: unknown, context: HandlerContext) => unknown | Promise<unknown>;

/** Options of `request()`. */
export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Everything the node is built from (see `createNode`). */
export interface NodeParts {
  config: ResolvedConfig;
  identity: NodeIdentity;
  logger: Logger;
  transport: Transport;
  listener?: Listener;
  pins: Uint8Array[];
  pinStrings: string[];
  binding?: Uint8Array;
  onClose?: () => Promise<void> | void;
}

type RequestBody = Omit<Extract<WireMessage, { type: "request" }>, "id">;

/** Splits `actor@peer` (actor optional). */
function splitTarget(target: string): { actor?: string; peer: string } {
  if (typeof target !== "string" || !target) {
    throw new TypeError("target must be a node id or actor@nodeId");
  }
  const at = target.lastIndexOf("@");
  return at < 0 ? { peer: target } : { actor: target.slice(0, at), peer: target.slice(at + 1) };
}

/**
 * A mesh node. Create it with `createNode`.
 */
export class GeomeshNode extends EventTarget {
  /** This node's id (base32 of its Ed25519 public key). */
  readonly id: string;
  /** Counters. */
  readonly metrics: NodeMetrics = createMetrics();
  readonly #p: NodeParts;
  readonly #log: Logger;
  readonly #links = new Map<string, PeerLink>();
  readonly #dialing = new Map<string, Promise<string>>();
  readonly #known = new Map<string, string>();
  readonly #reconnect = new Map<
    string,
    { attempt: number; timer?: ReturnType<typeof setTimeout> }
  >();
  readonly #actors = new Map<string, Handler>();
  readonly #sessions = new Set<TransportSession>();
  readonly #broadcast: BroadcastState;
  readonly #router: Router;
  #requestHandler?: Handler;
  #closing = false;
  #timers: ReturnType<typeof setInterval>[] = [];

  /** @internal Use `createNode`. */
  constructor(parts: NodeParts) {
    super();
    this.#p = parts;
    this.#log = parts.logger;
    this.id = parts.identity.id;
    this.#broadcast = new BroadcastState(parts.identity);
    this.#router = new Router({
      identity: parts.identity,
      logger: parts.logger,
      metrics: this.metrics,
      link: (id) => this.#direct(id),
      relays: () => [...this.#links.values()].filter((l) => !l.retiring && l.mode !== "client"),
      remoteError: (error) => this.#remoteError(error),
      deliver: (kind, from, via, actor, payload) => this.#deliver(kind, from, via, actor, payload),
    });
    if (parts.listener) this.#acceptLoop(parts.listener);
    if (parts.config.keepAliveMs > 0 || parts.config.idleTimeoutMs > 0) {
      const every = Math.min(
        ...[parts.config.keepAliveMs, parts.config.idleTimeoutMs].filter((n) => n > 0),
      );
      this.#timers.push(setInterval(() => this.#housekeeping(), every));
    }
    for (const address of parts.config.bootstrap) {
      this.connect(address).catch((err) =>
        this.#log.warn("bootstrap dial failed", { address, err })
      );
    }
  }

  /**
   * Called by the certificate rotator: advertises the new pins and binding and,
   * where the listener supports it, serves the new certificate.
   * @internal
   */
  updateCertificates(
    pins: Uint8Array[],
    binding: Uint8Array,
    current: { certPem: string; keyPem: string },
  ): void {
    this.#p.pins = pins;
    this.#p.pinStrings = pins.map(pinToString);
    this.#p.binding = binding;
    const listener = this.#p.listener as
      | (Listener & { setCertificate?(c: typeof current): void })
      | undefined;
    if (listener?.setCertificate) listener.setCertificate(current);
    else if (listener) {
      this.#log.warn("listener cannot swap certificates; restart before the current one expires");
    }
    this.#log.info("certificates rotated", { pins: this.#p.pinStrings });
  }

  /** Network mode. */
  get mode(): NetworkMode {
    return this.#p.config.mode;
  }

  /** One pasteable string: where to reach this node, its id and certificate pins. */
  get address(): string {
    return formatAddress(this.addressInfo);
  }

  /** Parsed form of {@linkcode address}. */
  get addressInfo(): NodeAddress {
    const l = this.#p.listener;
    if (!l) return { nodeId: this.id, protocols: [], pins: [] };
    const memory = this.#p.transport.name === "memory";
    return {
      nodeId: this.id,
      host: memory ? l.hostname : this.#p.config.hostnames[0],
      // Memory endpoints have no port; the address carries a placeholder.
      port: memory ? (l.port || 1) : l.port,
      protocols: [...l.protocols],
      pins: this.#p.pinStrings,
    };
  }

  /** Known peers: connected ones first. */
  peers(): PeerInfo[] {
    const out: PeerInfo[] = [];
    for (const link of this.#links.values()) {
      out.push({
        id: link.id,
        address: link.address,
        connected: true,
        rttMs: link.rttMs,
        protocol: link.protocol,
        mode: link.mode,
      });
    }
    const listed = new Set(out.map((p) => p.id));
    for (const [id, via] of this.#router.routes()) {
      if (!listed.has(id)) {
        listed.add(id);
        out.push({ id, address: this.#known.get(id), connected: false, via });
      }
    }
    for (const [id, address] of this.#known) {
      if (!listed.has(id)) out.push({ id, address, connected: false });
    }
    return out;
  }

  /**
   * Dials `address` (unless already connected) and resolves with the peer's
   * node id once it is authenticated.
   */
  connect(address: string, options: { signal?: AbortSignal } = {}): Promise<string> {
    if (this.#closing) return Promise.reject(new SessionClosedError("node is closed"));
    if (this.mode === "server") {
      return Promise.reject(new TypeError("a server-mode node does not dial"));
    }
    const parsed = parseAddress(address);
    if (parsed.nodeId === this.id) {
      return Promise.reject(new TypeError("a node cannot connect to itself"));
    }
    this.#known.set(parsed.nodeId, address);
    if (this.#links.has(parsed.nodeId)) return Promise.resolve(parsed.nodeId);
    const inflight = this.#dialing.get(parsed.nodeId);
    if (inflight) return inflight;
    const dial = this.#dial(parsed, address, options.signal).finally(() =>
      this.#dialing.delete(parsed.nodeId)
    );
    this.#dialing.set(parsed.nodeId, dial);
    return dial;
  }

  async #dial(parsed: NodeAddress, address: string, signal?: AbortSignal): Promise<string> {
    if (parsed.host === undefined) {
      throw new ConnectError(`address of ${parsed.nodeId} has no host to dial`);
    }
    const { url, protocol } = dialUrl(parsed, this.#p.transport);
    const pins = parsed.pins.map((p) =>
      Uint8Array.from(atob(p.replace(/-/g, "+").replace(/_/g, "/") + "="), (c) => c.charCodeAt(0))
    );
    const started = performance.now();
    const session = await this.#p.transport.dial(url, {
      certificateHashes: pins.length ? pins : undefined,
      timeoutMs: this.#p.config.connectTimeoutMs,
      signal,
      protocol,
    });
    const remaining = Math.max(1, this.#p.config.connectTimeoutMs - (performance.now() - started));
    const link = await this.#setupSession(session, true, {
      expectedId: parsed.nodeId,
      pins,
      timeoutMs: remaining,
    });
    link.address = address;
    this.#log.debug("dialed", {
      peer: link.id,
      protocol,
      ms: Math.round(performance.now() - started),
    });
    return link.id;
  }

  async #acceptLoop(listener: Listener): Promise<void> {
    const reader = listener.sessions.getReader();
    try {
      while (true) {
        const { value: session, done } = await reader.read();
        if (done || this.#closing) return;
        if (this.#links.size >= this.#p.config.maxPeers) {
          this.#log.warn("session refused: maxPeers reached", { remote: session.remoteAddress });
          this.metrics.sessionsRejected++;
          session.close({ closeCode: CloseCode.Overloaded, reason: "too many peers" });
          continue;
        }
        this.#setupSession(session, false, { timeoutMs: this.#p.config.connectTimeoutMs }).catch(
          () => {},
        );
      }
    } catch (err) {
      if (!this.#closing) this.#log.error("accept loop ended", { err });
    }
  }

  async #setupSession(
    session: TransportSession,
    dialed: boolean,
    opts: { expectedId?: string; pins?: Uint8Array[]; timeoutMs: number },
  ): Promise<PeerLink> {
    this.#sessions.add(session);
    session.closed.then(() => this.#sessions.delete(session));
    try {
      const link = await authenticateSession(session, {
        ...opts,
        dialed,
        identity: this.#p.identity,
        mode: this.mode,
        maxMessageSize: this.#p.config.maxMessageSize,
        metrics: this.metrics,
        binding: this.#p.binding,
        address: dialed ? undefined : this.address,
        dispatch: (l, msg) => this.#dispatch(l, msg),
      });
      if (this.#closing) {
        link.close(CloseCode.Goodbye, "node closing");
        throw new SessionClosedError("node is closing");
      }
      this.#register(link);
      return link;
    } catch (err) {
      this.metrics.sessionsRejected++;
      this.metrics.errors++;
      this.#log.warn("session refused", { remote: session.remoteAddress, dialed, err });
      throw err;
    }
  }

  #register(link: PeerLink): void {
    const existing = this.#links.get(link.id);
    if (existing) {
      // Simultaneous dial: both sides keep the session dialed by the smaller node id.
      const keepNew = (link.dialed ? this.id : link.id) < (existing.dialed ? this.id : existing.id);
      const [keep, drop] = keepNew ? [link, existing] : [existing, link];
      this.#log.debug("duplicate session", {
        peer: link.id,
        kept: keep.dialed ? "dialed" : "accepted",
      });
      this.#retire(drop);
      if (keep === existing) return;
      this.#links.set(link.id, link);
    } else {
      this.#links.set(link.id, link);
      this.metrics.sessions = this.#links.size;
      this.metrics.sessionsOpened++;
    }
    this.#reconnect.delete(link.id);
    link.startDatagrams((msg) => this.#dispatch(link, msg), (err) => this.#bad(link, err));
    link.session.closed.then((info) => this.#lost(link, info.reason, info.error));
    link.channel.closed.then((err) => {
      if (err && !link.retiring) {
        if (err instanceof GeomeshError && err.code !== "SESSION_CLOSED") this.#bad(link, err);
        link.close(CloseCode.ProtocolError, err.message.slice(0, 100));
      }
    });
    if (existing) return;
    this.#log.info("peer connected", {
      peer: link.id,
      protocol: link.protocol,
      dialed: link.dialed,
    });
    this.dispatchEvent(
      new CustomEvent("peer:connected", {
        detail: { id: link.id, protocol: link.protocol, address: link.address },
      }),
    );
  }

  /** Stops sending on a duplicate session; it closes once the peer's goodbye arrives (or after a grace period). */
  #retire(link: PeerLink): void {
    link.retiring = true;
    link.deliberate = true;
    link.channel.send({ type: "goodbye", code: CloseCode.Duplicate, reason: "duplicate" }).catch(
      () => {},
    );
    setTimeout(() => link.close(CloseCode.Duplicate, "duplicate session"), 2000);
  }

  #lost(link: PeerLink, reason: string, error?: Error): void {
    link.failPending(
      new SessionClosedError(`session with ${link.id} closed: ${reason}`, { cause: error }),
    );
    if (this.#links.get(link.id) !== link) return;
    this.#links.delete(link.id);
    this.#router.relayLost(link.id);
    this.metrics.sessions = this.#links.size;
    this.#log.info("peer disconnected", { peer: link.id, reason });
    this.dispatchEvent(new CustomEvent("peer:disconnected", { detail: { id: link.id, reason } }));
    const address = this.#known.get(link.id);
    if (!this.#closing && address && link.dialed && !link.deliberate) {
      this.#scheduleReconnect(link.id, address);
    }
  }

  #scheduleReconnect(id: string, address: string): void {
    const state = this.#reconnect.get(id) ?? { attempt: 0 };
    const { reconnectBaseMs, reconnectMaxMs } = this.#p.config;
    const delay = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** state.attempt) *
      (0.75 + Math.random() * 0.5);
    state.attempt++;
    state.timer = setTimeout(() => {
      if (this.#closing || this.#links.has(id)) return;
      this.connect(address).catch((err) => {
        this.#log.debug("reconnect failed", { peer: id, attempt: state.attempt, err });
        if (!this.#links.has(id)) this.#scheduleReconnect(id, address);
      });
    }, delay);
    this.#reconnect.set(id, state);
  }

  #bad(link: PeerLink, err: unknown): void {
    this.metrics.errors++;
    this.#log.warn("bad input from peer", { peer: link.id, err });
  }

  #dispatch(link: PeerLink, msg: WireMessage): void {
    link.lastActivity = performance.now();
    if (
      (msg.type === "message" || msg.type === "request" || msg.type === "response") &&
      msg.to !== undefined
    ) {
      return this.#router.handle(link, msg);
    }
    switch (msg.type) {
      case "message":
        this.metrics.messagesReceived++;
        if (msg.actor !== undefined) {
          return void this.#runHandler(link, msg.actor, msg.payload, msg.id);
        }
        this.dispatchEvent(
          new CustomEvent<MessageDetail>("message", {
            detail: { from: link.id, payload: msg.payload },
          }),
        );
        return;
      case "request":
        this.metrics.messagesReceived++;
        return void this.#runHandler(link, msg.actor, msg.payload, msg.id);
      case "response":
        this.metrics.messagesReceived++;
        if (!link.settle(msg)) {
          this.#log.debug("late or unknown response", { peer: link.id, id: msg.id });
        }
        return;
      case "goodbye":
        if (msg.code === CloseCode.Duplicate || msg.code === CloseCode.Idle) link.deliberate = true;
        if (msg.code === CloseCode.Duplicate) {
          if (this.#links.get(link.id) === link) return; // they retire it; we keep reading the kept one
          link.close(CloseCode.Duplicate, "duplicate session");
          return;
        }
        link.retiring = true;
        link.close(CloseCode.Goodbye, msg.reason ?? "goodbye");
        return;
      case "broadcast":
        return void this.#onBroadcast(link, msg);
      default:
        this.#bad(
          link,
          new GeomeshError("PROTOCOL_ERROR", `unexpected ${msg.type} after handshake`),
        );
    }
  }

  /** Runs the handler for `actor` (or the request handler); throws `UnknownActorError` if none. */
  async #invoke(actor: string | undefined, payload: unknown, from: string): Promise<unknown> {
    const handler = actor === undefined ? this.#requestHandler : this.#actors.get(actor);
    if (!handler) {
      throw new UnknownActorError(
        actor === undefined ? "no request handler" : `unknown actor ${JSON.stringify(actor)}`,
      );
    }
    return await handler(payload, { from });
  }

  /** Delivery of a routed frame (see `routing.ts`). */
  #deliver(
    kind: "message" | "request",
    from: string,
    via: string,
    actor: string | undefined,
    payload: unknown,
  ) {
    if (kind === "message" && actor === undefined) {
      this.dispatchEvent(
        new CustomEvent<MessageDetail>("message", { detail: { from, payload, via } }),
      );
      return Promise.resolve(null);
    }
    return this.#invoke(actor, payload, from).catch((err) => {
      this.metrics.errors++;
      this.#log.warn("handler failed", { from, actor, err });
      throw err;
    });
  }

  async #runHandler(link: PeerLink, actor: string | undefined, payload: unknown, id?: number) {
    const reply = (response: WireMessage) => {
      if (id !== undefined) {
        link.send(response).catch((err) => this.#log.debug("reply failed", { err }));
      }
    };
    try {
      const result = await this.#invoke(actor, payload, link.id);
      reply({ type: "response", id: id!, payload: result ?? null });
    } catch (err) {
      this.metrics.errors++;
      this.#log.warn(err instanceof UnknownActorError ? "refused message" : "handler failed", {
        peer: link.id,
        actor,
        err,
      });
      const code = err instanceof GeomeshError ? err.code : "HANDLER_ERROR";
      reply({
        type: "response",
        id: id!,
        error: { code, message: err instanceof Error ? err.message : String(err) },
      });
    }
  }

  #direct(peer: string): PeerLink | undefined {
    const link = this.#links.get(peer);
    return link && !link.retiring ? link : undefined;
  }

  /**
   * Sends `payload` to `target` (`nodeId` or `actor@nodeId`). Resolves once the
   * message is handed to the peer's stream; for an actor, once the actor took
   * it (unknown actors reject with `UnknownActorError`).
   */
  async send(target: string, payload: unknown): Promise<void> {
    const { actor, peer } = splitTarget(target);
    const link = this.#direct(peer);
    this.metrics.messagesSent++;
    if (!link) {
      await this.#router.send("message", peer, payload, actor, this.#p.config.requestTimeoutMs);
      return;
    }
    if (actor === undefined) return await link.send({ type: "message", payload });
    const response = await link.request(
      { type: "request", payload, actor },
      this.#p.config.requestTimeoutMs,
    );
    if (response.error) throw this.#remoteError(response.error);
  }

  /**
   * Sends a request to `target` (`nodeId` or `actor@nodeId`) and resolves with
   * the reply; relayed like `send` when there is no direct session.
   */
  async request(target: string, payload: unknown, options: RequestOptions = {}): Promise<unknown> {
    const { actor, peer } = splitTarget(target);
    const link = this.#direct(peer);
    const timeoutMs = options.timeoutMs ?? this.#p.config.requestTimeoutMs;
    this.metrics.messagesSent++;
    if (!link) return await this.#router.send("request", peer, payload, actor, timeoutMs);
    const msg: RequestBody = actor === undefined
      ? { type: "request", payload }
      : { type: "request", payload, actor };
    const response = await link.request(msg, timeoutMs, options.signal);
    if (response.error) throw this.#remoteError(response.error);
    return response.payload;
  }

  #remoteError(error: { code: string; message: string }): GeomeshError {
    if (error.code === UnknownActorError.code) return new UnknownActorError(error.message);
    if (error.code === MessageTooLargeError.code) return new MessageTooLargeError(error.message);
    const err = new RemoteError(`remote handler failed (${error.code}): ${error.message}`);
    (err as RemoteError & { remoteCode: string }).remoteCode = error.code;
    return err;
  }

  /** Sets the handler for requests addressed to the node itself (not to an actor). */
  handle(handler: Handler | undefined): void {
    if (handler !== undefined && typeof handler !== "function") {
      throw new TypeError("handler must be a function");
    }
    this.#requestHandler = handler;
  }

  /** Registers (or with `undefined`, removes) the actor `name`, reachable as `name@<this id>`. */
  actor(name: string, handler: Handler | undefined): void {
    if (typeof name !== "string" || !name || name.includes("@")) {
      throw new TypeError("actor name must be a non-empty string without '@'");
    }
    if (handler === undefined) this.#actors.delete(name);
    else if (typeof handler !== "function") throw new TypeError("handler must be a function");
    else this.#actors.set(name, handler);
  }

  /** Round-trip time to a connected peer over datagrams, in ms. */
  ping(peer: string, options: { timeoutMs?: number } = {}): Promise<number> {
    const link = this.#direct(peer);
    if (!link) {
      return Promise.reject(new UnknownPeerError(`no session with ${peer.slice(0, 60)} to ping`));
    }
    return link.ping(options.timeoutMs ?? 3000);
  }

  /** Sends `payload` to every node of the mesh once (origin-signed, flooded with de-duplication). */
  async broadcast(payload: unknown): Promise<void> {
    const msg = await this.#broadcast.create(payload);
    this.dispatchEvent(new CustomEvent("broadcast:sent", { detail: { seq: msg.seq } }));
    await Promise.all(
      [...this.#links.values()].filter((l) => !l.retiring).map((l) => l.send(msg).catch(() => {})),
    );
  }

  async #onBroadcast(
    link: PeerLink,
    msg: Extract<WireMessage, { type: "broadcast" }>,
  ): Promise<void> {
    const verdict = await this.#broadcast.accept(msg);
    if (verdict === "duplicate") return;
    if (verdict !== "ok") return this.#bad(link, verdict);
    this.dispatchEvent(
      new CustomEvent("broadcast", { detail: { from: msg.origin, payload: msg.payload } }),
    );
    if (msg.ttl <= 1) return;
    const forward = { ...msg, ttl: msg.ttl - 1 };
    for (const other of this.#links.values()) {
      if (other !== link && other.id !== msg.origin && !other.retiring) {
        other.send(forward).catch(() => {});
      }
    }
  }

  #housekeeping(): void {
    const now = performance.now();
    const { idleTimeoutMs, keepAliveMs } = this.#p.config;
    for (const link of this.#links.values()) {
      if (idleTimeoutMs > 0 && now - link.lastActivity > idleTimeoutMs) {
        this.#log.info("closing idle session", { peer: link.id });
        link.retiring = true;
        link.deliberate = true;
        link.channel.send({ type: "goodbye", code: CloseCode.Idle, reason: "idle" }).catch(
          () => {},
        );
        setTimeout(() => link.close(CloseCode.Idle, "idle"), 200);
      } else if (keepAliveMs > 0 && !link.probing) {
        // Three datagram pings within one interval; no answer at all means the peer is gone
        // (QUIC alone would notice only at its idle timeout).
        link.probing = true;
        link.ping(keepAliveMs).then(() => (link.probing = false), (err) => {
          link.probing = false;
          if (!(err instanceof TimeoutError) || this.#links.get(link.id) !== link) return;
          this.#log.warn("peer unresponsive, closing its session", { peer: link.id });
          link.close(CloseCode.Normal, "peer unresponsive");
        });
      }
    }
  }

  /** Drains in-flight messages, says goodbye to every peer, closes sessions and releases ports. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    for (const t of this.#timers) clearInterval(t);
    for (const r of this.#reconnect.values()) clearTimeout(r.timer);
    const links = [...this.#links.values()];
    await Promise.all(links.map(async (link) => {
      link.retiring = true;
      await Promise.race([
        link.channel.send({ type: "goodbye", code: CloseCode.Goodbye, reason: "node closing" }),
        new Promise((r) => setTimeout(r, 1000)),
      ]).catch(() => {});
      await new Promise((r) => setTimeout(r, 20));
      link.close(CloseCode.Goodbye, "node closing");
    }));
    for (const session of this.#sessions) {
      try {
        session.close({ closeCode: CloseCode.Goodbye, reason: "node closing" });
      } catch { /* already closed */ }
    }
    await this.#p.listener?.close();
    await this.#p.onClose?.();
    this.#log.info("node closed", { id: this.id });
  }

  /** `await using node = await createNode(...)` closes it at scope end. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
