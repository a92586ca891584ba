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
 *   refused with a typed error and a log line; the session goes on. A signature
 *   proves only that the subject exists, not that its address is real or that
 *   it is not one of a million keys one peer minted, so:
 * - **Proof before gossip**: a record is pushed on and offered in answers only
 *   once it proved itself: this node dialed its subject successfully, or the
 *   subject sent it over its own authenticated session, or (a client-mode
 *   node's record) one of the servers it names sent it over that server's
 *   session (at most `table.cap` of those per session and minute). Other
 *   records are held and used, not spread. The table (`table.ts`) caps what one
 *   peer's records may occupy and never evicts proven records for unproven ones.
 * - **Answer budget**: answers to one peer's `discover` (views and lookups)
 *   spend at most {@linkcode ANSWER_BYTES_PER_SECOND} after a burst of
 *   {@linkcode ANSWER_BURST_BYTES}; what does not fit is shed (counted in
 *   `discoveryBytesShed`, logged at debug).
 * - **Degree**: a dialing node keeps at least `minPeers` sessions, dialing
 *   discovered peers: proven ones first, then one unproven record per source
 *   at a time (sources this node dialed itself first), one dial per host at a
 *   time, at most {@linkcode DIALS_PER_SECOND} after a burst, with backoff per
 *   record and per source after failures. So one peer's records can direct at
 *   most one dial at a time, fewer and fewer as they fail, and the mesh stays
 *   connected when a seed goes away.
 * - **Feelers**: a dialing node (`minPeers` > 0) also dials one unproven
 *   record per round, under the same rules and rate, and hangs up again if it
 *   does not need the session: that proves records heard second-hand, which
 *   can then be passed on, so views still converge (one hop per proof).
 * - **Failure detection**: records expire after `RECORD_TTL_MS` unless their
 *   node re-signs them (every quarter of that); a peer that failed three dials
 *   in a row is no longer passed on.
 *
 * @module
 */
import type { WireMessage } from "../../codec/messages.ts";
import { GeomeshError, ProtocolError } from "../../errors.ts";
import type { NodeIdentity } from "../../identity/identity.ts";
import type { Logger } from "../../log.ts";
import type { NetworkMode } from "../../codec/messages.ts";
import type { NodeMetrics } from "../../metrics.ts";
import { buildFilter, filterTest, recordKey } from "./filter.ts";
import { parseAddress } from "../../address/address.ts";
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
/**
 * Discovery answer bytes per peer and second (a full view of 64 records is
 * about 20 KB; an anti-entropy round asks one peer, with a filter, so honest
 * answers are far smaller).
 */
export const ANSWER_BYTES_PER_SECOND = 16 * 1024;
/** Answer bytes a peer may get at once (a joining node's first, unfiltered, answer). */
export const ANSWER_BURST_BYTES = 32 * 1024;
/** Automatic dials of discovered peers per second, after {@linkcode DIAL_BURST}. */
export const DIALS_PER_SECOND = 2;
/** Automatic dials allowed at once (a node starting up). */
const DIAL_BURST = 4;
/** How long a feeler's session is kept for the records exchange, and the goodbye given before closing. */
const FEELER_GRACE_MS = 250;
/** Longest a source whose records failed to dial is passed over. */
const MAX_SOURCE_BACKOFF_MS = 5 * 60_000;
/** Sources whose dial failures are remembered (oldest forgotten first). */
const MAX_SOURCE_BACKOFFS = 1024;

/** A token bucket: `rate` tokens per ms, at most `burst` held. */
class Budget {
  #tokens: number;
  #at = performance.now();
  constructor(readonly rate: number, readonly burst: number) {
    this.#tokens = burst;
  }
  /** Tokens available now. */
  available(now: number = performance.now()): number {
    this.#tokens = Math.min(this.burst, this.#tokens + (now - this.#at) * this.rate);
    this.#at = now;
    return this.#tokens;
  }
  /** Takes `n` tokens if available. */
  take(n: number, now: number = performance.now()): boolean {
    if (this.available(now) < n) return false;
    this.#tokens -= n;
    return true;
  }
}

type Discover = Extract<WireMessage, { type: "discover" }>;
type DiscoveryResponse = Extract<WireMessage, { type: "discovery-response" }>;

/** What discovery needs from its node. */
export interface DiscoveryHost<L extends GossipLink = GossipLink> {
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
  links(): L[];
  /** Whether a usable session with `id` exists. */
  linked(id: string): boolean;
  /** Dials a discovered peer (not re-dialed after loss: discovery picks again). */
  dial(address: string): Promise<string>;
  /** A new peer was learned. */
  discovered(entry: PeerEntry): void;
  /** A peer sent bad input (logged and counted by the node). */
  bad(link: L, err: unknown): void;
  /** Ends a feeler's session with a goodbye, closing it after `graceMs` (no reconnect). */
  hangUp(link: L, graceMs: number): void;
}

/** What discovery needs of a link (a session's `PeerLink` is one). */
export interface GossipLink {
  /** Peer node id (authenticated by the session). */
  readonly id: string;
  /** Peer network mode. */
  readonly mode: NetworkMode;
  /** True if this node dialed the session (the peer's address is proven reachable). */
  readonly dialed: boolean;
  /** True once the session is being retired. */
  readonly retiring: boolean;
  /** `performance.now()` of the last frame either way. */
  readonly lastActivity: number;
  /** Our requests still waiting for the peer's response. */
  readonly pendingRequests: number;
  /** Largest datagram the session carries (0: none). */
  readonly maxDatagramSize: number;
  /** Sends `msg` as one datagram if it fits; false otherwise. */
  datagram(msg: WireMessage): boolean;
  /** Sends on the stream without counting as activity. */
  sendPassive(msg: WireMessage): Promise<void>;
  /** Runs a signature check within the peer's crypto budget; undefined: shed. */
  cryptoBounded(check: () => Promise<boolean>): Promise<boolean> | undefined;
}

/**
 * The discovery engine of one node.
 *
 * @example
 * ```ts ignore
 * // Not run: needs a DiscoveryHost (the node); tests/protocols/discovery/ drives one.
 * const discovery = new Discovery(host);
 * discovery.connected(link);                 // on every new session
 * discovery.handle(link, msg);               // discover / discovery-response
 * for (const e of discovery.table.entries()) console.log(e.id, e.address);
 * discovery.stop();
 * ```
 */
export class Discovery<L extends GossipLink = GossipLink> {
  /** Known peers (verified records). */
  readonly table: PeerTable;
  readonly #host: DiscoveryHost<L>;
  #own?: PeerRecord;
  #signing?: Promise<PeerRecord | undefined>;
  #timer?: ReturnType<typeof setTimeout>;
  #stopped = false;
  readonly #lastAnswer = new WeakMap<L, number>();
  /** Answer bytes each peer may still get. */
  readonly #answerBudget = new WeakMap<L, Budget>();
  /** Client-mode records each server session may still vouch for (relay on). */
  readonly #vouchBudget = new WeakMap<L, Budget>();
  /** Automatic dials in flight: node id -> the source and host they tie up. */
  readonly #dialing = new Map<string, { source?: string; host?: string }>();
  readonly #dialBudget = new Budget(DIALS_PER_SECOND / 1000, DIAL_BURST);
  /** A feeler dial is in flight. */
  #feeling = false;
  /** Sources whose records failed to dial, backing off. */
  readonly #sourceBackoff = new Map<string, { failures: number; retryAt: number }>();
  /** Lookups waiting for a record, by node id. */
  readonly #waiters = new Map<string, Set<(found: boolean) => void>>();
  /** Lookups answered per peer in the current second. */
  readonly #lookups = new WeakMap<L, { since: number; count: number }>();
  /** Newly learned records waiting to be pushed on, with the peer each came from. */
  #outbox: Array<{ record: PeerRecord; from: string }> = [];
  /** The pending push batch (cleared by `stop`, so a stopped node leaves no timer). */
  #pushTimer?: ReturnType<typeof setTimeout>;
  /**
   * Record versions already pushed (bounded, oldest forgotten first): in a mesh
   * larger than the table, an evicted record comes back as "new"; without this
   * it would circulate for ever.
   */
  readonly #pushed = new Set<string>();
  readonly #maxPushed: number;

  constructor(host: DiscoveryHost<L>) {
    this.#host = host;
    this.table = new PeerTable({ max: host.maxKnownPeers, pinned: (id) => host.linked(id) });
    this.#maxPushed = Math.max(4096, 4 * host.maxKnownPeers);
    this.#schedule();
  }

  /** A new session: exchange own records and ask for the peer's view. */
  async connected(link: L): Promise<void> {
    // Dialing it reached it: its record is proven now, and worth passing on.
    if (link.dialed) this.#proven(link.id, link.id);
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
  handle(link: L, msg: Discover | DiscoveryResponse): void {
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
    clearTimeout(this.#pushTimer);
    this.#outbox = [];
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
      this.#feel();
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
      this.#signing = createRecord(this.#host.identity, want.address, this.#host.mode, {
        via: want.via,
      }).then((rec) => {
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

  #ask(link: L): void {
    const keys = [...this.table.entries()].map((e) => recordKey(e.id, e.issuedAt));
    const max = link.maxDatagramSize;
    // Keep the filter well inside one datagram; without datagrams it goes on the stream.
    const room = max ? Math.min(MAX_FILTER_BYTES, max - 32) : MAX_FILTER_BYTES;
    const msg: Discover = { type: "discover", limit: MAX_RECORDS_PER_ANSWER };
    if (keys.length && room > 16) msg.filter = buildFilter(keys, room);
    this.#send(link, msg);
  }

  #answer(link: L, msg: Discover): void {
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
    this.#sendRecords(link, this.#withinBudget(link, out.slice(0, limit)));
  }

  /** The records that fit in `link`'s answer budget (spent); the rest are shed and counted. */
  #withinBudget(link: L, records: Uint8Array[]): Uint8Array[] {
    let budget = this.#answerBudget.get(link);
    if (!budget) {
      budget = new Budget(ANSWER_BYTES_PER_SECOND / 1000, ANSWER_BURST_BYTES);
      this.#answerBudget.set(link, budget);
    }
    const room = budget.available();
    const out: Uint8Array[] = [];
    let spent = RESPONSE_OVERHEAD, shed = 0;
    for (const rec of records) {
      const cost = rec.length + 3;
      if (spent + cost <= room) {
        out.push(rec);
        spent += cost;
      } else shed += cost;
    }
    if (out.length) budget.take(spent);
    if (shed) {
      this.#host.metrics.discoveryBytesShed += shed;
      this.#host.logger.debug("discovery answer cut: the peer's byte budget is spent", {
        peer: link.id,
        sent: out.length,
        shed: records.length - out.length,
        bytes: shed,
      });
    }
    return out;
  }

  /** Answers a lookup of one node's record (at most LOOKUPS_PER_SECOND per peer). */
  #answerLookup(link: L, id: string): void {
    const now = performance.now();
    const budget = this.#lookups.get(link);
    if (!budget || now - budget.since > 1000) this.#lookups.set(link, { since: now, count: 1 });
    else if (++budget.count > LOOKUPS_PER_SECOND) {
      return this.#host.logger.debug("too many lookups; not answered", { peer: link.id });
    }
    // Any record held, proven or not: the asker named the node, so this spreads nothing new.
    const rec = id === this.#host.identity.id ? this.#own : this.table.get(id);
    if (rec) this.#sendRecords(link, this.#withinBudget(link, [rec.bytes]));
  }

  /**
   * Asks up to three server peers for `id`'s record (a leaf holds only the
   * records of nodes it can dial) and resolves once it is held, or after
   * `timeoutMs` (false). For a client-mode node, the records of the servers it
   * names are looked up too when unknown (peers pass on only the records they
   * vouch for, so a server two hops away is not gossiped to a leaf), so that
   * the sender can dial one of them.
   */
  async lookup(id: string, timeoutMs = 500): Promise<boolean> {
    const found = await this.#lookupRecord(id, timeoutMs);
    if (found) {
      const me = this.#host.identity.id;
      const unknown = this.viaOf(id).filter((s) =>
        s !== me && !this.table.get(s) && !this.#host.linked(s)
      );
      await Promise.all(unknown.slice(0, 3).map((s) => this.#lookupRecord(s, timeoutMs)));
    }
    return found;
  }

  #lookupRecord(id: string, timeoutMs: number): Promise<boolean> {
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
  #sendRecords(link: L, records: Uint8Array[]): void {
    const max = link.maxDatagramSize;
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
  #send(link: L, msg: WireMessage): void {
    if (link.datagram(msg)) return;
    link.sendPassive(msg).catch((err) =>
      this.#host.logger.debug("discovery message not sent", { peer: link.id, err })
    );
  }

  async #learn(link: L, records: Uint8Array[]): Promise<void> {
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
        const result = this.table.put(verified, {
          source: link.id,
          relay: this.#mayRelay(link, verified),
          dialed: verified.id === link.id && link.dialed,
        });
        if (result === "new" || result === "updated") {
          if (this.table.get(verified.id)!.relay) this.#push(verified, link.id);
          for (const done of this.#waiters.get(verified.id) ?? []) done(true);
        } else if (result === "capped") {
          this.#host.logger.debug("peer record not kept: its source's share is full", {
            peer: link.id,
            record: verified.id,
          });
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
   * Whether a record `link` sent may be passed on: its subject's own (over its
   * session), or a client-mode node's from a server it names (vouched by the
   * session it is attached through; a server may vouch for `table.cap` records
   * a minute, so one cannot make its peers churn others' tables).
   */
  #mayRelay(link: L, record: PeerRecord): boolean {
    if (record.id === link.id) return true;
    if (record.mode !== "client" || link.mode === "client" || !record.via.includes(link.id)) {
      return false;
    }
    let budget = this.#vouchBudget.get(link);
    if (!budget) {
      budget = new Budget(this.table.cap / 60_000, this.table.cap);
      this.#vouchBudget.set(link, budget);
    }
    return budget.take(1);
  }

  /** `id` was dialed successfully: its record is proven, and pushed on if it was not before. */
  #proven(id: string, from: string): void {
    if (!this.table.dialSucceeded(id)) return;
    const entry = this.table.get(id)!;
    this.#push(entry, from);
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
    if (this.#stopped || this.#outbox.push({ record, from }) > 1) return;
    this.#pushTimer = setTimeout(() => {
      const batch = this.#outbox;
      this.#outbox = [];
      if (this.#stopped) return;
      const links = this.#host.links();
      shuffle(links);
      // Each record goes to PUSH_FANOUT peers other than its source and subject.
      const sends = new Map<L, Uint8Array[]>();
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

  /**
   * Dial candidates in the order they are to be tried: proven records first
   * (unless `unprovenOnly`), then one unproven record per source (sources this
   * node dialed itself first, the rest in random order). Left out: client-mode
   * records, records backing off, peers with a session or a dial in flight,
   * sources with a dial in flight or backing off.
   */
  #candidates(unprovenOnly: boolean): PeerEntry[] {
    const now = Date.now();
    const busySources = new Set<string>();
    for (const { source } of this.#dialing.values()) {
      if (source !== undefined) busySources.add(source);
    }
    const proven: PeerEntry[] = [];
    const bySource = new Map<string, PeerEntry[]>();
    for (const e of this.table.entries()) {
      if (
        e.mode === "client" || e.retryAt > now || this.#dialing.has(e.id) ||
        this.#host.linked(e.id)
      ) continue;
      if (e.dialed) {
        if (!unprovenOnly) proven.push(e);
      } else if (
        !busySources.has(e.source) && (this.#sourceBackoff.get(e.source)?.retryAt ?? 0) <= now
      ) {
        const list = bySource.get(e.source);
        if (list) list.push(e);
        else bySource.set(e.source, [e]);
      }
    }
    shuffle(proven);
    const sources = [...bySource.keys()];
    shuffle(sources);
    const trusted = (s: string) => (this.table.get(s)?.dialed ? 1 : 0);
    sources.sort((a, b) => trusted(b) - trusted(a));
    return [
      ...proven,
      ...sources.map((s) => {
        const list = bySource.get(s)!;
        return list[Math.floor(Math.random() * list.length)];
      }),
    ];
  }

  /**
   * Dials discovered peers (see {@linkcode Discovery.#candidates} for which)
   * while fewer than `minPeers` sessions are up or being set up, never two at
   * one host at once and within the dial rate. Called again whenever a dial ends.
   */
  #keepDegree(): void {
    const { minPeers, mode } = this.#host;
    if (this.#stopped || mode === "server" || minPeers <= 0) return;
    let have = this.#host.links().length + this.#dialing.size;
    if (have >= minPeers) return;
    for (const entry of this.#candidates(false)) {
      if (have >= minPeers) break;
      const started = this.#dialOne(entry, "degree");
      if (started === "paced") break;
      if (started === "started") have++;
    }
  }

  /**
   * A feeler: dials one unproven record per round (a dialing node with
   * `minPeers` > 0 only), so that records this node heard second-hand become
   * proven and are passed on, and the mesh still converges on a full view
   * (records travel one hop per proof). The session is closed again unless the
   * node needs it for its degree or it carried anything but gossip.
   */
  #feel(): void {
    const { minPeers, mode } = this.#host;
    if (this.#stopped || mode === "server" || minPeers <= 0 || this.#feeling) return;
    const [entry] = this.#candidates(true);
    if (entry) this.#dialOne(entry, "feeler");
  }

  /** Starts one automatic dial of `entry`, unless its host is being dialed or the dial rate is spent. */
  #dialOne(entry: PeerEntry, why: "degree" | "feeler"): "started" | "busy" | "paced" {
    const host = hostOf(entry.address);
    for (const d of this.#dialing.values()) {
      if (host !== undefined && d.host === host) return "busy";
    }
    if (!this.#dialBudget.take(1)) {
      this.#host.logger.debug("discovery dials paced; more next round", { peer: entry.id, why });
      return "paced";
    }
    const source = entry.dialed ? undefined : entry.source;
    this.#dialing.set(entry.id, { source, host });
    if (why === "feeler") this.#feeling = true;
    this.#host.dial(entry.address)
      .then(() => {
        if (source !== undefined) this.#sourceBackoff.delete(source);
        this.#proven(entry.id, entry.id);
        if (why === "feeler") this.#hangUpLater(entry.id);
      }, (err) => {
        this.table.dialFailed(entry.id);
        if (source !== undefined) this.#sourceFailed(source);
        this.#host.logger.debug("dial of a discovered peer failed", {
          peer: entry.id,
          source: entry.source,
          why,
          err,
        });
      })
      .finally(() => {
        this.#dialing.delete(entry.id);
        if (why === "feeler") this.#feeling = false;
        this.#keepDegree();
      });
    return "started";
  }

  /**
   * Closes a feeler's session after a short grace (the records exchange), if
   * the node has more than `minPeers` sessions and the session carried only
   * gossip meanwhile.
   */
  #hangUpLater(id: string): void {
    const link = this.#host.links().find((l) => l.id === id);
    if (!link) return;
    const activity = link.lastActivity;
    setTimeout(() => {
      if (
        this.#stopped || link.retiring || link.lastActivity !== activity ||
        link.pendingRequests > 0 || this.#host.links().length <= this.#host.minPeers
      ) return;
      this.#host.hangUp(link, FEELER_GRACE_MS);
    }, FEELER_GRACE_MS);
  }

  /** A record learned through `source` failed to dial: pass over its records for a while (1 s, 2 s, ... 5 min). */
  #sourceFailed(source: string): void {
    const failures = (this.#sourceBackoff.get(source)?.failures ?? 0) + 1;
    this.#sourceBackoff.delete(source);
    this.#sourceBackoff.set(source, {
      failures,
      retryAt: Date.now() + Math.min(MAX_SOURCE_BACKOFF_MS, 1000 * 2 ** (failures - 1)),
    });
    if (this.#sourceBackoff.size > MAX_SOURCE_BACKOFFS) {
      this.#sourceBackoff.delete(this.#sourceBackoff.keys().next().value!);
    }
  }
}

/** The host an address names (undefined for none, or an address that does not parse). */
function hostOf(address: string): string | undefined {
  try {
    return parseAddress(address).host;
  } catch {
    return undefined;
  }
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
