/**
 * The recent broadcasts a node can hand out again when a peer that only got
 * an announcement (`ihave`) asks for one (`graft`). Bounded by count, bytes
 * and age: a graft comes within a few repair timeouts of the announcement or
 * not at all, so old entries are of no use.
 *
 * @module
 */

/** Options of {@linkcode RecentBroadcasts}. */
export interface RecentBroadcastsOptions {
  /** Most broadcasts kept. Default 1024. */
  maxCount?: number;
  /** Most encoded bytes kept. Default 8 MiB. */
  maxBytes?: number;
  /** Oldest broadcast kept, in ms. Default 30,000. */
  maxAgeMs?: number;
}

interface Entry<L extends object> {
  body: Uint8Array;
  at: number;
  /** Peers that already got this one through a graft: each is answered once. */
  answered?: WeakSet<L>;
}

/**
 * Encoded broadcasts by (origin, seq), oldest evicted first.
 *
 * @example
 * ```ts
 * import { RecentBroadcasts } from "./cache.ts";
 * const cache = new RecentBroadcasts<object>({ maxCount: 2 });
 * const peer = {};
 * cache.add("o", 1, new Uint8Array(10));
 * console.assert(cache.forGraft("o", 1, peer)?.length === 10);
 * console.assert(cache.forGraft("o", 1, peer) === undefined); // answered once per peer
 * ```
 */
export class RecentBroadcasts<L extends object> {
  readonly #maxCount: number;
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  readonly #entries = new Map<string, Entry<L>>();
  #bytes = 0;

  constructor(options: RecentBroadcastsOptions = {}) {
    this.#maxCount = options.maxCount ?? 1024;
    this.#maxBytes = options.maxBytes ?? 8 << 20;
    this.#maxAgeMs = options.maxAgeMs ?? 30_000;
  }

  /** Broadcasts currently kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** Encoded bytes currently kept. */
  get bytes(): number {
    return this.#bytes;
  }

  #evictOldest(): void {
    const [key, entry] = this.#entries.entries().next().value!;
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }

  #evictExpired(now: number): void {
    for (const entry of this.#entries.values()) {
      if (now - entry.at <= this.#maxAgeMs) break;
      this.#evictOldest();
    }
  }

  /** Keeps `body`, the encoded broadcast (origin, seq), evicting the oldest beyond the bounds. */
  add(origin: string, seq: number, body: Uint8Array): void {
    const now = performance.now();
    const key = `${origin} ${seq}`;
    if (this.#entries.has(key) || body.length > this.#maxBytes) return;
    this.#evictExpired(now);
    this.#entries.set(key, { body, at: now });
    this.#bytes += body.length;
    while (this.#entries.size > this.#maxCount || this.#bytes > this.#maxBytes) {
      this.#evictOldest();
    }
  }

  /**
   * The encoded broadcast to answer `peer`'s graft with; undefined when it is
   * not kept (never seen, evicted, expired) or `peer` already got it this way,
   * so a peer repeating a graft cannot make this node resend without bound.
   */
  forGraft(origin: string, seq: number, peer: L): Uint8Array | undefined {
    this.#evictExpired(performance.now());
    const entry = this.#entries.get(`${origin} ${seq}`);
    if (!entry || entry.answered?.has(peer)) return undefined;
    (entry.answered ??= new WeakSet()).add(peer);
    return entry.body;
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
