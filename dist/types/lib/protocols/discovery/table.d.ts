import type { PeerRecord } from "./record.js";
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
/** Failed dials after which a record is no longer passed on (until its node re-signs it). */
export declare const SUSPECT_AFTER_FAILURES = 3;
/**
 * Most unproven entries learned through one source in a table of `max`:
 * max(8, max / 8). Enough for a normal peer's view to be useful, while a peer
 * minting identities can take at most an eighth of the table.
 *
 * @example
 * ```ts
 * import { sourceCap } from "./table.js";
 * console.assert(sourceCap(64) === 8 && sourceCap(1024) === 128);
 * ```
 */
export declare function sourceCap(max: number): number;
/**
 * The peer table.
 *
 * @example
 * ```ts
 * import { PeerTable } from "./table.js";
 * const table = new PeerTable({ max: 2 });
 * const rec = { id: "A", address: "geomesh://A@h:1", mode: "hybrid" as const, issuedAt: Date.now(), via: [], bytes: new Uint8Array() };
 * console.assert(table.put(rec, { source: "B" }) === "new" && table.put(rec) === "stale");
 * ```
 */
export declare class PeerTable {
    #private;
    /**
     * @param options.max most entries held
     * @param options.pinned ids never evicted (e.g. connected peers)
     */
    constructor(options: {
        max: number;
        pinned?: (id: string) => boolean;
    });
    /** Entries held. */
    get size(): number;
    /** Most unproven entries one source may hold here. */
    get cap(): number;
    /** Unproven entries held that were learned through `source`. */
    heldFrom(source: string): number;
    /** The entry of `id`. */
    get(id: string): PeerEntry | undefined;
    /** True if a record of `id` at least as new as `issuedAt` is held (no need to verify another). */
    holds(id: string, issuedAt: number): boolean;
    /**
     * Stores a verified record. A newer version replaces the held one (clearing
     * its dial failures; the source it was first learned through keeps it,
     * unless the subject itself sent it); a new one is admitted under the
     * per-source cap and the eviction rules of this module.
     */
    put(record: PeerRecord, options?: PutOptions): PutResult;
    /** Forgets `id`. */
    delete(id: string): boolean;
    /** Drops expired entries (by local lifetime); returns the ids dropped. */
    expire(now?: number): string[];
    /** Every entry. */
    entries(): IterableIterator<PeerEntry>;
    /** Records worth passing on: allowed to relay, and not suspected dead by our own failed dials. */
    shareable(): Generator<PeerEntry>;
    /** Notes a failed dial: backs off exponentially (1 s, 2 s, ... up to 5 min). */
    dialFailed(id: string, now?: number): void;
    /**
     * Notes a successful dial of `id`: the entry is proven (protected from
     * unproven ones, no longer counted in its source's share) and may be passed
     * on. Returns true if it was not proven before.
     */
    dialSucceeded(id: string): boolean;
}
