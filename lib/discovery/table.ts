/**
 * The bounded peer table: the newest verified record of each known node, with
 * what this node learned dialing it. Bounded because records are cheap to mint
 * (any peer can make keys): when full, the oldest record of a node we hold no
 * session with makes room, and a record older than all of those is refused.
 *
 * @module
 */
import { RECORD_TTL_MS } from "./record.ts";
import type { PeerRecord } from "./record.ts";

/** A table entry: a verified record plus local dialing state. */
export interface PeerEntry extends PeerRecord {
  /** Failed dials in a row. */
  failures: number;
  /** Not dialed again automatically before this time (ms since the epoch). */
  retryAt: number;
}

/** What {@linkcode PeerTable.put} did. */
export type PutResult = "new" | "updated" | "stale" | "full";

/** Longest automatic redial backoff after failed dials. */
const MAX_BACKOFF_MS = 5 * 60_000;
/** Failed dials after which a record is no longer passed on (until its node re-signs it). */
export const SUSPECT_AFTER_FAILURES = 3;

/**
 * The peer table.
 *
 * @example
 * ```ts
 * import { PeerTable } from "./table.ts";
 * const table = new PeerTable({ max: 2 });
 * const rec = { id: "A", address: "geomesh://A@h:1", mode: "hybrid" as const, issuedAt: Date.now(), via: [], bytes: new Uint8Array() };
 * console.assert(table.put(rec) === "new" && table.put(rec) === "stale");
 * ```
 */
export class PeerTable {
  readonly #max: number;
  readonly #entries = new Map<string, PeerEntry>();
  readonly #pinned: (id: string) => boolean;

  /**
   * @param options.max most entries held
   * @param options.pinned ids never evicted to make room (e.g. connected peers)
   */
  constructor(options: { max: number; pinned?: (id: string) => boolean }) {
    this.#max = options.max;
    this.#pinned = options.pinned ?? (() => false);
  }

  /** Entries held. */
  get size(): number {
    return this.#entries.size;
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

  /** Stores a verified record (newer replaces older and clears the dial failures). */
  put(record: PeerRecord): PutResult {
    const old = this.#entries.get(record.id);
    if (old) {
      if (old.issuedAt >= record.issuedAt) return "stale";
      this.#entries.set(record.id, { ...record, failures: 0, retryAt: 0 });
      return "updated";
    }
    if (this.#entries.size >= this.#max && !this.#evictOlderThan(record.issuedAt)) return "full";
    this.#entries.set(record.id, { ...record, failures: 0, retryAt: 0 });
    return "new";
  }

  /** Forgets `id`. */
  delete(id: string): boolean {
    return this.#entries.delete(id);
  }

  /** Drops expired records; returns the ids dropped. */
  expire(now: number = Date.now()): string[] {
    const gone: string[] = [];
    for (const [id, e] of this.#entries) {
      if (e.issuedAt + RECORD_TTL_MS < now) {
        this.#entries.delete(id);
        gone.push(id);
      }
    }
    return gone;
  }

  /** Every entry. */
  entries(): IterableIterator<PeerEntry> {
    return this.#entries.values();
  }

  /** Records worth passing on: not suspected dead by our own failed dials. */
  *shareable(): Generator<PeerEntry> {
    for (const e of this.#entries.values()) {
      if (e.failures < SUSPECT_AFTER_FAILURES) yield e;
    }
  }

  /** Notes a failed dial: backs off exponentially (1 s, 2 s, ... up to 5 min). */
  dialFailed(id: string, now: number = Date.now()): void {
    const e = this.#entries.get(id);
    if (!e) return;
    e.failures++;
    e.retryAt = now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (e.failures - 1));
  }

  /** Notes a successful dial. */
  dialSucceeded(id: string): void {
    const e = this.#entries.get(id);
    if (e) e.failures = e.retryAt = 0;
  }

  /** Evicts the first unpinned record to go (suspected dead, else oldest) if it is older than `issuedAt`. */
  #evictOlderThan(issuedAt: number): boolean {
    const suspect = (e: PeerEntry) => e.failures >= SUSPECT_AFTER_FAILURES;
    const goesFirst = (a: PeerEntry, b: PeerEntry) =>
      suspect(a) !== suspect(b) ? suspect(a) : a.issuedAt < b.issuedAt;
    let victim: PeerEntry | undefined;
    for (const e of this.#entries.values()) {
      if (!this.#pinned(e.id) && (!victim || goesFirst(e, victim))) victim = e;
    }
    if (!victim || (!suspect(victim) && victim.issuedAt >= issuedAt)) return false;
    this.#entries.delete(victim.id);
    return true;
  }
}
