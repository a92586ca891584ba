/**
 * Link profiles: what one direction of an impaired link does to traffic
 * (delay, jitter, random and burst loss, reordering, duplication, a bandwidth
 * cap with a bounded queue, a blackhole), their validation, and named geo
 * presets.
 *
 * @module
 */

/**
 * Burst loss as a two-state Gilbert-Elliott chain. Each packet is lost with
 * the loss probability of the current state, then the chain moves. The mean
 * burst (time in the bad state) is `1 / pBadToGood` packets.
 */
export interface GilbertElliott {
  /** Probability per packet of moving from the good to the bad state. */
  pGoodToBad: number;
  /** Probability per packet of moving from the bad back to the good state. */
  pBadToGood: number;
  /** Loss probability in the bad state (default 1). */
  lossInBad?: number;
  /** Loss probability in the good state (default 0). */
  lossInGood?: number;
}

/**
 * One direction of a link. Every field is optional; an empty profile relays
 * untouched. Loss, burst loss, reordering and duplication apply to UDP
 * datagrams only: TCP bytes are reliable, so on TCP only delay, jitter, the
 * bandwidth cap and the blackhole (which holds the bytes) apply.
 */
export interface LinkProfile {
  /** One-way delay in ms (RTT/2 for a symmetric link). */
  delayMs?: number;
  /** Each packet's delay varies uniformly within ±`jitterMs` (clamped at 0); order is kept. */
  jitterMs?: number;
  /** Independent random loss probability per datagram, 0..1. */
  loss?: number;
  /** Burst loss (applies on top of `loss`). */
  burstLoss?: GilbertElliott;
  /** Probability that a datagram is held back `reorderDelayMs` extra, so later ones overtake it. */
  reorder?: number;
  /** The extra delay of a reordered datagram in ms (default 10). */
  reorderDelayMs?: number;
  /** Probability that a datagram is delivered twice. */
  duplicate?: number;
  /** Bandwidth cap in BYTES per second (unlimited when absent). */
  bandwidthBps?: number;
  /**
   * Bytes that may wait for the capped link; a datagram that does not fit is
   * dropped (tail drop), TCP reading pauses instead. Default: 100 ms of
   * `bandwidthBps`, at least 16 KiB.
   */
  queueBytes?: number;
  /** Drop every datagram and hold every TCP byte (a partition). */
  blackhole?: boolean;
}

/** A validated profile with every default filled in. */
export interface ResolvedProfile {
  delayMs: number;
  jitterMs: number;
  loss: number;
  burstLoss: Required<GilbertElliott> | undefined;
  reorder: number;
  reorderDelayMs: number;
  duplicate: number;
  bandwidthBps: number;
  queueBytes: number;
  blackhole: boolean;
}

const FIELDS = new Set([
  "delayMs",
  "jitterMs",
  "loss",
  "burstLoss",
  "reorder",
  "reorderDelayMs",
  "duplicate",
  "bandwidthBps",
  "queueBytes",
  "blackhole",
]);
const BURST_FIELDS = new Set(["pGoodToBad", "pBadToGood", "lossInBad", "lossInGood"]);
/** Longer than any WAN; catches seconds passed as milliseconds twice over. */
const MAX_DELAY_MS = 60_000;

function number(where: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number") {
    throw new TypeError(`${where} must be a number, got ${typeof value}`);
  }
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${where} must be within ${min}..${max}, got ${value}`);
  }
  return value;
}

function object(where: string, value: unknown, fields: Set<string>): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${where} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (!fields.has(key)) {
      throw new TypeError(`unknown field ${where}.${key} (known: ${[...fields].join(", ")})`);
    }
  }
  return value as Record<string, unknown>;
}

/**
 * Checks a profile and fills in defaults. Wrong types and unknown fields are
 * `TypeError`s (a typo like `delay` must not silently mean "no delay"),
 * out-of-range values `RangeError`s.
 *
 * @example
 * ```ts
 * import { resolveProfile } from "./profile.ts";
 * const p = resolveProfile({ delayMs: 40, loss: 0.01 });
 * console.assert(p.delayMs === 40 && p.jitterMs === 0 && !p.blackhole);
 * try { resolveProfile({ loss: 2 }); } catch (e) { console.assert(e instanceof RangeError); }
 * ```
 */
export function resolveProfile(profile: LinkProfile = {}): ResolvedProfile {
  const p = object("profile", profile, FIELDS);
  const opt = (key: string, min: number, max: number, fallback: number) =>
    p[key] === undefined ? fallback : number(`profile.${key}`, p[key], min, max);
  let burstLoss: Required<GilbertElliott> | undefined;
  if (p.burstLoss !== undefined) {
    const b = object("profile.burstLoss", p.burstLoss, BURST_FIELDS);
    for (const key of ["pGoodToBad", "pBadToGood"]) {
      if (b[key] === undefined) throw new TypeError(`profile.burstLoss.${key} is required`);
    }
    burstLoss = {
      pGoodToBad: number("profile.burstLoss.pGoodToBad", b.pGoodToBad, 0, 1),
      pBadToGood: number("profile.burstLoss.pBadToGood", b.pBadToGood, 0, 1),
      lossInBad: b.lossInBad === undefined
        ? 1
        : number("profile.burstLoss.lossInBad", b.lossInBad, 0, 1),
      lossInGood: b.lossInGood === undefined
        ? 0
        : number("profile.burstLoss.lossInGood", b.lossInGood, 0, 1),
    };
  }
  if (p.blackhole !== undefined && typeof p.blackhole !== "boolean") {
    throw new TypeError(`profile.blackhole must be a boolean, got ${typeof p.blackhole}`);
  }
  const bandwidthBps = p.bandwidthBps === undefined
    ? Infinity
    : number("profile.bandwidthBps", p.bandwidthBps, 1, 1e12);
  if (p.queueBytes !== undefined && bandwidthBps === Infinity) {
    throw new TypeError("profile.queueBytes needs profile.bandwidthBps (no cap, no queue)");
  }
  const queueBytes = bandwidthBps === Infinity
    ? Infinity
    : opt("queueBytes", 1, 1 << 30, Math.max(16_384, Math.round(bandwidthBps / 10)));
  return {
    delayMs: opt("delayMs", 0, MAX_DELAY_MS, 0),
    jitterMs: opt("jitterMs", 0, MAX_DELAY_MS, 0),
    loss: opt("loss", 0, 1, 0),
    burstLoss,
    reorder: opt("reorder", 0, 1, 0),
    reorderDelayMs: opt("reorderDelayMs", 0, MAX_DELAY_MS, 10),
    duplicate: opt("duplicate", 0, 1, 0),
    bandwidthBps,
    queueBytes,
    blackhole: p.blackhole === true,
  };
}

/**
 * Named presets, one direction each (use the same one both ways). One-way
 * delay is RTT/2, with a little jitter. The three WAN links have RTTs of 20,
 * 80 and 150 ms; measured RTTs obey the triangle inequality, so no three real
 * regions are 20/80/150 apart: the short one is a link within Europe.
 *
 * - `lan`: 0.25 ms one way, no loss.
 * - `eu-eu` (e.g. London–Frankfurt): 20 ms RTT, 1% loss.
 * - `eu-us` (e.g. London–Virginia): 80 ms RTT, 1.5% loss.
 * - `us-ap` (e.g. Virginia–Tokyo): 150 ms RTT, 2% loss.
 *
 * @example
 * ```ts
 * import { GEO_PROFILES } from "./profile.ts";
 * console.assert(GEO_PROFILES["eu-us"].delayMs === 40);
 * ```
 */
export const GEO_PROFILES: Readonly<Record<"lan" | "eu-eu" | "eu-us" | "us-ap", LinkProfile>> =
  Object.freeze({
    lan: Object.freeze({ delayMs: 0.25 }),
    "eu-eu": Object.freeze({ delayMs: 10, jitterMs: 1, loss: 0.01 }),
    "eu-us": Object.freeze({ delayMs: 40, jitterMs: 2, loss: 0.015 }),
    "us-ap": Object.freeze({ delayMs: 75, jitterMs: 3, loss: 0.02 }),
  });
