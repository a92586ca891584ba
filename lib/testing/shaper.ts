/**
 * The per-direction decisions of an impaired link, free of sockets so they
 * can be checked and replayed alone: which datagram is lost (random or
 * Gilbert-Elliott), duplicated or reordered, how long the capped link and its
 * queue hold it, and when it leaves. Also the direction's counters.
 *
 * @module
 */
import type { Prng } from "./prng.ts";
import { type LinkProfile, type ResolvedProfile, resolveProfile } from "./profile.ts";

/** Counters of one direction. */
export interface DirectionStats {
  /** Datagrams handed on (duplicates included). */
  packets: number;
  /** Bytes of those datagrams. */
  bytes: number;
  /** Datagrams dropped by random or burst loss. */
  droppedLoss: number;
  /** Datagrams dropped because the bandwidth queue was full. */
  droppedQueue: number;
  /** Datagrams dropped by the blackhole (`cut()` or `profile.blackhole`). */
  droppedBlackhole: number;
  /** Extra copies sent. */
  duplicated: number;
  /** Datagrams held back so later ones overtook them. */
  reordered: number;
  /** TCP bytes handed on. */
  tcpBytes: number;
  /** TCP bytes held right now by the blackhole. */
  tcpHeldBytes: number;
}

/** What happens to one datagram. */
export interface PacketFate {
  /** Departure times (`performance.now()` clock): none when dropped, two when duplicated. */
  departures: number[];
  /** Why it was dropped, if it was. */
  dropped?: "loss" | "queue" | "blackhole";
  /** Whether it was held back to be overtaken. */
  reordered: boolean;
}

/** Zeroed counters. */
export function emptyStats(): DirectionStats {
  return {
    packets: 0,
    bytes: 0,
    droppedLoss: 0,
    droppedQueue: 0,
    droppedBlackhole: 0,
    duplicated: 0,
    reordered: 0,
    tcpBytes: 0,
    tcpHeldBytes: 0,
  };
}

/**
 * One direction of a link. Every datagram draws the same seven random values
 * whatever the profile, so the n-th datagram's fate depends only on the seed,
 * n and the profile, never on what earlier datagrams happened to need.
 *
 * @example
 * ```ts
 * import { DirectionShaper } from "./shaper.ts";
 * import { createPrng } from "./prng.ts";
 * const s = new DirectionShaper({ delayMs: 10, loss: 0.5 }, createPrng(1));
 * const fate = s.admitPacket(100, 0);
 * console.assert(fate.dropped === "loss" || fate.departures[0] >= 10);
 * ```
 */
export class DirectionShaper {
  /** The profile in force. */
  profile: ResolvedProfile;
  /** Set by `cut()`: blackholes on top of the profile. */
  partitioned = false;
  /** This direction's counters. */
  readonly stats: DirectionStats = emptyStats();
  readonly #udp: Prng;
  readonly #tcp: Prng;
  #bad = false;
  /** When the capped link has sent everything admitted so far (UDP and TCP share it). */
  #linkFreeAt = -Infinity;
  /** Last in-order departure: jitter never reorders, only `reorder` does. */
  #lastUdp = -Infinity;
  #lastTcp = -Infinity;

  constructor(profile: LinkProfile, rng: Prng) {
    this.profile = resolveProfile(profile);
    this.#udp = rng.fork("udp");
    this.#tcp = rng.fork("tcp");
  }

  /** True while datagrams are dropped and TCP bytes held. */
  get blackholed(): boolean {
    return this.partitioned || this.profile.blackhole;
  }

  /** Replaces the profile; random streams, burst state and the link queue carry on. */
  setProfile(profile: LinkProfile): void {
    this.profile = resolveProfile(profile);
  }

  /** Decides the fate of a datagram of `size` bytes arriving at `now`. */
  admitPacket(size: number, now: number): PacketFate {
    const p = this.profile;
    const rng = this.#udp;
    const uLoss = rng.next(), uBurst = rng.next(), uMove = rng.next();
    const uDup = rng.next(), uReorder = rng.next();
    const uJitter = [rng.next(), rng.next()];
    if (this.blackholed) {
      this.stats.droppedBlackhole++;
      return { departures: [], dropped: "blackhole", reordered: false };
    }
    let lost = uLoss < p.loss;
    const ge = p.burstLoss;
    if (ge) {
      if (uBurst < (this.#bad ? ge.lossInBad : ge.lossInGood)) lost = true;
      if (this.#bad ? uMove < ge.pBadToGood : uMove < ge.pGoodToBad) this.#bad = !this.#bad;
    }
    if (lost) {
      this.stats.droppedLoss++;
      return { departures: [], dropped: "loss", reordered: false };
    }
    const copies = uDup < p.duplicate ? 2 : 1;
    const reordered = uReorder < p.reorder;
    const departures: number[] = [];
    for (let i = 0; i < copies; i++) {
      const sent = this.#transmit(size, now);
      if (sent === undefined) {
        if (i === 0) {
          this.stats.droppedQueue++;
          return { departures: [], dropped: "queue", reordered: false };
        }
        break; // the copy did not fit; the original goes alone
      }
      let at = Math.max(sent + this.#delay(uJitter[i]), reordered ? -Infinity : this.#lastUdp);
      if (reordered) at += p.reorderDelayMs;
      else this.#lastUdp = at;
      departures.push(at);
    }
    if (departures.length === 2) this.stats.duplicated++;
    if (reordered) this.stats.reordered++;
    return { departures, reordered };
  }

  /**
   * Departure time of a TCP chunk of `size` bytes: the cap and delay apply,
   * loss does not, order is kept. Never drops; callers pause reading while
   * {@linkcode queuedBytes} exceeds the profile's queue.
   */
  admitChunk(size: number, now: number): number {
    const start = Math.max(now, this.#linkFreeAt);
    const bw = this.profile.bandwidthBps;
    const sent = bw === Infinity ? now : (this.#linkFreeAt = start + (size * 1000) / bw);
    const at = Math.max(sent + this.#delay(this.#tcp.next()), this.#lastTcp);
    this.#lastTcp = at;
    return at;
  }

  /** Bytes admitted to the capped link and not yet sent at `now`. */
  queuedBytes(now: number): number {
    const bw = this.profile.bandwidthBps;
    if (bw === Infinity) return 0;
    return Math.max(0, ((this.#linkFreeAt - now) * bw) / 1000);
  }

  /** When the capped link has sent a datagram, or undefined when the queue is full. */
  #transmit(size: number, now: number): number | undefined {
    const bw = this.profile.bandwidthBps;
    if (bw === Infinity) return now;
    if (this.queuedBytes(now) + size > this.profile.queueBytes) return undefined;
    this.#linkFreeAt = Math.max(now, this.#linkFreeAt) + (size * 1000) / bw;
    return this.#linkFreeAt;
  }

  #delay(u: number): number {
    const { delayMs, jitterMs } = this.profile;
    return jitterMs ? Math.max(0, delayMs + (2 * u - 1) * jitterMs) : delayMs;
  }
}
