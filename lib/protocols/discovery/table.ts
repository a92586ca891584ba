/**
 * The bounded peer table: the newest verified record of each known node, with
 * what this node learned about it itself. Records are cheap to mint (any peer
 * can make keys and sign records for them), so nothing a record says about
 * itself decides whether it stays:
 *
 * - **Lifetime** is local: an entry expires {@linkcode RECORD_TTL_MS} after
 *   the earlier of its signing time and its arrival here, so dating a record
 *   ahead buys it nothing.
 * - **Per-source cap**: the entries learned through one peer (its session)
 *   and not yet proven hold at most {@linkcode sourceCap} slots; beyond that a
 *   new one replaces that source's own earliest-expiring entry.
 * - **Proven entries stay**: the record of a node this node dialed
 *   successfully is never evicted for an unproven one, and the record of a
 *   node with a session up (`pinned`) is never evicted at all.
 * - **Fair eviction** when full: suspects (failed dials) go first, then the
 *   earliest-expiring unproven entry of the source holding the most.
 *
 * @module
 */
import { RECORD_TTL_MS } from "./record.ts";
import type { PeerRecord } from "./record.ts";

/** A table entry: a verified record plus local state. */
export interface PeerEntry extends PeerRecord {
  /** Failed dials in a row. */
  failures: number;
  /** Not dialed again automatically before this time (ms since the epoch). */
  retryAt: number;
  /** When the held version arrived (local clock, ms since the epoch). */
  arrivedAt: number;
  /** When it expires here: {@linkcode RECORD_TTL_MS} after the earlier of `issuedAt` and `arrivedAt`. */
  expiresAt: number;
  /** Node id of the peer it was learned through ("" for none); its subject for its own record. */
  source: string;
  /** This node reached its subject by dialing it (proven dialable). */
  dialed: boolean;
  /**
   * May be passed on (pushed, offered in answers): dialed, or received from
   * its subject over the subject's own session, or (a client-mode node's
   * record) from one of the servers it lists, over that server's session.
   */
  relay: boolean;
}

/** How a record reached this node (see {@linkcode PeerTable.put}). */
export interface PutOptions {
  /** Node id of the peer that sent it ("" for none). */
  source?: string;
  /** It may be passed on (see {@linkcode PeerEntry.relay}). */
  relay?: boolean;
  /** It came over a session this node dialed to its subject. */
  dialed?: boolean;
  /** Local time of arrival (default now). */
  now?: number;
}

/**
 * What {@linkcode PeerTable.put} did: stored a new entry, replaced an older
 * version, ignored a version not newer than the one held, or refused a new
 * one (`full`: every entry it could displace would outlive it or is protected;
 * `capped`: its source's share is full and it would go before all of them).
 */
export type PutResult = "new" | "updated" | "stale" | "full" | "capped";

/** Longest automatic redial backoff after failed dials. */
const MAX_BACKOFF_MS = 5 * 60_000;
/** Failed dials after which a record is no longer passed on (until its node re-signs it). */
export const SUSPECT_AFTER_FAILURES = 3;

/**
 * Most unproven entries learned through one source in a table of `max`:
 * max(8, max / 8). Enough for a normal peer's view to be useful, while a peer
 * minting identities can take at most an eighth of the table.
 *
 * @example
 * ```ts
 * import { sourceCap } from "./table.ts";
 * console.assert(sourceCap(64) === 8 && sourceCap(1024) === 128);
 * ```
 */
export function sourceCap(max: number): number {
  return Math.max(8, Math.floor(max / 8));
}

/**
 * The peer table.
 *
 * @example
 * ```ts
 * import { PeerTable } from "./table.ts";
 * const table = new PeerTable({ max: 2 });
 * const rec = { id: "A", address: "geomesh://A@h:1", mode: "hybrid" as const, issuedAt: Date.now(), via: [], bytes: new Uint8Array() };
 * console.assert(table.put(rec, { source: "B" }) === "new" && table.put(rec) === "stale");
 * ```
 */
export class PeerTable {
  readonly #max: number;
  readonly #cap: number;
  readonly #entries = new Map<string, PeerEntry>();
  /** Ids of the entries not yet dialed, by source: the shares the cap and eviction look at. */
  readonly #bySource = new Map<string, Set<string>>();
  readonly #pinned: (id: string) => boolean;

  /**
   * @param options.max most entries held
   * @param options.pinned ids never evicted (e.g. connected peers)
   */
  constructor(options: { max: number; pinned?: (id: string) => boolean }) {
    this.#max = options.max;
    this.#cap = sourceCap(options.max);
    this.#pinned = options.pinned ?? (() => false);
  }

  /** Entries held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Most unproven entries one source may hold here. */
  get cap(): number {
    return this.#cap;
  }

  /** Unproven entries held that were learned through `source`. */
  heldFrom(source: string): number {
    return this.#bySource.get(source)?.size ?? 0;
  }

  /** The entry of `id`. */
  get(id: string): PeerEntry | undefined {
    return this.#entries.get(id);
  }

  /** True if a record of `id` at least as new as `issuedAt` is held (no need to verify another). */
  holds(id: string, issuedAt: number): boolean {
    const e = this.#entries.get(id);
    return e !== undefined && e.issuedAt >= issuedAt;
  }

  /**
   * Stores a verified record. A newer version replaces the held one (clearing
   * its dial failures; the source it was first learned through keeps it,
   * unless the subject itself sent it); a new one is admitted under the
   * per-source cap and the eviction rules of this module.
   */
  put(record: PeerRecord, options: PutOptions = {}): PutResult {
    const now = options.now ?? Date.now();
    const source = options.source ?? "";
    const fresh = (prev?: PeerEntry): PeerEntry => {
      const own = source === record.id;
      // Proven dialable stays proven while the address is the same (only the date moved).
      const dialed = !!options.dialed || (prev !== undefined && prev.dialed &&
        prev.address === record.address);
      return {
        ...record,
        failures: 0,
        retryAt: 0,
        arrivedAt: now,
        expiresAt: Math.min(record.issuedAt, now) + RECORD_TTL_MS,
        source: prev && !own ? prev.source : source,
        dialed,
        relay: dialed || !!options.relay || (prev !== undefined && prev.relay && !own &&
          prev.address === record.address),
      };
    };
    const old = this.#entries.get(record.id);
    if (old) {
      if (old.issuedAt >= record.issuedAt) return "stale";
      this.#unshare(old);
      this.#store(fresh(old));
      return "updated";
    }
    const entry = fresh();
    if (!entry.dialed && this.heldFrom(source) >= this.#cap) {
      // The source's share is full: it may only replace one of its own.
      const victim = this.#firstToGo(this.#bySource.get(source)!);
      if (!victim || !goesBefore(victim, entry)) return "capped";
      this.delete(victim.id);
    } else if (this.#entries.size >= this.#max && !this.#makeRoom(entry)) return "full";
    this.#store(entry);
    return "new";
  }

  /** Forgets `id`. */
  delete(id: string): boolean {
    const e = this.#entries.get(id);
    if (!e) return false;
    this.#unshare(e);
    return this.#entries.delete(id);
  }

  /** Drops expired entries (by local lifetime); returns the ids dropped. */
  expire(now: number = Date.now()): string[] {
    const gone: string[] = [];
    for (const [id, e] of this.#entries) {
      if (e.expiresAt < now) {
        this.delete(id);
        gone.push(id);
      }
    }
    return gone;
  }

  /** Every entry. */
  entries(): IterableIterator<PeerEntry> {
    return this.#entries.values();
  }

  /** Records worth passing on: allowed to relay, and not suspected dead by our own failed dials. */
  *shareable(): Generator<PeerEntry> {
    for (const e of this.#entries.values()) {
      if (e.relay && e.failures < SUSPECT_AFTER_FAILURES) yield e;
    }
  }

  /** Notes a failed dial: backs off exponentially (1 s, 2 s, ... up to 5 min). */
  dialFailed(id: string, now: number = Date.now()): void {
    const e = this.#entries.get(id);
    if (!e) return;
    e.failures++;
    e.retryAt = now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (e.failures - 1));
  }

  /**
   * Notes a successful dial of `id`: the entry is proven (protected from
   * unproven ones, no longer counted in its source's share) and may be passed
   * on. Returns true if it was not proven before.
   */
  dialSucceeded(id: string): boolean {
    const e = this.#entries.get(id);
    if (!e) return false;
    e.failures = e.retryAt = 0;
    if (e.dialed) return false;
    this.#unshare(e);
    e.dialed = e.relay = true;
    return true;
  }

  #store(e: PeerEntry): void {
    this.#entries.set(e.id, e);
    if (e.dialed) return;
    const share = this.#bySource.get(e.source);
    if (share) share.add(e.id);
    else this.#bySource.set(e.source, new Set([e.id]));
  }

  #unshare(e: PeerEntry): void {
    const share = this.#bySource.get(e.source);
    if (!share?.delete(e.id)) return;
    if (!share.size) this.#bySource.delete(e.source);
  }

  /** The unpinned entry among `ids` to go first (suspects, then earliest expiry). */
  #firstToGo(ids: Iterable<string>): PeerEntry | undefined {
    let victim: PeerEntry | undefined;
    for (const id of ids) {
      const e = this.#entries.get(id)!;
      if (!this.#pinned(id) && (!victim || goesBefore(e, victim))) victim = e;
    }
    return victim;
  }

  /**
   * Evicts one entry for `entry` (not yet stored): a suspect, else an
   * unproven one of the largest share (counting `entry` in its own source's),
   * if it goes before `entry`; a proven `entry` may also displace the
   * earliest-expiring proven one.
   */
  #makeRoom(entry: PeerEntry): boolean {
    let suspect: PeerEntry | undefined;
    for (const e of this.#entries.values()) {
      if (isSuspect(e) && !this.#pinned(e.id) && (!suspect || goesBefore(e, suspect))) suspect = e;
    }
    if (suspect) return this.delete(suspect.id);
    // The largest share with an evictable entry (ties: the one whose entry goes first).
    let victim: PeerEntry | undefined, victimShare = 0;
    for (const [source, ids] of this.#bySource) {
      const share = ids.size + (source === entry.source && !entry.dialed ? 1 : 0);
      if (share < victimShare) continue;
      const first = this.#firstToGo(ids);
      if (first && (share > victimShare || !victim || goesBefore(first, victim))) {
        victim = first;
        victimShare = share;
      }
    }
    const ownShare = entry.dialed ? 0 : this.heldFrom(entry.source) + 1;
    // A larger share gives way; against an equal one (its own, say) the one expiring first
    // loses; a smaller share is never evicted for a larger one.
    if (
      victim && (victimShare > ownShare || (victimShare === ownShare && goesBefore(victim, entry)))
    ) return this.delete(victim.id);
    if (!entry.dialed) return false;
    const proven = this.#firstToGo(
      [...this.#entries.values()].filter((e) => e.dialed).map((e) => e.id),
    );
    return proven !== undefined && goesBefore(proven, entry) && this.delete(proven.id);
  }
}

function isSuspect(e: PeerEntry): boolean {
  return e.failures >= SUSPECT_AFTER_FAILURES;
}

/** Eviction order: suspects first, then earlier local expiry, then earlier arrival. */
function goesBefore(a: PeerEntry, b: PeerEntry): boolean {
  if (isSuspect(a) !== isSuspect(b)) return isSuspect(a);
  if (a.expiresAt !== b.expiresAt) return a.expiresAt < b.expiresAt;
  return a.arrivedAt < b.arrivedAt;
}
