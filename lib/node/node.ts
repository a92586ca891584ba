/**
 * The geomesh node: the public API over the connection pool (`pool.ts`),
 * request handlers and actors (`handlers.ts`), relayed delivery
 * (`routing.ts`) and broadcast (`broadcast.ts`, `plumtree.ts`): messaging, requests, ping,
 * events and graceful close.
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";
import { GeomeshError, SessionClosedError, UnknownPeerError } from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import { childLogger, type Logger } from "../log.ts";
import type { Listener, Transport } from "../transport/types.ts";
import { pinToString } from "../cert/pin.ts";
import { formatAddress, type NodeAddress } from "../address/address.ts";
import { isWildcard } from "../address/announce.ts";
import { BROADCAST_TTL, BroadcastState, sendBroadcast } from "../protocols/broadcast/broadcast.ts";
import type { NetworkMode, ResolvedConfig } from "./config.ts";
import { checkSignal, checkTimeout, splitTarget } from "./args.ts";
import { type Handler, Handlers } from "../protocols/requests/handlers.ts";
import { fromWireError } from "../protocols/requests/reply.ts";
import { createMetrics, type NodeMetrics } from "../metrics.ts";
import type { PeerLink } from "../session/link.ts";
import type { GeomeshNodeEventMap, GeomeshNodeListener, MessageDetail } from "./events.ts";
import { Plumtree } from "../protocols/broadcast/plumtree.ts";
import { PeerPool } from "./pool.ts";
import { CloseCode } from "../session/authenticate.ts";
import { type Delivery, Router } from "../protocols/routing/router.ts";
import { Discovery } from "../protocols/discovery/gossip.ts";

export type { Handler, HandlerContext } from "../protocols/requests/handlers.ts";
export type * from "./events.ts";

/** What `peers()` lists. */
export interface PeerInfo {
  /** The peer's node id. */
  id: string;
  /** Its dialable address, if known. */
  address?: string;
  /** Whether this node has a session with it. */
  connected: boolean;
  /** Round-trip time of the session in ms, when measured. */
  rttMs?: number;
  /** The relay it is reached through, when not direct. */
  via?: string;
  /** Protocol of the direct session (`h3`, `h2`, `ws`, `memory`). */
  protocol?: string;
  /** Its network mode, when known. */
  mode?: NetworkMode;
}

/** Options of `request()`. */
export interface RequestOptions {
  /** Give up with `TimeoutError` after this many ms. Default: `config.requestTimeoutMs`. */
  timeoutMs?: number;
  /** Give up with `AbortedError` when aborted. */
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

// Typed listeners (declaration merging with the class below): known event names get
// their detail type; any other name falls back to EventTarget's signature.
/** Typed event listeners of a node: known event names get their detail type. */
export interface GeomeshNode {
  /** Listens for event `type`; its detail type follows the name. */
  addEventListener<K extends keyof GeomeshNodeEventMap>(
    type: K,
    listener: GeomeshNodeListener<K> | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** Listens for any event `type` (EventTarget's signature). */
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** Removes a listener added with `addEventListener`. */
  removeEventListener<K extends keyof GeomeshNodeEventMap>(
    type: K,
    listener: GeomeshNodeListener<K> | null,
    options?: boolean | EventListenerOptions,
  ): void;
  /** Removes a listener for any event `type`. */
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * A mesh node. Create it with `createNode`.
 *
 * @example
 * ```ts
 * import { createNode } from "../runtime/create.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
 * const net = createMemoryNetwork();
 * const a = await createNode({ transport: net.transport(), logLevel: "error" });
 * const b = await createNode({ transport: net.transport(), logLevel: "error" });
 * const got = new Promise((resolve) => b.addEventListener("message", (e) => resolve(e.detail.payload)));
 * await a.send(await a.connect(b.address), "hello");
 * console.assert((await got) === "hello");
 * await a.close();
 * await b.close();
 * ```
 */
export class GeomeshNode extends EventTarget {
  /** This node's id (base32 of its Ed25519 public key). */
  readonly id: string;
  /** Counters. */
  readonly metrics: NodeMetrics = createMetrics();
  readonly #p: NodeParts;
  readonly #log: Logger;
  readonly #pool: PeerPool;
  readonly #handlers: Handlers;
  readonly #broadcast: BroadcastState;
  readonly #tree: Plumtree<PeerLink>;
  readonly #router: Router;
  readonly #discovery?: Discovery<PeerLink>;
  #closed?: Promise<void>;

  /** @internal Use `createNode`. */
  constructor(parts: NodeParts) {
    super();
    this.#p = parts;
    this.#log = childLogger(parts.logger, "node");
    this.id = parts.identity.id;
    this.#broadcast = new BroadcastState(parts.identity);
    this.#tree = new Plumtree<PeerLink>({
      links: () => this.#pool.usable(),
      sendBody: sendBroadcast,
      sendControl: (link, msg) => void link.send(msg).catch(() => {}),
      seen: (origin, seq) => this.#broadcast.seen(origin, seq),
      checking: (origin, seq) => this.#broadcast.checking(origin, seq),
      bad: (link, err) => this.#bad(link, err),
      metrics: this.metrics,
      logger: childLogger(parts.logger, "broadcast"),
      graftTimeoutMs: parts.config.graftTimeoutMs,
    });
    this.#handlers = new Handlers({
      maxInflight: parts.config.maxInflightRequests,
      logger: childLogger(parts.logger, "requests"),
      metrics: this.metrics,
    });
    this.#router = new Router({
      identity: parts.identity,
      logger: childLogger(parts.logger, "routing"),
      metrics: this.metrics,
      relaying: parts.config.mode !== "client",
      link: (id) => this.#pool.direct(id),
      relays: () => this.#pool.usable().filter((l) => l.mode !== "client"),
      viaOf: (id) => this.#discovery?.viaOf(id) ?? [],
      lookup: (id) => this.#discovery?.lookup(id) ?? Promise.resolve(false),
      dialRelay: async (id) => {
        const address = this.mode === "server" ? undefined : this.#discovery?.dialAddress(id);
        if (!address) return undefined;
        await this.#pool.connect(address, { remember: false });
        return this.#pool.direct(id);
      },
      remoteError: fromWireError,
      deliver: (delivery) => this.#deliver(delivery),
    });
    this.#pool = new PeerPool({
      config: parts.config,
      identity: parts.identity,
      logger: childLogger(parts.logger, "pool"),
      transport: parts.transport,
      metrics: this.metrics,
      mode: parts.config.mode,
      address: () => this.address,
      binding: () => this.#p.binding,
      dispatch: (link, msg) => this.#dispatch(link, msg),
      connected: (link) => this.#connected(link),
      disconnected: (link, reason) => this.#disconnected(link, reason),
      busy: (link) => this.#handlers.inflight(link.id) > 0,
      bad: (link, err) => this.#bad(link, err),
    }, parts.listener);
    if (parts.config.gossipIntervalMs > 0) this.#discovery = this.#startDiscovery();
  }

  /** Fires event `type` with `detail` (the one way this node fires events). */
  #emit<K extends keyof GeomeshNodeEventMap>(
    type: K,
    detail: GeomeshNodeEventMap[K]["detail"],
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /**
   * The one place a frame for this node reaches the application, direct or
   * routed: a `message` event, or the request handler or actor (whose reply
   * or promise of one is returned).
   */
  #deliver(d: Delivery): unknown {
    if (d.kind === "request") return this.#handlers.run(d.from, d.actor, d.payload);
    const detail: MessageDetail = d.via === undefined
      ? { from: d.from, payload: d.payload }
      : { from: d.from, payload: d.payload, via: d.via };
    this.#emit("message", detail);
    return null;
  }

  #startDiscovery(): Discovery<PeerLink> {
    const { config, identity } = this.#p;
    const logger = childLogger(this.#p.logger, "discovery");
    return new Discovery<PeerLink>({
      identity,
      logger,
      metrics: this.metrics,
      mode: config.mode,
      intervalMs: config.gossipIntervalMs,
      minPeers: config.minPeers,
      maxKnownPeers: config.maxKnownPeers,
      address: () => this.address,
      links: () => this.#pool.usable(),
      linked: (id) => this.#pool.direct(id) !== undefined,
      dial: (address) => this.#pool.connect(address, { remember: false }),
      discovered: (entry) => {
        logger.debug("peer discovered", { peer: entry.id, address: entry.address });
        this.#emit("peer:discovered", { id: entry.id, address: entry.address, mode: entry.mode });
      },
      bad: (link, err) => this.#bad(link, err),
      hangUp: (link, graceMs) =>
        this.#pool.retire(link, {
          goodbye: { code: CloseCode.Goodbye, reason: "feeler" },
          graceMs,
        }),
    });
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
    this.#discovery?.refresh();
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
    const { announce, hostname, hostnames } = this.#p.config;
    // A listener bound where it was asked (or on a wildcard) is reached by the
    // configured names; one that names itself (an in-memory endpoint) by its own.
    const own = l.hostname !== hostname && !isWildcard(l.hostname);
    return {
      nodeId: this.id,
      host: announce?.host ?? (own ? l.hostname : hostnames[0]),
      // A listener without a port (in-memory) gets a placeholder: the format has one.
      port: announce?.port ?? (l.port || 1),
      protocols: [...l.protocols],
      pins: this.#p.pinStrings,
    };
  }

  /** Known peers: connected ones first. */
  peers(): PeerInfo[] {
    const out: PeerInfo[] = [];
    const known = this.#pool.known();
    for (const link of this.#pool.links()) {
      out.push({
        id: link.id,
        // An accepted session's address comes from the peer's signed record.
        address: link.address ?? this.#discovery?.dialAddress(link.id),
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
        out.push({ id, address: known.get(id), connected: false, via });
      }
    }
    for (const [id, address] of known) {
      if (!listed.has(id)) {
        listed.add(id);
        out.push({ id, address, connected: false });
      }
    }
    for (const e of this.#discovery?.table.entries() ?? []) {
      if (!listed.has(e.id)) {
        out.push(
          e.via.length
            ? { id: e.id, connected: false, via: e.via[0], mode: e.mode }
            : { id: e.id, address: e.address, connected: false, mode: e.mode },
        );
      }
    }
    return out;
  }

  /**
   * Dials `address` (unless already connected) and resolves with the peer's
   * node id once it is authenticated. Rejects with `ConnectError`,
   * `TimeoutError`, `PinMismatchError`, `AuthenticationError`, `AbortedError`
   * or, once the node is closed, `SessionClosedError`.
   */
  connect(address: string, options: { signal?: AbortSignal } = {}): Promise<string> {
    return this.#pool.connect(address, { signal: options.signal });
  }

  #connected(link: PeerLink): void {
    this.#log.info("peer connected", {
      peer: link.id,
      protocol: link.protocol,
      dialed: link.dialed,
    });
    this.#emit("peer:connected", { id: link.id, protocol: link.protocol, address: link.address });
    // One ping at once, so the nearest relays are known before the first keep-alive.
    link.ping(3000).catch(() => {});
    this.#discovery?.connected(link).catch((err) =>
      this.#log.warn("discovery exchange failed", { peer: link.id, err })
    );
  }

  #disconnected(link: PeerLink, reason: string): void {
    this.#router.relayLost(link.id);
    this.#tree.linkLost(link);
    this.#discovery?.disconnected(link.id, /idle/.test(reason));
    this.#log.info("peer disconnected", { peer: link.id, reason });
    this.#emit("peer:disconnected", { id: link.id, reason });
  }

  #bad(link: PeerLink, err: unknown): void {
    this.metrics.errors++;
    this.#log[link.mayWarn() ? "warn" : "debug"]("bad input from peer", { peer: link.id, err });
    // Malformed input only: overload, staleness or a relayed forgery may come from honest peers.
    const code = (err as { code?: unknown } | undefined)?.code;
    if (
      (code === "PROTOCOL_ERROR" || code === "DECODE_ERROR" || code === "MESSAGE_TOO_LARGE") &&
      !link.retiring && link.violated()
    ) {
      this.#log.warn("peer keeps sending invalid input, closing its session", { peer: link.id });
      const reason = "too much invalid input";
      this.#pool.retire(link, { goodbye: { code: CloseCode.ProtocolError, reason }, graceMs: 0 });
    }
  }

  #dispatch(link: PeerLink, msg: WireMessage): void {
    if (msg.type === "discover" || msg.type === "discovery-response") {
      if (this.#discovery) this.#discovery.handle(link, msg);
      else this.#log.debug("discovery is off; gossip ignored", { peer: link.id });
      return;
    }
    if (
      (msg.type === "message" || msg.type === "request" || msg.type === "response") &&
      msg.to !== undefined
    ) {
      return this.#router.handle(link, msg);
    }
    switch (msg.type) {
      case "message": {
        this.metrics.messagesReceived++;
        const delivery: Delivery = { kind: "message", from: link.id, payload: msg.payload };
        // A direct message needs no reply: no promise per message on the hot path.
        if (msg.id === undefined) return void this.#deliver(delivery);
        return void this.#handlers.serve(link, msg.id, () => this.#deliver(delivery));
      }
      case "request": {
        this.metrics.messagesReceived++;
        const { actor, payload } = msg;
        const delivery: Delivery = { kind: "request", from: link.id, actor, payload };
        return void this.#handlers.serve(link, msg.id, () => this.#deliver(delivery));
      }
      case "response":
        this.metrics.messagesReceived++;
        if (!link.settle(msg)) {
          this.#log.debug("late or unknown response", { peer: link.id, id: msg.id });
        }
        return;
      case "goodbye":
        return this.#pool.goodbye(link, msg);
      case "broadcast":
        return void this.#onBroadcast(link, msg);
      case "ihave":
        return this.#tree.ihave(link, msg);
      case "graft":
        return this.#tree.graft(link, msg);
      case "prune":
        return this.#tree.prune(link);
      default:
        this.#bad(
          link,
          new GeomeshError("PROTOCOL_ERROR", `unexpected ${msg.type} after handshake`),
        );
    }
  }

  #open(): void {
    if (this.#pool.closing) throw new SessionClosedError("node is closed");
  }

  /**
   * For a peer without a session: one this node dialed before (e.g. its
   * session was closed as idle) is dialed again on demand. Undefined: relay.
   */
  async #linkTo(peer: string): Promise<PeerLink | undefined> {
    const address = this.#pool.known().get(peer) ?? this.#discovery?.dialAddress(peer);
    if (!address || this.mode === "server") return undefined;
    try {
      await this.#pool.connect(address);
    } catch (err) {
      this.#log.debug("dial on demand failed; trying relays", { peer, err });
    }
    return this.#pool.direct(peer);
  }

  /**
   * Sends `payload` to `target` (`nodeId` or `actor@nodeId`). Resolves once the
   * message is handed to the peer's stream (relayed: once the target
   * acknowledged it); for an actor, once the actor took it (unknown actors
   * reject with `UnknownActorError`).
   */
  send(target: string, payload: unknown): Promise<void> {
    // Fast path (no async frame, no extra promise): a plain message on a live session.
    let link: PeerLink | undefined, parsed: { actor?: string; peer: string };
    try {
      this.#open();
      parsed = splitTarget(target);
      link = this.#pool.direct(parsed.peer);
    } catch (err) {
      return Promise.reject(err);
    }
    if (link && parsed.actor === undefined) {
      this.metrics.messagesSent++;
      return link.send({ type: "message", payload });
    }
    return this.#sendSlow(link, parsed.actor, parsed.peer, payload);
  }

  async #sendSlow(
    link: PeerLink | undefined,
    actor: string | undefined,
    peer: string,
    payload: unknown,
  ) {
    link ??= await this.#linkTo(peer);
    this.metrics.messagesSent++;
    const timeoutMs = this.#p.config.requestTimeoutMs;
    if (!link) {
      // An actor is always addressed by a request; send() drops its reply.
      const kind = actor === undefined ? "message" : "request";
      await this.#router.send({ kind, target: peer, payload, actor, timeoutMs });
      return;
    }
    if (actor === undefined) return await link.send({ type: "message", payload });
    const response = await link.request({ type: "request", payload, actor }, timeoutMs);
    if (response.error) throw fromWireError(response.error);
  }

  /**
   * Sends a request to `target` (`nodeId` or `actor@nodeId`) and resolves with
   * the reply; relayed like `send` when there is no direct session. Rejects
   * with `TimeoutError`, `AbortedError`, `UnknownPeerError`,
   * `UnknownActorError`, `OverloadedError`, `MessageTooLargeError`,
   * `SessionClosedError` or `RemoteError` (the handler threw).
   */
  async request(target: string, payload: unknown, options: RequestOptions = {}): Promise<unknown> {
    this.#open();
    const { actor, peer } = splitTarget(target);
    const timeoutMs = checkTimeout(options?.timeoutMs, this.#p.config.requestTimeoutMs);
    const signal = checkSignal(options?.signal);
    // Synchronous when the session exists: sends issued before close() still go out.
    const link = this.#pool.direct(peer) ?? await this.#linkTo(peer);
    this.metrics.messagesSent++;
    if (!link) {
      return await this.#router.send({
        kind: "request",
        target: peer,
        payload,
        actor,
        timeoutMs,
        signal,
      });
    }
    const msg: RequestBody = actor === undefined
      ? { type: "request", payload }
      : { type: "request", payload, actor };
    const response = await link.request(msg, timeoutMs, signal);
    if (response.error) throw fromWireError(response.error);
    return response.payload;
  }

  /** Sets the handler for requests addressed to the node itself (not to an actor). */
  handle(handler: Handler | undefined): void {
    this.#handlers.handle(handler);
  }

  /** Registers (or with `undefined`, removes) the actor `name`, reachable as `name@<this id>`. */
  actor(name: string, handler: Handler | undefined): void {
    this.#handlers.actor(name, handler);
  }

  /** Round-trip time to a connected peer over datagrams, in ms. */
  async ping(peer: string, options: { timeoutMs?: number } = {}): Promise<number> {
    this.#open();
    const timeoutMs = checkTimeout(options?.timeoutMs, 3000);
    const link = this.#pool.direct(peer);
    if (!link) throw new UnknownPeerError(`no session with ${String(peer).slice(0, 60)} to ping`);
    return await link.ping(timeoutMs);
  }

  /**
   * Sends `payload` to every node of the mesh once: origin-signed, along a
   * self-repairing broadcast tree (Plumtree, `plumtree.ts`). Best effort: a
   * peer whose queue is full gets an announcement instead and asks later.
   */
  async broadcast(payload: unknown): Promise<void> {
    this.#open();
    const msg = await this.#broadcast.create(payload);
    this.#emit("broadcast:sent", { seq: msg.seq });
    this.#tree.publish(msg);
  }

  async #onBroadcast(
    link: PeerLink,
    msg: Extract<WireMessage, { type: "broadcast" }>,
  ): Promise<void> {
    if (!link.takeBroadcast()) {
      return this.#router.shed(link, "broadcast", "over the broadcast rate");
    }
    const verdict = await this.#broadcast.accept(msg, (check) => link.cryptoBounded(check), link);
    if (verdict === "shed") return this.#router.shed(link, "broadcast");
    if (verdict instanceof Error) return this.#bad(link, verdict);
    // Passed on before the event, so a slow listener does not delay the rest of the mesh.
    this.#tree.receive(link, msg, verdict);
    if (verdict === "ok") {
      this.#emit("broadcast", {
        from: msg.origin,
        payload: msg.payload,
        // The hop limit is not signed (relays lower it), so this is as honest as the path.
        hops: BROADCAST_TTL - Math.min(msg.ttl, BROADCAST_TTL) + 1,
      });
    }
  }

  /**
   * Drains in-flight messages, says goodbye to every peer, closes sessions and
   * releases ports. Every call returns the same promise.
   */
  close(): Promise<void> {
    return this.#closed ??= (async () => {
      this.#tree.close();
      this.#discovery?.stop();
      await this.#pool.close();
      await this.#p.onClose?.();
      this.#log.info("node closed", { id: this.id });
    })();
  }

  /** `await using node = await createNode(...)` closes it at scope end. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
