/**
 * Automatic peer discovery: signed peer records gossiped over datagrams.
 *
 * - **Join**: on every new session both sides send their own record and a
 *   `discover` at once, so a node bootstrapped from one seed learns the seed's
 *   whole view in one round trip, and the seed learns the newcomer.
 * - **Push**: a record new to a node (or newer than the one it held) is passed
 *   on to up to `PUSH_FANOUT` other peers at once, batched per tick; nodes that already hold it
 *   stop it without verifying it again.
 * - **Anti-entropy**: every `intervalMs` (jittered ±25%), a node asks one random
 *   peer with `discover { limit, filter }`, the filter a salted Bloom filter of
 *   the records it holds; the answer carries only records missing from it, in
 *   datagram-sized `discovery-response` batches (a batch too large for a
 *   datagram, or a session without datagrams, goes on the stream). Push-pull
 *   epidemic spreading like this reaches a full view in O(log N) rounds.
 * - **Trust**: records are signed by their subject and verified (bounded per
 *   peer) before use; a record already held at the same or a newer version is
 *   not verified again. Malformed, forged, expired or future-dated records are
 *   refused with a typed error and a log line; the session goes on.
 * - **Degree**: a dialing node keeps at least `minPeers` sessions, dialing random
 *   discovered peers (with per-peer backoff after failures), so the mesh stays
 *   connected when a seed goes away.
 * - **Failure detection**: records expire after `RECORD_TTL_MS` unless their
 *   node re-signs them (every quarter of that); a peer that failed three dials
 *   in a row is no longer passed on.
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";
import { GeomeshError, ProtocolError } from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import type { Logger } from "../log.ts";
import type { NetworkMode } from "../node/config.ts";
import type { NodeMetrics } from "../node/metrics.ts";
import type { PeerLink } from "../node/peer.ts";
import { buildFilter, filterTest, recordKey } from "./filter.ts";
import { parseAddress } from "../node/address.ts";
import {
  checkAge,
  createRecord,
  MAX_VIA,
  type PeerRecord,
  readRecord,
  RECORD_TTL_MS,
  verifyRecord,
} from "./record.ts";
import { type PeerEntry, PeerTable } from "./table.ts";

/** Most records sent in answer to one `discover`, and accepted in one response. */
export const MAX_RECORDS_PER_ANSWER = 64;
/**
 * Peers each piece of news is pushed to (random ones when there are more):
 * enough that it reaches nearly every node in network time, while a record
 * costs O(N * fanout) datagrams mesh-wide whatever the degree; anti-entropy
 * rounds catch the rest.
 */
export const PUSH_FANOUT = 8;
/** Lookups (`discover { want }`) answered per peer and second; more are dropped. */
const LOOKUPS_PER_SECOND = 50;
/** A peer's `discover` is answered at most this often (ms); more are dropped. */
const MIN_ANSWER_INTERVAL_MS = 100;
/** Bytes of a response datagram beside its records (type, presence, array head). */
const RESPONSE_OVERHEAD = 8;
/** Largest filter put in a `discover` (it must fit in one datagram with room to spare). */
const MAX_FILTER_BYTES = 900;

type Discover = Extract<WireMessage, { type: "discover" }>;
type DiscoveryResponse = Extract<WireMessage, { type: "discovery-response" }>;

/** What discovery needs from its node. */
export interface DiscoveryHost {
  identity: NodeIdentity;
  logger: Logger;
  metrics: NodeMetrics;
  mode: NetworkMode;
  /** Anti-entropy round interval in ms. */
  intervalMs: number;
  /** Sessions a dialing node keeps up by dialing discovered peers (0: never dials). */
  minPeers: number;
  /** Peer table bound. */
  maxKnownPeers: number;
  /** This node's dialable address, or undefined (no listener: nothing to advertise). */
  address(): string | undefined;
  /** Usable sessions. */
  links(): PeerLink[];
  /** Whether a usable session with `id` exists. */
  linked(id: string): boolean;
  /** Dials a discovered peer (not re-dialed after loss: discovery picks again). */
  dial(address: string): Promise<string>;
  /** A new peer was learned. */
  discovered(entry: PeerEntry): void;
  /** A peer sent bad input (logged and counted by the node). */
  bad(link: PeerLink, err: unknown): void;
}

/**
 * The discovery engine of one node.
 *
 * @example
 * ```ts ignore
 * const discovery = new Discovery(host);
 * discovery.connected(link);                 // on every new session
 * discovery.handle(link, msg);               // discover / discovery-response
 * for (const e of discovery.table.entries()) console.log(e.id, e.address);
 * discovery.stop();
 * ```
 */
export class Discovery {
  /** Known peers (verified records). */
  readonly table: PeerTable;
  readonly #host: DiscoveryHost;
  #own?: PeerRecord;
  #signing?: Promise<PeerRecord | undefined>;
  #timer?: ReturnType<typeof setTimeout>;
  #stopped = false;
  readonly #lastAnswer = new WeakMap<PeerLink, number>();
  readonly #dialing = new Set<string>();
  /** Lookups waiting for a record, by node id. */
  readonly #waiters = new Map<string, Set<(found: boolean) => void>>();
  /** Lookups answered per peer in the current second. */
  readonly #lookups = new WeakMap<PeerLink, { since: number; count: number }>();
  /** Newly learned records waiting to be pushed on, with the peer each came from. */
  #outbox: Array<{ record: PeerRecord; from: string }> = [];
  /**
   * Record versions already pushed (bounded, oldest forgotten first): in a mesh
   * larger than the table, an evicted record comes back as "new"; without this
   * it would circulate for ever.
   */
  readonly #pushed = new Set<string>();
  readonly #maxPushed: number;

  constructor(host: DiscoveryHost) {
    this.#host = host;
    this.table = new PeerTable({ max: host.maxKnownPeers, pinned: (id) => host.linked(id) });
    this.#maxPushed = Math.max(4096, 4 * host.maxKnownPeers);
    this.#schedule();
  }

  /** A new session: exchange own records and ask for the peer's view. */
  async connected(link: PeerLink): Promise<void> {
    this.table.dialSucceeded(link.id);
    const own = await this.#ownRecord();
    if (this.#stopped || link.retiring) return;
    if (own) this.#send(link, { type: "discovery-response", peers: [own.bytes] });
    this.#ask(link);
  }

  /**
   * A session ended. One closed for idleness is not redialed to keep the
   * degree (that would undo `idleTimeoutMs`); the peer stays known.
   */
  disconnected(id: string, idle: boolean): void {
    const entry = this.table.get(id);
    if (entry && idle) entry.retryAt = Date.now() + RECORD_TTL_MS;
    // A node reached through its servers tells the mesh it left one.
    if (this.#own?.via.includes(id)) {
      this.#ownRecord().catch((err) => this.#host.logger.warn("record refresh failed", { err }));
    }
  }

  /** Handles `discover` and `discovery-response` from `link` (datagram or stream). */
  handle(link: PeerLink, msg: Discover | DiscoveryResponse): void {
    if (this.#stopped) return;
    if (msg.type === "discover") this.#answer(link, msg);
    else void this.#learn(link, msg.peers);
  }

  /** The address `id` can be dialed at, from its record (undefined: unknown, or not dialable). */
  dialAddress(id: string): string | undefined {
    const entry = this.table.get(id);
    return entry && entry.mode !== "client" ? entry.address : undefined;
  }

  /** The servers `id` said it is attached to (empty when it can be dialed, or is unknown). */
  viaOf(id: string): readonly string[] {
    return this.table.get(id)?.via ?? [];
  }

  /** Re-signs this node's record now (its address or pins changed). */
  refresh(): void {
    this.#own = undefined;
  }

  /** Stops the rounds. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    for (const list of [...this.#waiters.values()]) for (const done of list) done(false);
  }

  #schedule(): void {
    if (this.#stopped) return;
    const jitter = 0.75 + Math.random() * 0.5;
    this.#timer = setTimeout(() => this.#round(), Math.round(this.#host.intervalMs * jitter));
  }

  async #round(): Promise<void> {
    try {
      for (const id of this.table.expire()) {
        this.#host.logger.debug("peer record expired", { peer: id });
      }
      await this.#ownRecord();
      const links = this.#host.links();
      // Client-mode peers only know what servers told them: ask servers first.
      const servers = links.filter((l) => l.mode !== "client");
      const pool = servers.length ? servers : links;
      if (pool.length) this.#ask(pool[Math.floor(Math.random() * pool.length)]);
      this.#keepDegree();
    } catch (err) {
      this.#host.logger.warn("discovery round failed", { err });
    } finally {
      this.#schedule();
    }
  }

  /**
   * This node's current record: re-signed when its address or attachments
   * changed or it is a quarter-TTL old, and then pushed to peers at once (so
   * routes to a client-mode node follow it, and nobody's copy expires).
   */
  async #ownRecord(): Promise<PeerRecord | undefined> {
    // A signing already running may be for an older state: look again after it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const want = this.#wantedRecord();
      const own = this.#own;
      if (!want) return this.#own = undefined;
      if (
        own && own.address === want.address && own.via.join() === want.via.join() &&
        Date.now() - own.issuedAt < RECORD_TTL_MS / 4
      ) return own;
      if (this.#signing) {
        await this.#signing;
        continue;
      }
      this.#signing = createRecord(
        this.#host.identity,
        want.address,
        this.#host.mode,
        Date.now(),
        want.via,
      ).then((rec) => {
        this.#own = rec;
        this.#push(rec, "");
        return rec;
      }).finally(() => (this.#signing = undefined));
      await this.#signing;
    }
    return this.#own;
  }

  /** What this node's record should say: its address, or for a node without a host the servers it is attached to. */
  #wantedRecord(): { address: string; via: string[] } | undefined {
    const address = this.#host.address();
    if (!address) return undefined;
    if (parseAddress(address).host !== undefined) return { address, via: [] };
    const via = this.#host.links().filter((l) => l.mode !== "client").map((l) => l.id).sort()
      .slice(0, MAX_VIA);
    return via.length ? { address, via } : undefined;
  }

  #ask(link: PeerLink): void {
    const keys = [...this.table.entries()].map((e) => recordKey(e.id, e.issuedAt));
    const max = link.session.datagrams.maxDatagramSize;
    // Keep the filter well inside one datagram; without datagrams it goes on the stream.
    const room = max ? Math.min(MAX_FILTER_BYTES, max - 32) : MAX_FILTER_BYTES;
    const msg: Discover = { type: "discover", limit: MAX_RECORDS_PER_ANSWER };
    if (keys.length && room > 16) msg.filter = buildFilter(keys, room);
    this.#send(link, msg);
  }

  #answer(link: PeerLink, msg: Discover): void {
    if (msg.want !== undefined) return this.#answerLookup(link, msg.want);
    const now = performance.now();
    if (now - (this.#lastAnswer.get(link) ?? -Infinity) < MIN_ANSWER_INTERVAL_MS) {
      return this.#host.logger.debug("discover too soon; not answered", { peer: link.id });
    }
    this.#lastAnswer.set(link, now);
    let has: (key: string) => boolean = () => false;
    if (msg.filter) {
      try {
        has = filterTest(msg.filter);
      } catch (err) {
        return this.#host.bad(link, err);
      }
    }
    const limit = Math.min(msg.limit ?? MAX_RECORDS_PER_ANSWER, MAX_RECORDS_PER_ANSWER);
    const out: Uint8Array[] = [];
    const leaf = link.mode === "client";
    const consider = (rec: PeerRecord) => {
      if (rec.id === link.id || (leaf && rec.mode === "client")) return;
      if (!has(recordKey(rec.id, rec.issuedAt))) out.push(rec.bytes);
    };
    if (this.#own) consider(this.#own);
    for (const e of this.table.shareable()) consider(e);
    shuffle(out);
    this.#sendRecords(link, out.slice(0, limit));
  }

  /** Answers a lookup of one node's record (at most LOOKUPS_PER_SECOND per peer). */
  #answerLookup(link: PeerLink, id: string): void {
    const now = performance.now();
    const budget = this.#lookups.get(link);
    if (!budget || now - budget.since > 1000) this.#lookups.set(link, { since: now, count: 1 });
    else if (++budget.count > LOOKUPS_PER_SECOND) {
      return this.#host.logger.debug("too many lookups; not answered", { peer: link.id });
    }
    const rec = id === this.#host.identity.id ? this.#own : this.table.get(id);
    if (rec) this.#sendRecords(link, [rec.bytes]);
  }

  /**
   * Asks up to three server peers for `id`'s record (a leaf holds only the
   * records of nodes it can dial) and resolves once it is held, or after
   * `timeoutMs` (false).
   */
  lookup(id: string, timeoutMs = 500): Promise<boolean> {
    if (this.table.get(id)) return Promise.resolve(true);
    const servers = this.#host.links().filter((l) => l.mode !== "client" && l.id !== id);
    if (this.#stopped || !servers.length) return Promise.resolve(false);
    shuffle(servers);
    for (const link of servers.slice(0, 3)) {
      this.#send(link, { type: "discover", limit: 1, want: id });
    }
    return new Promise((resolve) => {
      const done = (found: boolean) => {
        clearTimeout(timer);
        const list = this.#waiters.get(id);
        list?.delete(done);
        if (list && !list.size) this.#waiters.delete(id);
        resolve(found);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      const list = this.#waiters.get(id) ?? new Set();
      list.add(done);
      this.#waiters.set(id, list);
    });
  }

  /** Sends records in as few datagram-sized responses as they fit in. */
  #sendRecords(link: PeerLink, records: Uint8Array[]): void {
    const max = link.session.datagrams.maxDatagramSize || 0;
    let batch: Uint8Array[] = [];
    let size = RESPONSE_OVERHEAD;
    const flush = () => {
      if (batch.length) this.#send(link, { type: "discovery-response", peers: batch });
      batch = [];
      size = RESPONSE_OVERHEAD;
    };
    for (const rec of records) {
      const cost = rec.length + 3;
      if (batch.length && size + cost > max) flush();
      batch.push(rec);
      size += cost;
    }
    flush();
  }

  /** As a datagram when it fits, else on the stream (still best effort). */
  #send(link: PeerLink, msg: WireMessage): void {
    if (link.datagram(msg)) return;
    link.channel.send(msg).catch((err) =>
      this.#host.logger.debug("discovery message not sent", { peer: link.id, err })
    );
  }

  async #learn(link: PeerLink, records: Uint8Array[]): Promise<void> {
    if (records.length > MAX_RECORDS_PER_ANSWER) {
      this.#host.bad(link, new ProtocolError(`discovery response with ${records.length} records`));
      records = records.slice(0, MAX_RECORDS_PER_ANSWER);
    }
    const now = Date.now();
    let learned = false;
    await Promise.all(records.map(async (bytes) => {
      try {
        const { record } = readRecord(bytes);
        if (record.id === this.#host.identity.id || this.table.holds(record.id, record.issuedAt)) {
          return;
        }
        checkAge(record, now);
        let verified: PeerRecord | undefined;
        const checking = link.cryptoBounded(() =>
          verifyRecord(bytes, now).then((r) => !!(verified = r))
        );
        if (!checking) return this.#host.logger.debug("peer record shed", { peer: link.id });
        await checking;
        if (!verified || this.#stopped) return;
        const result = this.table.put(verified);
        if (result === "new" || result === "updated") {
          this.#push(verified, link.id);
          for (const done of this.#waiters.get(verified.id) ?? []) done(true);
        }
        if (result === "new") {
          learned = true;
          this.#host.metrics.peersDiscovered++;
          this.#host.discovered(this.table.get(verified.id)!);
        }
      } catch (err) {
        if (err instanceof GeomeshError) this.#host.bad(link, err);
        else throw err;
      }
    }));
    if (learned) this.#keepDegree();
  }

  /**
   * Queues a newly learned record to be pushed to {@linkcode PUSH_FANOUT} other
   * peers (batched per tick): news spreads through the mesh in network time instead of
   * waiting for anti-entropy rounds, and stops at nodes that already hold it.
   */
  #push(record: PeerRecord, from: string): void {
    const key = recordKey(record.id, record.issuedAt);
    if (this.#pushed.has(key)) return;
    this.#pushed.add(key);
    if (this.#pushed.size > this.#maxPushed) {
      this.#pushed.delete(this.#pushed.values().next().value!);
    }
    if (this.#outbox.push({ record, from }) > 1) return;
    setTimeout(() => {
      const batch = this.#outbox;
      this.#outbox = [];
      if (this.#stopped) return;
      const links = this.#host.links();
      shuffle(links);
      // Each record goes to PUSH_FANOUT peers other than its source and subject.
      const sends = new Map<PeerLink, Uint8Array[]>();
      for (const { record, from } of batch) {
        let n = 0;
        for (const link of links) {
          if (n >= PUSH_FANOUT) break;
          if (link.id === from || link.id === record.id) continue;
          // Leaves get the records of nodes they can dial; others' they look up when needed.
          if (link.mode === "client" && record.mode === "client") continue;
          n++;
          const list = sends.get(link);
          if (list) list.push(record.bytes);
          else sends.set(link, [record.bytes]);
        }
      }
      for (const [link, records] of sends) {
        for (let i = 0; i < records.length; i += MAX_RECORDS_PER_ANSWER) {
          this.#sendRecords(link, records.slice(i, i + MAX_RECORDS_PER_ANSWER));
        }
      }
    }, 0);
  }

  /** Dials random discovered peers while fewer than `minPeers` sessions are up or being set up. */
  #keepDegree(): void {
    const { minPeers, mode } = this.#host;
    if (this.#stopped || mode === "server" || minPeers <= 0) return;
    let have = this.#host.links().length + this.#dialing.size;
    if (have >= minPeers) return;
    const now = Date.now();
    const candidates = [...this.table.entries()].filter((e) =>
      e.mode !== "client" && e.retryAt <= now && !this.#dialing.has(e.id) &&
      !this.#host.linked(e.id)
    );
    shuffle(candidates);
    for (const entry of candidates) {
      if (have++ >= minPeers) break;
      this.#dialing.add(entry.id);
      this.#host.dial(entry.address)
        .then(() => this.table.dialSucceeded(entry.id), (err) => {
          this.table.dialFailed(entry.id);
          this.#host.logger.debug("dial of a discovered peer failed", { peer: entry.id, err });
        })
        .finally(() => this.#dialing.delete(entry.id));
    }
  }
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
