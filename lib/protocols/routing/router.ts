/**
 * Relayed delivery: reaching a node we have no session with through server-mode
 * (or hybrid) nodes, e.g. a browser or client-mode node behind the server it
 * is connected to, possibly several relays away.
 *
 * **Paths**: a client-mode node's signed peer record lists the servers it is
 * attached to (`via`, see `lib/discovery/`). The sender hands the frame to
 * one of those servers if it has a session with one, else dials one (when it
 * can dial), else tries the relay that last carried the target's verified
 * traffic, else any relay; each relay forwards it to the target if it has a
 * session with it, else to one of the target's servers, else back along the
 * path the target's own traffic came. So a browser behind server A reaches a
 * browser behind server B over A and B.
 *
 * **What a route is learned from**: only from frames whose origin signature
 * verified (and that are fresh), or from the verified reply to our own
 * request. A relay checks the signature of a frame before it learns a new
 * way back to its origin (forwarding does not wait for it; once a route is
 * known, frames along it cost no check). So no peer can teach a node that
 * another node lives behind it by claiming its id.
 *
 * **Signatures, freshness, replays**: routed `message`/`request` frames carry
 * `from`, `to`, a per-origin `id`, a timestamp `ts` and an origin signature
 * over all of them and the payload ({@linkcode routedSignedPart}), so a relay
 * can neither forge nor alter them. The receiver refuses frames dated outside
 * the freshness window (`STALE`) and copies it accepted before (the replay
 * window of `seen.ts` never forgets a fresh origin), and one session may
 * introduce only so many new origins per second (`origin-budget.ts`).
 *
 * **Answers and retries**: the receiver answers every routed frame with a
 * signed `response` (a `message` gets an empty one, an acknowledgement),
 * which the relays carry back by its `to`. A relay that cannot reach the
 * target answers `UNKNOWN_PEER` (or `OVERLOADED`) itself, signed by the
 * relay, and the sender tries its next relay; a relay that stays silent for
 * a while gets the same treatment (the same signed frame goes out through
 * the next one, and whichever answer comes first wins: the target's replay
 * window makes sure it runs once). Relays forward at most
 * {@linkcode MAX_HOPS} times.
 *
 * @module
 */
import { encodeValue } from "../../codec/cbor.ts";
import type { WireMessage } from "../../codec/messages.ts";
import {
  OverloadedError,
  ProtocolError,
  SessionClosedError,
  SignatureError,
  StaleError,
  UnknownPeerError,
} from "../../errors.ts";
import { type Outcome, outcomeOf, sendOutcome, type WireError } from "../requests/reply.ts";
import type { NodeIdentity } from "../../identity/identity.ts";
import { verify } from "../../identity/verify.ts";
import type { Logger } from "../../log.ts";
import type { NodeMetrics } from "../../metrics.ts";
import { OriginBudget } from "../origin-budget.ts";
import { abortError, PendingReplies } from "../../session/pending.ts";
import { SeenWindow } from "../seen.ts";

/** Most relay hops a routed frame may take. */
export const MAX_HOPS = 4;
/** Most remembered routes (node id -> relay); the least recently used is forgotten first. */
export const MAX_ROUTES = 10_000;
/** Bounds of how long a relay may stay silent before the next one is tried (ms). */
const MIN_SILENCE_MS = 250, MAX_SILENCE_MS = 2000;

type Routed = Extract<WireMessage, { type: "message" | "request" }>;
type Response = Extract<WireMessage, { type: "response" }>;

/** What routing needs of a link (a session's `PeerLink` is one). */
export interface RouteLink {
  /** Peer node id (authenticated by the session). */
  readonly id: string;
  /** Peer network mode. */
  readonly mode: string;
  /** True while the link's send queue is over its high-water mark. */
  readonly backlogged: boolean;
  /** Bytes queued, not yet written. */
  readonly queuedBytes: number;
  /** Last measured round-trip time (keep-alive pings), if any: nearer relays are tried first. */
  readonly rttMs?: number;
  /** Sends one message to the peer. */
  send(msg: WireMessage): Promise<void>;
  /** Runs a signature check within the peer's crypto budget; undefined: shed. */
  cryptoBounded(check: () => Promise<boolean>): Promise<boolean> | undefined;
  /** Whether a warning about this peer may be logged now (rate limit). */
  mayWarn(): boolean;
}

/** How long a relay that stayed silent on a frame is tried after the others. */
const SILENT_DEMOTION_MS = 10_000;

/** What the router needs from its node. */
export interface RouterHost {
  identity: NodeIdentity;
  logger: Logger;
  metrics: NodeMetrics;
  /** The usable direct session with `id` (live, not being retired), if any. */
  link(id: string): RouteLink | undefined;
  /** Sessions with server-mode or hybrid peers (candidate relays). */
  relays(): RouteLink[];
  /** Servers `id` is attached to, from its signed peer record (empty if unknown). */
  viaOf(id: string): readonly string[];
  /** Fetches `id`'s peer record from server peers if it is not held (bounded wait). */
  lookup(id: string): Promise<unknown>;
  /** Dials server `id` if this node can dial and knows its address; the new session, or undefined. */
  dialRelay(id: string): Promise<RouteLink | undefined>;
  /** Whether this node relays for others (server and hybrid modes do, clients do not). */
  relaying: boolean;
  /** Maps a remote `{ code, message }` error to the error the caller sees. */
  remoteError(error: { code: string; message: string }): Error;
  /**
   * Hands a routed frame for this node to the node (a `message` event, the
   * request handler or an actor); resolves with the reply. Rejections become
   * error replies.
   */
  deliver(delivery: Delivery): unknown;
}

/** A frame for this node, as the node's one delivery point takes it (direct or routed). */
export interface Delivery {
  /** `message` (no reply but an acknowledgement) or `request` (the reply goes back). */
  kind: "message" | "request";
  /** Origin node id: the session's peer, or the verified signer of a routed frame. */
  from: string;
  /** The relay a routed frame came through. */
  via?: string;
  /** The actor a request is addressed to. */
  actor?: string;
  payload: unknown;
}

/** What {@linkcode Router.send} delivers. */
export interface RouteOptions {
  /** `message` (acknowledged, resolves with null) or `request` (resolves with the reply). */
  kind: "message" | "request";
  /** The target node id. */
  target: string;
  payload: unknown;
  /** The target's actor (requests only: an actor message is a request whose reply is dropped). */
  actor?: string;
  /** The whole budget, every relay tried included. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One routed frame of ours on its way: the relays it went out through and what they said. */
interface Outgoing {
  /** The frame's id (the key of its pending entry). */
  id: number;
  target: string;
  /** Relays the frame was handed to. */
  relays: Set<string>;
  /** Relays that refused it (or whose session failed), with the last reason. */
  refused: Set<string>;
  lastRefusal?: Error;
  /** More relays may still be tried. */
  searching: boolean;
  /** Wakes the sender when a relay refuses. */
  wake?: () => void;
}

/**
 * The bytes an origin signs (domain `message`) for a routed `message` or `request`.
 *
 * @example
 * ```ts
 * import { routedSignedPart } from "./router.ts";
 * import { generateIdentity } from "../../identity/identity.ts";
 * import { verify } from "../../identity/verify.ts";
 * const me = await generateIdentity();
 * const frame = { type: "message" as const, id: 1, from: me.id, to: "target", payload: 1, ts: Date.now() };
 * const sig = await me.sign("message", routedSignedPart(frame));
 * console.assert(await verify(me.id, "message", routedSignedPart(frame), sig));
 * ```
 */
export function routedSignedPart(m: Routed): Uint8Array {
  return encodeValue(
    [
      m.type,
      m.from!,
      m.to!,
      m.id!,
      (m.type === "request" ? m.actor : undefined) ?? null,
      m.ts ?? 0,
      m.payload,
    ] as never,
  );
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
 * // Not run: needs a RouterHost (the node); tests/protocols/routing/ drives one.
 * const router = new Router(host);
 * await router.send({ kind: "request", target, payload: { q: 1 }, timeoutMs: 5000 });
 * ```
 */
export class Router {
  readonly #host: RouterHost;
  readonly #routes = new Map<string, string>();
  /** Origins whose route is being learned (a frame's signature check; bounded by the crypto budget). */
  readonly #learning = new Map<string, Promise<void>>();
  /** Relays that stayed silent on a frame of ours, until when they are tried last. */
  readonly #silentUntil = new Map<string, number>();
  readonly #pending = new PendingReplies<unknown, Outgoing>();
  readonly #seen = new SeenWindow();
  readonly #newOrigins = new OriginBudget();
  #nextId = Date.now() * 1000;

  constructor(host: RouterHost) {
    this.#host = host;
  }

  /** Known relay for each node reached (or heard from) through one. */
  routes(): ReadonlyMap<string, string> {
    return this.#routes;
  }

  /**
   * Delivers through relays and resolves with the reply (null for a message).
   * Tries, in turn: the target's own servers we have sessions with, one of
   * them dialed, the relay that last carried the target's verified traffic,
   * then every other server-mode peer; the next one when a relay refuses or
   * stays silent. Rejects with the last relay's refusal (`UnknownPeerError`,
   * `OverloadedError`) when every relay refused, `TimeoutError` when no
   * answer came in time.
   */
  async send(options: RouteOptions): Promise<unknown> {
    const { target, timeoutMs, signal } = options;
    if (signal?.aborted) throw abortError(signal);
    let via = this.#host.viaOf(target);
    if (!via.length && !this.#routes.has(target)) {
      // A leaf holds only the records of nodes it can dial: ask for the target's.
      await this.#host.lookup(target);
      via = this.#host.viaOf(target);
    }
    const msg = await this.#signed(options);
    const delivery: Outgoing = {
      id: msg.id!,
      target,
      relays: new Set(),
      refused: new Set(),
      searching: true,
    };
    const reply = this.#pending.wait(msg.id!, delivery, {
      timeoutMs,
      signal,
      timeoutMessage: () =>
        `no reply from ${target} within ${timeoutMs} ms (relays tried: ${
          [...delivery.relays].join(", ") || "none"
        })`,
    });
    let settled = false;
    const done = reply.then(() => (settled = true), () => (settled = true));
    const silenceMs = Math.min(MAX_SILENCE_MS, Math.max(MIN_SILENCE_MS, timeoutMs / 4));
    const candidates = this.#candidates(target, via);
    const over = done.then(() => ({ done: true as const, value: undefined }));
    while (!settled) {
      // A dial of the next candidate must not hold a reply that already came.
      const next = await Promise.race([candidates.next(), over]);
      if (next.done) break;
      const relay = next.value;
      const woken = new Promise<void>((r) => (delivery.wake = r));
      delivery.relays.add(relay.id);
      relay.send(msg).catch((err) => this.#refused(msg.id!, relay.id, err));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = await Promise.race([
        done.then(() => false),
        woken.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), silenceMs))),
      ]);
      clearTimeout(timer);
      if (silent && !settled) {
        this.#silentUntil.set(relay.id, performance.now() + SILENT_DEMOTION_MS);
      }
    }
    void candidates.return(undefined).catch(() => {});
    delivery.searching = false;
    if (!settled) this.#giveUpIfRefused(msg.id!);
    return await reply;
  }

  /** A new routed frame of ours, stamped and signed. */
  async #signed(o: RouteOptions): Promise<Routed> {
    const msg = {
      type: o.kind,
      id: ++this.#nextId,
      from: this.#host.identity.id,
      to: o.target,
      payload: o.payload,
      hops: 0,
      ts: Date.now(),
    } as Routed;
    if (o.actor !== undefined) {
      if (msg.type !== "request") throw new TypeError("an actor is addressed by a request");
      msg.actor = o.actor;
    }
    msg.sig = await this.#host.identity.sign("message", routedSignedPart(msg));
    return msg;
  }

  /**
   * Relays to try for `target`, best first: its signed servers we have
   * sessions with, then those dialed, the learned route, any other relay.
   */
  async *#candidates(target: string, via: readonly string[]): AsyncGenerator<RouteLink> {
    const tried = new Set<string>([target]);
    const fresh = (l: RouteLink | undefined): l is RouteLink => {
      if (!l || tried.has(l.id)) return false;
      tried.add(l.id);
      return true;
    };
    // Nearest first (measured RTT; unmeasured last): a client attached to several
    // servers uses the closest, and the next one when it fails or stays silent.
    const near = via.map((id) => this.#relayLink(id)).filter((l) => l !== undefined);
    for (const l of this.#nearestFirst(near)) if (fresh(l)) yield l;
    for (const id of via) {
      if (tried.has(id)) continue;
      const l = await this.#host.dialRelay(id).catch(() => undefined);
      if (fresh(l)) yield l;
    }
    const learned = this.#relayLink(this.#routes.get(target));
    if (fresh(learned)) yield learned;
    for (const relay of this.#nearestFirst(this.#host.relays())) if (fresh(relay)) yield relay;
  }

  /**
   * `links` by measured round-trip time (unmeasured after measured), with
   * relays that recently stayed silent on a frame of ours last: a dead or cut
   * relay costs one silence period, not one per frame until keep-alive notices.
   */
  #nearestFirst(links: RouteLink[]): RouteLink[] {
    const now = performance.now();
    const rank = (l: RouteLink) => {
      const silent = (this.#silentUntil.get(l.id) ?? 0) > now;
      return (silent ? 1e9 : 0) + (l.rttMs ?? 1e6);
    };
    return [...links].sort((a, b) => rank(a) - rank(b));
  }

  /** Relay `relayId` refused our frame `id` (or its session failed): try the next one. */
  #refused(id: number, relayId: string, err: Error): void {
    const entry = this.#pending.get(id);
    if (!entry || !entry.extra.relays.has(relayId)) return;
    entry.extra.refused.add(relayId);
    entry.extra.lastRefusal = err;
    entry.extra.wake?.();
    this.#giveUpIfRefused(id);
  }

  /** Rejects `id` once no relay is left to try and every relay it went through refused. */
  #giveUpIfRefused(id: number): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    const d = entry.extra;
    if (d.searching || d.refused.size < d.relays.size) return;
    entry.reject(
      d.lastRefusal ??
        new UnknownPeerError(`no session with ${d.target.slice(0, 60)} and no relay reaches it`),
    );
  }

  /** Handles a frame carrying `to`: forwards it, or accepts it as routed to us. */
  handle(link: RouteLink, msg: Routed | Response): void {
    const me = this.#host.identity.id;
    if (msg.to !== me) return this.#forward(link, msg);
    if (msg.from === undefined || typeof msg.id !== "number" || !msg.sig) {
      return this.#bad(link, new SignatureError(`unsigned routed ${msg.type} from ${link.id}`));
    }
    if (msg.type === "response") this.#onResponse(link, msg);
    else this.#onRouted(link, msg);
  }

  /** The live session with `id` if that peer relays (not client mode), except `not`. */
  #relayLink(id: string | undefined, not?: RouteLink): RouteLink | undefined {
    const l = id === undefined ? undefined : this.#host.link(id);
    return l && l !== not && l.mode !== "client" ? l : undefined;
  }

  /** The session a frame for `to` goes out on next (never back where it came from). */
  #nextHop(to: string, from: RouteLink): RouteLink | undefined {
    const direct = this.#host.link(to);
    if (direct && direct !== from) return direct;
    for (const server of this.#host.viaOf(to)) {
      const l = this.#relayLink(server, from);
      if (l) return l;
    }
    return this.#relayLink(this.#routes.get(to), from);
  }

  #forward(link: RouteLink, msg: Routed | Response): void {
    const learning = this.#learning.get(msg.to!);
    if (learning && !(this.#host.relaying && this.#nextHop(msg.to!, link))) {
      // The way to `to` is being learned from a frame of its now: decide once that is done.
      return void learning.then(() => this.#forwardNow(link, msg));
    }
    this.#forwardNow(link, msg);
  }

  #forwardNow(link: RouteLink, msg: Routed | Response): void {
    const next = this.#host.relaying ? this.#nextHop(msg.to!, link) : undefined;
    const hops = msg.hops ?? 0;
    // The way back to the origin (for its replies, and frames to it) is the way it came,
    // once the origin's signature on the frame proves it came from there.
    const from = msg.from;
    if (from && from !== link.id && !this.#host.link(from) && this.#routes.get(from) !== link.id) {
      this.#learn(link, msg);
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
    } else if (next.backlogged) {
      // The target is not draining what we already queued for it: refuse rather than buffer
      // without bound (the sender gets a typed error and may retry later).
      this.#host.metrics.errors++;
      this.#host.logger.debug("relay backlogged", { to: msg.to, queued: next.queuedBytes });
      error = { code: OverloadedError.code, message: `relay backlog for ${msg.to} is full` };
    } else {
      this.#host.metrics.messagesRelayed++;
      next.send({ ...msg, hops: hops + 1 }).catch((err) =>
        this.#host.logger.debug("relay failed", { err })
      );
      return;
    }
    if (msg.type !== "response" && typeof msg.id === "number" && msg.from) {
      this.#refuse(link, msg.from, msg.id, error, `unroutable ${msg.type}`);
    }
  }

  /**
   * Learns that `msg.from` is reached through `link` if the origin's
   * signature on `msg` verifies (and a routed frame is fresh). Runs beside
   * the forwarding, bounded by the link's crypto budget (shed: not learned).
   */
  #learn(link: RouteLink, msg: Routed | Response): void {
    const from = msg.from!;
    if (!msg.sig) return;
    if (msg.type !== "response" && this.#seen.check(from, msg.id ?? 0, msg.ts ?? 0) === "stale") {
      return;
    }
    const checking = link.cryptoBounded(() =>
      msg.type === "response"
        ? verify(from, "response", responsePart(msg), msg.sig!)
        : verify(from, "message", routedSignedPart(msg), msg.sig!)
    );
    if (!checking) return;
    // Until it is verified, frames to `from` wait for it (see #forward): the target's reply
    // can come back before the signature check of the frame it answers has finished.
    const learned: Promise<void> = checking.then(
      (valid) => void (valid && !this.#host.link(from) && this.#remember(from, link.id)),
      () => {},
    ).finally(() => {
      if (this.#learning.get(from) === learned) this.#learning.delete(from);
    });
    this.#learning.set(from, learned);
  }

  /**
   * Counts a frame dropped because too many of the peer's signatures are
   * being checked, or because it introduced too many new origins (logged at
   * debug level: under a flood, one line per frame would be a second flood).
   */
  shed(link: RouteLink, what: string, reason = "too many signatures being checked"): void {
    this.#host.metrics.errors++;
    this.#host.logger.debug("frame dropped", { peer: link.id, what, reason });
  }

  /**
   * Answers routed frame `id` of `from` with a signed error. Bounded by the
   * link's crypto budget: a flood of frames to refuse must not queue signatures.
   */
  #refuse(link: RouteLink, from: string, id: number, error: WireError, what: string): void {
    const signing = link.cryptoBounded(() =>
      this.#reply(link, from, id, { error }).then(() => true)
    );
    if (!signing) this.shed(link, what);
  }

  async #onRouted(link: RouteLink, msg: Routed): Promise<void> {
    const from = msg.from!, id = msg.id!;
    if (msg.ts === undefined) {
      return this.#bad(link, new ProtocolError(`routed ${msg.type} from ${from} has no timestamp`));
    }
    // The cheap checks first: a duplicate or stale frame costs no signature check.
    if (!this.#admit(link, msg, this.#seen.check(from, id, msg.ts))) return;
    if (!this.#seen.knows(from) && !this.#newOrigins.take(link)) {
      return this.shed(link, `routed ${msg.type}`, "too many new origins from this peer");
    }
    try {
      const checking = link.cryptoBounded(() =>
        verify(from, "message", routedSignedPart(msg), msg.sig!)
      );
      if (!checking) return this.shed(link, `routed ${msg.type}`);
      if (!(await checking)) throw new SignatureError("bad signature");
    } catch (err) {
      return this.#bad(
        link,
        new SignatureError(`forged routed ${msg.type} claiming origin ${from}`, { cause: err }),
      );
    }
    if (!this.#admit(link, msg, this.#seen.add(from, id, msg.ts))) return;
    if (!this.#host.link(from)) this.#remember(from, link.id);
    this.#host.metrics.messagesReceived++;
    const { type: kind, payload } = msg;
    const actor = msg.type === "request" ? msg.actor : undefined;
    const outcome = await outcomeOf(() =>
      this.#host.deliver({ kind, from, via: link.id, actor, payload })
    );
    // A message is acknowledged, not answered.
    this.#reply(
      link,
      from,
      id,
      "error" in outcome || kind === "request" ? outcome : { payload: null },
    );
  }

  /** Acts on the replay window's verdict for a routed frame; true if it may go on. */
  #admit(link: RouteLink, msg: Routed, verdict: string): boolean {
    const from = msg.from!, id = msg.id!;
    switch (verdict) {
      case "new":
        return true;
      case "duplicate":
        // A sender that found a relay silent sends the same frame through another: routine.
        this.#host.logger.debug("duplicate routed frame", { peer: link.id, from, id });
        return false;
      case "stale": {
        const err = new StaleError(
          `routed ${msg.type} from ${from} dated ${msg.ts} is outside the freshness window ` +
            `(local clock ${Date.now()})`,
        );
        this.#bad(link, err);
        this.#refuse(link, from, id, { code: StaleError.code, message: err.message }, "stale");
        return false;
      }
      default: { // full
        const message = "replay window full of fresh origins";
        this.#bad(link, new OverloadedError(`${message}: refused ${msg.type} from ${from}`));
        this.#refuse(link, from, id, { code: OverloadedError.code, message }, "window full");
        return false;
      }
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
  async #reply(link: RouteLink, to: string, id: number, outcome: Outcome): Promise<void> {
    const send = async (o: Outcome) => {
      const res: Response = { type: "response", id, from: this.#host.identity.id, to, hops: 0 };
      if ("error" in o) res.error = o.error;
      else res.payload = o.payload;
      res.sig = await this.#host.identity.sign("response", responsePart(res));
      await link.send(res);
    };
    const fields = { to, routed: true };
    const logger = this.#host.logger;
    if (await sendOutcome(send, outcome, { logger, fields })) this.#host.metrics.errors++;
  }

  async #onResponse(link: RouteLink, msg: Response): Promise<void> {
    const entry = this.#pending.get(msg.id);
    if (!entry) return void this.#host.logger.debug("late routed response", { id: msg.id });
    const target = entry.extra.target;
    // Only the target may answer; a relay on the way (signing as itself) may answer only
    // that it cannot reach it, or that its backlog for it is full: at worst that makes the
    // sender try another relay, which any relay could cause by dropping the frame anyway.
    const code = msg.error?.code;
    const fromRelay = msg.from !== target &&
      (code === UnknownPeerError.code || code === OverloadedError.code);
    if (msg.from !== target && !fromRelay) {
      return this.#bad(
        link,
        new SignatureError(`routed response from ${msg.from} for a request to ${target}`),
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
    if (fromRelay) {
      // Counted once per relay the frame went out through, so a relay cannot talk us out of
      // the paths it is not on.
      const err = code === UnknownPeerError.code
        ? new UnknownPeerError(msg.error!.message)
        : new OverloadedError(msg.error!.message);
      return this.#refused(msg.id, link.id, err);
    }
    // A verified answer to our own request: the way it came is a way to the target.
    if (link.id !== target && !this.#host.link(target)) this.#remember(target, link.id);
    if (!msg.error) return entry.resolve(msg.payload ?? null);
    entry.reject(this.#host.remoteError(msg.error));
  }

  #bad(link: RouteLink, err: Error): void {
    this.#host.metrics.errors++;
    this.#host.logger[link.mayWarn() ? "warn" : "debug"]("refused routed frame", {
      peer: link.id,
      err,
    });
  }

  /** Moves frames that went out through `relayId` on to other relays (its session ended). */
  relayLost(relayId: string): void {
    this.#silentUntil.delete(relayId);
    for (const entry of this.#pending.values()) {
      if (!entry.extra.relays.has(relayId)) continue;
      // The frame may have been delivered: the same signed frame through another relay is
      // refused by the target as a duplicate, so it still runs at most once.
      this.#refused(
        entry.extra.id,
        relayId,
        new SessionClosedError(`relay ${relayId} went away before ${entry.extra.target} answered`),
      );
    }
    for (const [target, relay] of this.#routes) if (relay === relayId) this.#routes.delete(target);
  }
}
