/**
 * Plumtree broadcast (Leitão, Pereira, Rodrigues, "Epidemic Broadcast Trees",
 * SRDS 2007): each broadcast travels in full along a spanning tree that the
 * first copies carve out of the mesh, and only as a short announcement
 * (`ihave`) over every other link, so a node receives about one payload copy
 * per broadcast instead of one per link.
 *
 * Every link starts *eager* (full copies). A duplicate copy marks a redundant
 * path: the receiver makes the sender *lazy* and says `prune`, after which
 * that sender only announces. A node that hears of a broadcast only by
 * announcement waits `graftTimeoutMs` for the full copy, then asks the
 * announcer for it with `graft`, which also makes that link eager again: the
 * tree repairs itself where a link or node was lost. Peers in `client` mode
 * (browsers, leaves) are never pruned by this side.
 *
 * Everything is bounded: announcements are batched per link, the table of
 * announced-but-missing broadcasts is capped in total and per announcing
 * peer, the re-send cache by count, bytes and age, and one timer serves the
 * whole table. This file is transport-free (links are opaque objects); the
 * node wires it to sessions (`node.ts`). Origin signatures are checked before
 * anything here sees a broadcast.
 *
 * @module
 */
import type {
  BroadcastMessage,
  GraftMessage,
  IhaveMessage,
  PruneMessage,
} from "../../codec/messages.ts";
import { encodeMessage } from "../../codec/messages.ts";
import { OverloadedError, ProtocolError } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import { nextHop } from "./broadcast.ts";
import { RecentBroadcasts, type RecentBroadcastsOptions } from "./cache.ts";
import type { NodeMetrics } from "../../metrics.ts";

/** Control messages of the tree. */
export type TreeControl = IhaveMessage | GraftMessage | PruneMessage;

/** What the tree needs to know of a link (a `PeerLink` is one). */
export interface TreeLink {
  /** Peer node id. */
  readonly id: string;
  /** Peer network mode: `client` peers are leaves and stay eager. */
  readonly mode: string;
}

/** Most sequence numbers in one `ihave` or `graft`; more is a protocol error. */
export const MAX_TREE_IDS = 256;
/** Announcers remembered per missing broadcast (tried in turn). */
const MAX_ANNOUNCERS = 4;

/** Options of {@linkcode Plumtree}. */
export interface PlumtreeOptions<L extends TreeLink> {
  /** The links broadcasts go out on now (live, not retiring). */
  links(): Iterable<L>;
  /** Queues an encoded broadcast on `link`; false if skipped (backlogged): it is announced instead. */
  sendBody(link: L, body: Uint8Array): boolean;
  /** Queues a control message on `link` (best effort). */
  sendControl(link: L, msg: TreeControl): void;
  /** Whether the broadcast (origin, seq) was already received. */
  seen(origin: string, seq: number): boolean;
  /**
   * Whether a copy of (origin, seq) is being checked (its signature) now: no
   * graft then, the wait starts over. A busy node would otherwise graft what
   * it already holds in its verification queue.
   */
  checking?(origin: string, seq: number): boolean;
  /** Reports input from `link` that breaks the protocol or its bounds (counted, logged). */
  bad(link: L, err: Error): void;
  /** Counters to update. */
  metrics?: Pick<NodeMetrics, "broadcastsSent" | "broadcastsPruned" | "broadcastsGrafted">;
  /** Debug logging (grafts that could not be answered). */
  logger?: Logger;
  /** Wait for the full copy of an announced broadcast before grafting, in ms. Default 50. */
  graftTimeoutMs?: number;
  /** Announcements are sent in batches at least this often, in ms. Default 20. */
  ihaveFlushMs?: number;
  /** Announcements queued for one link that trigger an immediate batch. Default 64. */
  ihaveBatch?: number;
  /** Most announced-but-missing broadcasts tracked. Default 4096. */
  maxMissing?: number;
  /** Most of those one peer's announcements may occupy. Default 1024. */
  maxMissingPerLink?: number;
  /** Bounds of the re-send cache. */
  cache?: RecentBroadcastsOptions;
}

interface LinkState {
  lazy: boolean;
  /** Announcements waiting for the next batch, by origin. */
  queue?: Map<string, number[]>;
  queued: number;
  /** Missing-table entries listing this link as an announcer. */
  pending: number;
}

interface Missing<L> {
  origin: string;
  seq: number;
  /** Announcers not yet asked, in arrival order. */
  announcers: L[];
  deadline: number;
}

const keyOf = (origin: string, seq: number) => `${origin} ${seq}`;

/**
 * The Plumtree state of one node.
 *
 * @example
 * ```ts
 * import { Plumtree } from "./plumtree.ts";
 * const sent: string[] = [];
 * const peer = { id: "p", mode: "hybrid" };
 * const tree = new Plumtree({
 *   links: () => [peer],
 *   sendBody: () => (sent.push("full"), true),
 *   sendControl: (_l, m) => void sent.push(m.type),
 *   seen: () => true,
 *   bad: () => {},
 * });
 * const msg = { type: "broadcast", origin: "o", seq: 1, payload: 1, ttl: 8, sig: new Uint8Array(64) } as const;
 * tree.receive(peer, msg, "duplicate"); // a redundant path: peer becomes lazy
 * console.assert(tree.isLazy(peer) && sent.join() === "prune");
 * tree.close();
 * ```
 */
export class Plumtree<L extends TreeLink> {
  readonly #o: PlumtreeOptions<L>;
  readonly #graftMs: number;
  readonly #flushMs: number;
  readonly #batch: number;
  readonly #maxMissing: number;
  readonly #maxPerLink: number;
  readonly #cache: RecentBroadcasts<L>;
  /** Weak: a link replaced as a duplicate session is never reported lost. */
  readonly #states = new WeakMap<L, LinkState>();
  /** Links with queued announcements. */
  readonly #dirty = new Set<L>();
  /** Insertion order is deadline order (every deadline is now + graftTimeoutMs). */
  readonly #missing = new Map<string, Missing<L>>();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #graftTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(options: PlumtreeOptions<L>) {
    this.#o = options;
    this.#graftMs = positive("graftTimeoutMs", options.graftTimeoutMs ?? 50);
    this.#flushMs = positive("ihaveFlushMs", options.ihaveFlushMs ?? 20);
    this.#batch = Math.min(MAX_TREE_IDS, positive("ihaveBatch", options.ihaveBatch ?? 64));
    this.#maxMissing = positive("maxMissing", options.maxMissing ?? 4096);
    this.#maxPerLink = positive("maxMissingPerLink", options.maxMissingPerLink ?? 1024);
    this.#cache = new RecentBroadcasts(options.cache);
  }

  /** Whether `link` only gets announcements. */
  isLazy(link: L): boolean {
    return this.#states.get(link)?.lazy ?? false;
  }

  /** Announced broadcasts still missing (waiting for a copy or a graft answer). */
  get missing(): number {
    return this.#missing.size;
  }

  /** Broadcasts kept for answering grafts. */
  get cached(): number {
    return this.#cache.size;
  }

  #state(link: L): LinkState {
    let st = this.#states.get(link);
    if (!st) this.#states.set(link, st = { lazy: false, queued: 0, pending: 0 });
    return st;
  }

  /** Sends this node's own new broadcast. */
  publish(msg: BroadcastMessage): void {
    if (this.#closed) return;
    const body = encodeMessage(msg);
    this.#cache.add(msg.origin, msg.seq, body);
    this.#spread(msg, body);
  }

  /**
   * A broadcast from `link` whose signature checked out: `"ok"` if it is new
   * (it is passed on), `"duplicate"` if it was received before.
   */
  receive(link: L, msg: BroadcastMessage, verdict: "ok" | "duplicate"): void {
    if (this.#closed) return;
    const st = this.#state(link);
    if (verdict === "duplicate") {
      if (!st.lazy && link.mode !== "client") {
        st.lazy = true;
        if (this.#o.metrics) this.#o.metrics.broadcastsPruned++;
        this.#o.sendControl(link, { type: "prune" });
      }
      return;
    }
    st.lazy = false; // it pushed a full copy: it is a tree link (again)
    this.#resolve(keyOf(msg.origin, msg.seq));
    const next = nextHop(msg);
    const body = encodeMessage(next);
    this.#cache.add(next.origin, next.seq, body);
    this.#spread(next, body, link);
  }

  /** Full copies to eager links, announcements to lazy ones (and to backlogged eager ones). */
  #spread(msg: BroadcastMessage, body: Uint8Array, from?: L): void {
    for (const link of this.#o.links()) {
      if (link === from || link.id === msg.origin) continue;
      const st = this.#state(link);
      if (!st.lazy && this.#o.sendBody(link, body)) {
        if (this.#o.metrics) this.#o.metrics.broadcastsSent++;
      } else this.#announce(link, st, msg.origin, msg.seq);
    }
  }

  #announce(link: L, st: LinkState, origin: string, seq: number): void {
    st.queue ??= new Map();
    const seqs = st.queue.get(origin);
    if (seqs) seqs.push(seq);
    else st.queue.set(origin, [seq]);
    if (++st.queued >= this.#batch) return this.#flushLink(link, st);
    this.#dirty.add(link);
    this.#flushTimer ??= setTimeout(() => this.#flush(), this.#flushMs);
  }

  #flushLink(link: L, st: LinkState): void {
    this.#dirty.delete(link);
    if (!st.queue) return;
    for (const [origin, seqs] of st.queue) {
      this.#o.sendControl(link, { type: "ihave", origin, seqs });
    }
    st.queue.clear();
    st.queued = 0;
  }

  #flush(): void {
    this.#flushTimer = undefined;
    for (const link of this.#dirty) {
      const st = this.#states.get(link);
      if (st) this.#flushLink(link, st);
    }
    this.#dirty.clear();
  }

  /** `link` announced broadcasts: those not received yet are waited for, then grafted. */
  ihave(link: L, msg: IhaveMessage): void {
    if (this.#closed) return;
    if (msg.seqs.length > MAX_TREE_IDS) {
      return this.#o.bad(link, new ProtocolError(`ihave with ${msg.seqs.length} ids`));
    }
    const st = this.#state(link);
    const deadline = performance.now() + this.#graftMs;
    let refused = 0;
    for (const seq of msg.seqs) {
      if (this.#o.seen(msg.origin, seq)) continue;
      const key = keyOf(msg.origin, seq);
      const entry = this.#missing.get(key);
      if (st.pending >= this.#maxPerLink) refused++;
      else if (entry) {
        if (entry.announcers.length < MAX_ANNOUNCERS && !entry.announcers.includes(link)) {
          entry.announcers.push(link);
          st.pending++;
        }
      } else if (this.#missing.size < this.#maxMissing) {
        this.#missing.set(key, { origin: msg.origin, seq, announcers: [link], deadline });
        st.pending++;
      }
    }
    if (refused) {
      this.#o.bad(link, new OverloadedError(`${refused} announcements over the per-peer bound`));
    }
    this.#arm();
  }

  /** `link` asks for broadcasts it was announced, and for full copies from now on. */
  graft(link: L, msg: GraftMessage): void {
    if (this.#closed) return;
    if (msg.seqs.length > MAX_TREE_IDS) {
      return this.#o.bad(link, new ProtocolError(`graft with ${msg.seqs.length} ids`));
    }
    this.#state(link).lazy = false;
    let missed = 0;
    for (const seq of msg.seqs) {
      const body = this.#cache.forGraft(msg.origin, seq, link);
      if (body && this.#o.sendBody(link, body)) {
        if (this.#o.metrics) this.#o.metrics.broadcastsSent++;
      } else missed++;
    }
    if (missed) {
      this.#o.logger?.debug("graft not answered (not cached, answered before or backlogged)", {
        peer: link.id,
        missed,
      });
    }
  }

  /** `link` got a duplicate from us: announce to it from now on. */
  prune(link: L): void {
    if (this.#closed) return;
    this.#state(link).lazy = true;
  }

  /** `link` is gone: forget it; broadcasts it announced fall back to other announcers. */
  linkLost(link: L): void {
    this.#states.delete(link);
    this.#dirty.delete(link);
    for (const [key, entry] of this.#missing) {
      const i = entry.announcers.indexOf(link);
      if (i < 0) continue;
      entry.announcers.splice(i, 1);
      if (!entry.announcers.length) this.#missing.delete(key);
    }
  }

  /** The broadcast arrived: stop waiting for it. */
  #resolve(key: string): void {
    const entry = this.#missing.get(key);
    if (!entry) return;
    this.#missing.delete(key);
    this.#release(entry.announcers);
  }

  #release(announcers: L[]): void {
    for (const link of announcers) {
      const st = this.#states.get(link);
      if (st) st.pending--;
    }
  }

  /** One timer for the whole table, set for its first (earliest) deadline. */
  #arm(): void {
    if (this.#graftTimer !== undefined || this.#closed) return;
    const first = this.#missing.values().next();
    if (first.done) return;
    const wait = Math.max(0, first.value.deadline - performance.now());
    this.#graftTimer = setTimeout(() => this.#expire(), wait);
  }

  /** Grafts what is still missing at its deadline, from its next announcer. */
  #expire(): void {
    this.#graftTimer = undefined;
    const now = performance.now();
    const grafts = new Map<L, Map<string, number[]>>();
    const again: Array<[string, Missing<L>]> = [];
    for (const [key, entry] of this.#missing) {
      if (entry.deadline > now) break;
      this.#missing.delete(key);
      if (this.#o.seen(entry.origin, entry.seq)) {
        this.#release(entry.announcers);
        continue;
      }
      if (this.#o.checking?.(entry.origin, entry.seq)) {
        entry.deadline = now + this.#graftMs;
        again.push([key, entry]);
        continue;
      }
      const link = entry.announcers.shift()!;
      this.#release([link]);
      // Grafting makes the link eager on both sides: it is the repaired tree link.
      this.#state(link).lazy = false;
      let byOrigin = grafts.get(link);
      if (!byOrigin) grafts.set(link, byOrigin = new Map());
      const seqs = byOrigin.get(entry.origin);
      if (seqs) seqs.push(entry.seq);
      else byOrigin.set(entry.origin, [entry.seq]);
      if (this.#o.metrics) this.#o.metrics.broadcastsGrafted++;
      if (entry.announcers.length) {
        entry.deadline = now + this.#graftMs;
        again.push([key, entry]);
      }
    }
    for (const [key, entry] of again) this.#missing.set(key, entry);
    for (const [link, byOrigin] of grafts) {
      for (const [origin, seqs] of byOrigin) {
        for (let i = 0; i < seqs.length; i += MAX_TREE_IDS) {
          this.#o.sendControl(link, {
            type: "graft",
            origin,
            seqs: seqs.slice(i, i + MAX_TREE_IDS),
          });
        }
      }
    }
    this.#arm();
  }

  /** Stops all timers and forgets all state. Idempotent. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#graftTimer);
    this.#flushTimer = this.#graftTimer = undefined;
    this.#dirty.clear();
    this.#missing.clear();
    this.#cache.clear();
  }
}

function positive(name: string, value: number): number {
  if (!(value >= 1) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a number >= 1, got ${value}`);
  }
  return value;
}
