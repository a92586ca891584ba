/**
 * Certificate rotation policy, as pure functions over an in-memory pair (the
 * file store and the timer-driven rotator build on it; ephemeral nodes use it
 * directly).
 *
 * Every node holds two certificates: `current` (served) and `next` (advertised
 * beside it, so peers that learn the node's address keep working across a
 * rotation). With validity V (14 days) and `renewBeforeMs` B (2 days), each
 * certificate is `next` for R = (V - B) / 2 (6 days), then `current` for R,
 * and is replaced B before it expires:
 *
 * - rotation happens when `now >= current.notAfter - B`: `next` is promoted and
 *   a new `next` is made;
 * - a new `next` starts at `max(now - 1 h, current.notBefore + R)`, so it is
 *   already valid (and exactly R old) when promoted, and its notBefore lies
 *   well before current's notAfter: the two overlap by R + B;
 * - anything unusable (expired, not yet valid, wrong host names, a `next` that
 *   would not outlive `current`) is replaced.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import {
  CLOCK_SKEW_MS,
  generateCertificate,
  MAX_VALIDITY_MS,
  type TlsCertificate,
  toMillis,
} from "./generate.ts";

/** Default time before current's expiry at which it is rotated out: 2 days. */
export const DEFAULT_RENEW_BEFORE_MS = 2 * 86_400_000;

/** The served certificate and the one that replaces it at the next rotation. */
export interface CertificatePair {
  /** Served now. */
  current: TlsCertificate;
  /** Served after the next rotation; its pin is advertised already. */
  next: TlsCertificate;
}

/** Policy options shared by the planner, the store and the rotator. */
export interface RotationOptions {
  /** DNS names / IPs for subjectAltName. Default: those of a kept certificate, else localhost. */
  hostnames?: string[];
  /** The current time. Default `Date.now()`. */
  now?: Date | number;
  /** Rotate this long before current's notAfter. Default 2 days; at most half the validity. */
  renewBeforeMs?: number;
  /** Validity of new certificates. Default (and maximum) 14 days. */
  validityMs?: number;
  /** Where decisions are reported. */
  logger?: Logger;
}

/** What {@linkcode updateCertificates} decided. */
export interface RotationResult extends CertificatePair {
  /** `current` is different from the one passed in (the served certificate changes). */
  currentChanged: boolean;
  /** `next` is different from the one passed in (the advertised pins change). */
  nextChanged: boolean;
  /** `current` is the former `next`, promoted. */
  rotated: boolean;
  /** Human-readable reasons for every change, for logs. */
  reasons: string[];
}

interface Policy {
  validityMs: number;
  renewBeforeMs: number;
  /** How long a certificate is `next` before it is promoted. */
  stepMs: number;
}

/**
 * Validated policy numbers; throws `RangeError` for impossible combinations.
 *
 * @example
 * ```ts
 * import { rotationPolicy } from "./rotation.ts";
 * console.assert(rotationPolicy({}).stepMs === 6 * 86_400_000);
 * ```
 */
export function rotationPolicy(
  options: Pick<RotationOptions, "renewBeforeMs" | "validityMs">,
): Policy {
  const validityMs = options.validityMs ?? MAX_VALIDITY_MS;
  if (!(validityMs >= 4 * CLOCK_SKEW_MS && validityMs <= MAX_VALIDITY_MS)) {
    throw new RangeError(`validityMs must be between 4 h and 14 days, got ${validityMs}`);
  }
  const renewBeforeMs = options.renewBeforeMs ?? Math.min(DEFAULT_RENEW_BEFORE_MS, validityMs / 4);
  if (!(renewBeforeMs >= 0 && renewBeforeMs <= validityMs / 2)) {
    throw new RangeError(
      `renewBeforeMs must be between 0 and half the validity (${
        validityMs / 2
      } ms), got ${renewBeforeMs}`,
    );
  }
  return { validityMs, renewBeforeMs, stepMs: (validityMs - renewBeforeMs) / 2 };
}

/**
 * When `current` must be rotated out: `current.notAfter - renewBeforeMs`.
 *
 * @example
 * ```ts
 * import { generateCertificate } from "./generate.ts";
 * import { rotationTime } from "./rotation.ts";
 * const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * console.assert(rotationTime(cert).getTime() === cert.notAfter.getTime() - 2 * 86_400_000);
 * ```
 */
export function rotationTime(
  current: TlsCertificate,
  renewBeforeMs = DEFAULT_RENEW_BEFORE_MS,
): Date {
  return new Date(current.notAfter.getTime() - renewBeforeMs);
}

/**
 * Pins to advertise: `[current.pin, next.pin]`.
 *
 * @example
 * ```ts
 * import { certificatePins, createCertificatePair } from "./rotation.ts";
 * const pair = await createCertificatePair({ hostnames: ["127.0.0.1"] });
 * console.assert(certificatePins(pair).length === 2);
 * ```
 */
export function certificatePins(pair: CertificatePair): Uint8Array[] {
  return [pair.current.pin, pair.next.pin];
}

/** Canonical text of a host name or IP so that SAN sets compare reliably. */
function canonicalHost(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (!h.includes(":")) return h;
  // Expand IPv6 (with optional trailing dotted IPv4) to eight 4-digit groups.
  let text = h;
  const v4 = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = text.includes("::") ? Array(8 - left.length - right.length).fill("0") : [];
  return [...left, ...fill, ...right].map((g) => g.padStart(4, "0")).join(":");
}

function sameHosts(cert: TlsCertificate, wanted: string[]): boolean {
  const have = new Set(cert.hostnames.map(canonicalHost));
  const want = new Set(wanted.map(canonicalHost));
  return have.size === want.size && [...want].every((h) => have.has(h));
}

function validAt(cert: TlsCertificate, now: number): boolean {
  return cert.notBefore.getTime() <= now && now < cert.notAfter.getTime();
}

/**
 * Brings a (possibly empty or stale) pair up to date at `now`: drops what is
 * unusable, rotates when due, and generates what is missing. Pure apart from
 * key generation; persistence is the caller's business.
 *
 * @example
 * ```ts
 * import { updateCertificates } from "./rotation.ts";
 * const now = Date.UTC(2030, 0, 1);
 * const first = await updateCertificates({}, { hostnames: ["127.0.0.1"], now });
 * const later = await updateCertificates(first, { now: now + 13 * 86_400_000 });
 * console.assert(later.rotated && later.current.pin === first.next.pin);
 * ```
 */
export async function updateCertificates(
  state: Partial<CertificatePair>,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const policy = rotationPolicy(options);
  const now = options.now === undefined ? Date.now() : toMillis(options.now, "now");
  const hostnames = options.hostnames ?? state.current?.hostnames ?? state.next?.hostnames;
  const reasons: string[] = [];
  const fresh = (notBefore?: number) =>
    generateCertificate({ hostnames, now, notBefore, validityMs: policy.validityMs });

  let current = state.current;
  let next = state.next;
  let rotated = false;
  if (options.hostnames) {
    if (current && !sameHosts(current, options.hostnames)) {
      reasons.push("current certificate has other host names");
      current = undefined;
    }
    if (next && !sameHosts(next, options.hostnames)) {
      reasons.push("next certificate has other host names");
      next = undefined;
    }
  }
  if (current && !validAt(current, now)) {
    reasons.push(
      now < current.notBefore.getTime()
        ? `current certificate is not valid before ${current.notBefore.toISOString()}`
        : `current certificate expired at ${current.notAfter.toISOString()}`,
    );
    current = undefined;
  }
  if (!current && next && validAt(next, now)) {
    reasons.push("promoted next certificate to current");
    [current, next, rotated] = [next, undefined, true];
  }
  current ??= await fresh();
  while (now >= current.notAfter.getTime() - policy.renewBeforeMs) {
    if (next && validAt(next, now) && next.notAfter > current.notAfter) {
      reasons.push(`rotated: current expires at ${current.notAfter.toISOString()}`);
      [current, next, rotated] = [next, undefined, true];
    } else {
      reasons.push(`replaced current certificate expiring at ${current.notAfter.toISOString()}`);
      [current, next, rotated] = [await fresh(), undefined, false];
    }
  }
  const promoteAt = current.notAfter.getTime() - policy.renewBeforeMs;
  if (
    next &&
    !(next.notAfter > current.notAfter && next.notBefore.getTime() <= promoteAt &&
      now < next.notAfter.getTime())
  ) {
    reasons.push("next certificate would not be usable when promoted");
    next = undefined;
  }
  next ??= await fresh(Math.max(now - CLOCK_SKEW_MS, current.notBefore.getTime() + policy.stepMs));
  const result: RotationResult = {
    current,
    next,
    currentChanged: current !== state.current,
    nextChanged: next !== state.next,
    rotated: rotated && current === state.next,
    reasons,
  };
  if (reasons.length) options.logger?.info("certificates updated", { reasons: reasons.join("; ") });
  return result;
}

/**
 * A fresh current/next pair held in memory (nodes without a cert path).
 *
 * @example
 * ```ts
 * import { createCertificatePair } from "./rotation.ts";
 * const { current, next } = await createCertificatePair({ hostnames: ["127.0.0.1"] });
 * console.assert(next.notBefore < current.notAfter && next.notAfter > current.notAfter);
 * ```
 */
export async function createCertificatePair(
  options: RotationOptions = {},
): Promise<CertificatePair> {
  const { current, next } = await updateCertificates({}, options);
  return { current, next };
}
