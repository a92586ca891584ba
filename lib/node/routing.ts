/**
 * Relayed delivery: reaching a node we have no session with through server-mode
 * (or hybrid) nodes, e.g. a browser or client-mode node behind the server it
 * is connected to, possibly several relays away.
 *
 * **Paths**: a client-mode node's signed peer record lists the servers it is
 * attached to (`via`, see `lib/discovery/`). The sender hands the frame to
 * one of those servers if it has a session with one, else dials one (when it
 * can dial), else gives it to any relay; each relay forwards it to the target
 * if it has a session with it, else to one of the target's servers it has a
 * session with, else back along the path the target's own traffic came
 * (remembered per origin as frames pass). So a browser behind server A
 * reaches a browser behind server B over A and B.
 *
 * Routed `message`/`request` frames carry `from`, `to`, a per-origin `id` and
 * an origin signature over all of them and the payload, so a relay can neither
 * forge nor alter them, and a replayed copy is refused. The receiver answers
 * every routed frame with a signed `response` (a `message` gets an empty one,
 * an acknowledgement), which the relay carries back by its `to`. A relay that
 * has no session with the target answers `UNKNOWN_PEER` itself (signed by the
 * relay) and the sender tries its next relay. Relays forward at most
 * {@linkcode MAX_HOPS} times.
 *
 * @module
 */
import { encodeValue } from "../codec/cbor.ts";
import type { WireMessage } from "../codec/messages.ts";
import {
  OverloadedError,
  SessionClosedError,
  SignatureError,
  UnknownPeerError,
} from "../errors.ts";
import { replyFailure, toWireError, type WireError } from "./handlers.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import { verify } from "../identity/verify.ts";
import type { Logger } from "../log.ts";
import type { NodeMetrics } from "./metrics.ts";
import type { PeerLink } from "./peer.ts";
import { abortError, PendingReplies } from "./pending.ts";
import { SeenWindow } from "./seen.ts";

/** Most relay hops a routed frame may take. */
export const MAX_HOPS = 4;

type Routed = Extract<WireMessage, { type: "message" | "request" }>;
type Response = Extract<WireMessage, { type: "response" }>;

/** What the router needs from its node. */
export interface RouterHost {
  identity: NodeIdentity;
  logger: Logger;
  metrics: NodeMetrics;
  /** The usable direct session with `id` (live, not being retired), if any. */
  link(id: string): PeerLink | undefined;
  /** Sessions with server-mode or hybrid peers (candidate relays). */
  relays(): PeerLink[];
  /** Servers `id` is attached to, from its peer record (empty if unknown). */
  viaOf(id: string): readonly string[];
  /** Fetches `id`'s peer record from server peers if it is not held (bounded wait). */
  lookup(id: string): Promise<unknown>;
  /** Dials server `id` if this node can dial and knows its address; the new session, or undefined. */
  dialRelay(id: string): Promise<PeerLink | undefined>;
  /** Whether this node relays for others (server and hybrid modes do, clients do not). */
  relaying: boolean;
  /** Maps a remote `{ code, message }` error to the error the caller sees. */
  remoteError(error: { code: string; message: string }): Error;
  /**
   * Runs the local handler (`request`, or an actor message) or delivers the
   * message (`message`); resolves with the reply. Rejections become error replies.
   */
  deliver(
    kind: "message" | "request",
    from: string,
    via: string,
    actor: string | undefined,
    payload: unknown,
  ): Promise<unknown>;
}

/** What a routed reply is checked against. */
interface Expected {
  target: string;
  relay: string;
}

/** Most remembered routes (node id -> relay); the least recently used is forgotten first. */
export const MAX_ROUTES = 10_000;

function routedPart(m: Routed): Uint8Array {
  return encodeValue([m.type, m.from!, m.to!, m.id!, m.actor ?? null, m.payload] as never);
}

function responsePart(m: Response): Uint8Array {
  const error = m.error ? [m.error.code, m.error.message] : null;
  return encodeValue(["response", m.from!, m.to!, m.id, m.payload ?? null, error] as never);
}

/**
 * Routes frames for one node.
 *
 * @example
 * ```ts ignore
 * const router = new Router(host);
 * await router.send("request", targetId, { q: 1 }, undefined, 5000); // via a relay
 * ```
 */
export class Router {
  readonly #host: RouterHost;
  readonly #routes = new Map<string, string>();
  readonly #pending = new PendingReplies<unknown, Expected>();
  readonly #seen = new SeenWindow();
  #nextId = Date.now() * 1000;

  constructor(host: RouterHost) {
    this.#host = host;
  }

  /** Known relay for each node reached (or heard from) through one. */
  routes(): ReadonlyMap<string, string> {
    return this.#routes;
  }

  /**
   * Delivers through a relay and resolves with the reply (null for a message).
   * Tries, in turn: the relay last seen carrying `target`'s traffic, the
   * target's own servers we have sessions with, one of them dialed, then every
   * other server-mode peer; rejects with `UnknownPeerError` if none reaches it.
   */
  async send(
    kind: "message" | "request",
    target: string,
    payload: unknown,
    actor: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const tried = new Set<string>();
    const attempt = async (
      relay: PeerLink | undefined,
    ): Promise<{ reply: unknown } | undefined> => {
      if (!relay || relay.id === target || tried.has(relay.id)) return undefined;
      tried.add(relay.id);
      try {
        const reply = await this.#sendVia(relay, kind, target, payload, actor, timeoutMs, signal);
        this.#remember(target, relay.id);
        return { reply };
      } catch (err) {
        if (!(err instanceof UnknownPeerError)) throw err;
        if (this.#routes.get(target) === relay.id) this.#routes.delete(target);
        return undefined;
      }
    };
    let via = this.#host.viaOf(target);
    if (!via.length && !this.#routes.has(target)) {
      // A leaf holds only the records of nodes it can dial: ask for the target's.
      await this.#host.lookup(target);
      via = this.#host.viaOf(target);
    }
    // 1. The relay that carried the target's traffic last; 2. the target's own servers we
    // have sessions with; 3. one of its servers, dialed; 4. any relay (it may know a path).
    for (const id of [this.#routes.get(target), ...via]) {
      const done = await attempt(this.#relayLink(id));
      if (done) return done.reply;
    }
    for (const id of via) {
      if (tried.has(id)) continue;
      const done = await attempt(await this.#host.dialRelay(id).catch(() => undefined));
      if (done) return done.reply;
    }
    for (const relay of this.#host.relays()) {
      const done = await attempt(relay);
      if (done) return done.reply;
    }
    throw new UnknownPeerError(`no session with ${target.slice(0, 60)} and no relay reaches it`);
  }

  async #sendVia(
    relay: PeerLink,
    kind: "message" | "request",
    target: string,
    payload: unknown,
    actor: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (signal?.aborted) throw abortError(signal);
    const id = ++this.#nextId;
    const msg = {
      type: kind,
      id,
      from: this.#host.identity.id,
      to: target,
      payload,
      hops: 0,
    } as Routed;
    if (actor !== undefined) msg.actor = actor;
    msg.sig = await this.#host.identity.sign("message", routedPart(msg));
    const reply = this.#pending.wait(id, { target, relay: relay.id }, {
      timeoutMs,
      signal,
      timeoutMessage: () => `no reply from ${target} via ${relay.id} within ${timeoutMs} ms`,
    });
    relay.send(msg).catch((err) => this.#pending.get(id)?.reject(err));
    return await reply;
  }

  /** Handles a frame carrying `to`: forwards it, or accepts it as routed to us. */
  handle(link: PeerLink, msg: Routed | Response): void {
    const me = this.#host.identity.id;
    if (msg.to !== me) return this.#forward(link, msg);
    if (msg.from === undefined || typeof msg.id !== "number" || !msg.sig) {
      return this.#bad(link, new SignatureError(`unsigned routed ${msg.type} from ${link.id}`));
    }
    if (msg.type === "response") this.#onResponse(link, msg);
    else this.#onRouted(link, msg);
  }

  /** The live session with `id` if that peer relays (not client mode), except `not`. */
  #relayLink(id: string | undefined, not?: PeerLink): PeerLink | undefined {
    const l = id === undefined ? undefined : this.#host.link(id);
    return l && l !== not && l.mode !== "client" ? l : undefined;
  }

  /** The session a frame for `to` goes out on next (never back where it came from). */
  #nextHop(to: string, from: PeerLink): PeerLink | undefined {
    const direct = this.#host.link(to);
    if (direct && direct !== from) return direct;
    for (const server of this.#host.viaOf(to)) {
      const l = this.#relayLink(server, from);
      if (l) return l;
    }
    return this.#relayLink(this.#routes.get(to), from);
  }

  #forward(link: PeerLink, msg: Routed | Response): void {
    const next = this.#host.relaying ? this.#nextHop(msg.to!, link) : undefined;
    const hops = msg.hops ?? 0;
    // The way back to the origin (for its replies, and frames to it) is the way it came.
    if (msg.from && msg.from !== link.id && !this.#host.link(msg.from)) {
      this.#remember(msg.from, link.id);
    }
    let error: { code: string; message: string };
    if (!next || hops >= MAX_HOPS) {
      this.#host.logger.debug("cannot relay", { from: msg.from, to: msg.to, hops });
      error = {
        code: UnknownPeerError.code,
        message: hops >= MAX_HOPS
          ? "hop limit reached"
          : `relay ${this.#host.identity.id} has no session with ${msg.to}`,
      };
    } else if (next.channel.backlogged) {
      // The target is not draining what we already queued for it: refuse rather than buffer
      // without bound (the sender gets a typed error and may retry later).
      this.#host.metrics.errors++;
      this.#host.logger.debug("relay backlogged", { to: msg.to, queued: next.channel.queuedBytes });
      error = { code: OverloadedError.code, message: `relay backlog for ${msg.to} is full` };
    } else {
      this.#host.metrics.messagesRelayed++;
      next.send({ ...msg, hops: hops + 1 }).catch((err) =>
        this.#host.logger.debug("relay failed", { err })
      );
      return;
    }
    if (msg.type !== "response" && typeof msg.id === "number" && msg.from) {
      // Our refusal is signed: a flood of unroutable frames must not queue signatures.
      const from = msg.from, id = msg.id;
      const signing = link.cryptoBounded(() =>
        this.#reply(link, from, id, undefined, error).then(() => true)
      );
      if (!signing) this.shed(link, `unroutable ${msg.type}`);
    }
  }

  /**
   * Counts a frame dropped because too many of the peer's signatures are
   * being checked (logged at debug level: under a flood, one line per frame
   * would be a second flood).
   */
  shed(link: PeerLink, what: string): void {
    this.#host.metrics.errors++;
    this.#host.logger.debug("frame dropped", {
      peer: link.id,
      what,
      reason: "too many signatures being checked",
    });
  }

  async #onRouted(link: PeerLink, msg: Routed): Promise<void> {
    const from = msg.from!;
    try {
      const checking = link.cryptoBounded(() => verify(from, "message", routedPart(msg), msg.sig!));
      if (!checking) return this.shed(link, `routed ${msg.type}`);
      if (!(await checking)) throw new SignatureError("bad signature");
    } catch (err) {
      return this.#bad(
        link,
        new SignatureError(`forged routed ${msg.type} claiming origin ${from}`, { cause: err }),
      );
    }
    if (!this.#seen.add(from, msg.id!)) {
      return this.#bad(link, new SignatureError(`replayed routed ${msg.type} from ${from}`));
    }
    this.#remember(from, link.id);
    this.#host.metrics.messagesReceived++;
    try {
      const reply = await this.#host.deliver(msg.type, from, link.id, msg.actor, msg.payload);
      this.#reply(link, from, msg.id!, msg.type === "request" ? (reply ?? null) : null);
    } catch (err) {
      this.#reply(link, from, msg.id!, undefined, toWireError(err));
    }
  }

  #remember(target: string, relay: string): void {
    this.#routes.delete(target);
    this.#routes.set(target, relay);
    if (this.#routes.size > MAX_ROUTES) this.#routes.delete(this.#routes.keys().next().value!);
  }

  /**
   * Signs and sends a routed response. A reply that cannot be encoded or is
   * too large becomes an error reply, so the requester never just times out;
   * nothing here rejects (it runs unawaited).
   */
  async #reply(
    link: PeerLink,
    to: string,
    id: number,
    payload: unknown,
    error?: WireError,
  ): Promise<void> {
    const send = async (payload: unknown, error?: WireError) => {
      const res: Response = { type: "response", id, from: this.#host.identity.id, to, hops: 0 };
      if (error) res.error = error;
      else res.payload = payload;
      res.sig = await this.#host.identity.sign("response", responsePart(res));
      await link.send(res);
    };
    try {
      await send(payload, error);
    } catch (err) {
      const failure = error ? undefined : replyFailure(err);
      if (failure) {
        this.#host.metrics.errors++;
        this.#host.logger.warn("routed reply could not be sent", { to, err });
        await send(undefined, failure).catch((e) =>
          this.#host.logger.debug("routed reply failed", { err: e })
        );
      } else this.#host.logger.debug("routed reply failed", { err });
    }
  }

  async #onResponse(link: PeerLink, msg: Response): Promise<void> {
    const entry = this.#pending.get(msg.id);
    if (!entry) return void this.#host.logger.debug("late routed response", { id: msg.id });
    // Only the target may answer; a relay on the way (signing as itself) may answer only
    // that it cannot reach it, or that its backlog for it is full: at worst that makes the
    // sender try another relay, which any relay could cause by dropping the frame anyway.
    const code = msg.error?.code;
    const fromRelay = msg.from !== entry.extra.target &&
      (code === UnknownPeerError.code || code === OverloadedError.code);
    if (msg.from !== entry.extra.target && !fromRelay) {
      return this.#bad(
        link,
        new SignatureError(
          `routed response from ${msg.from} for a request to ${entry.extra.target}`,
        ),
      );
    }
    try {
      const checking = link.cryptoBounded(() =>
        verify(msg.from!, "response", responsePart(msg), msg.sig!)
      );
      if (!checking) return this.shed(link, "routed response");
      if (!(await checking)) throw new SignatureError("bad signature");
    } catch (err) {
      return this.#bad(
        link,
        new SignatureError(`forged routed response claiming origin ${msg.from}`, { cause: err }),
      );
    }
    if (this.#pending.get(msg.id) !== entry) return;
    if (!msg.error) return entry.resolve(msg.payload ?? null);
    // UnknownPeerError makes `send` try the next relay: only the relay's own answer may say so
    // (from the target it is its handler's error, and the frame was delivered).
    entry.reject(
      fromRelay && code === UnknownPeerError.code
        ? new UnknownPeerError(msg.error.message)
        : this.#host.remoteError(msg.error),
    );
  }

  #bad(link: PeerLink, err: Error): void {
    this.#host.metrics.errors++;
    this.#host.logger[link.mayWarn() ? "warn" : "debug"]("refused routed frame", {
      peer: link.id,
      err,
    });
  }

  /** Fails pending routed requests that went through `relayId` (its session ended). */
  relayLost(relayId: string): void {
    for (const entry of this.#pending.values()) {
      if (entry.extra.relay !== relayId) continue;
      // Not UnknownPeerError: the frame may have been delivered, so it must not be retried elsewhere.
      entry.reject(
        new SessionClosedError(`relay ${relayId} went away before ${entry.extra.target} answered`),
      );
    }
    for (const [target, relay] of this.#routes) if (relay === relayId) this.#routes.delete(target);
  }
}
