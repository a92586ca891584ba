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
import type { Logger } from "../log.js";
import { type TlsCertificate } from "./generate.js";
/** Default time before current's expiry at which it is rotated out: 2 days. */
export declare const DEFAULT_RENEW_BEFORE_MS: number;
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
 * import { rotationPolicy } from "./rotation.js";
 * console.assert(rotationPolicy({}).stepMs === 6 * 86_400_000);
 * ```
 */
export declare function rotationPolicy(options: Pick<RotationOptions, "renewBeforeMs" | "validityMs">): Policy;
/**
 * When `current` must be rotated out: `current.notAfter - renewBeforeMs`.
 *
 * @example
 * ```ts
 * import { generateCertificate } from "./generate.js";
 * import { rotationTime } from "./rotation.js";
 * const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * console.assert(rotationTime(cert).getTime() === cert.notAfter.getTime() - 2 * 86_400_000);
 * ```
 */
export declare function rotationTime(current: TlsCertificate, renewBeforeMs?: number): Date;
/**
 * Pins to advertise: `[current.pin, next.pin]`.
 *
 * @example
 * ```ts
 * import { certificatePins, createCertificatePair } from "./rotation.js";
 * const pair = await createCertificatePair({ hostnames: ["127.0.0.1"] });
 * console.assert(certificatePins(pair).length === 2);
 * ```
 */
export declare function certificatePins(pair: CertificatePair): Uint8Array[];
/**
 * Brings a (possibly empty or stale) pair up to date at `now`: drops what is
 * unusable, rotates when due, and generates what is missing. Pure apart from
 * key generation; persistence is the caller's business.
 *
 * @example
 * ```ts
 * import { updateCertificates } from "./rotation.js";
 * const now = Date.UTC(2030, 0, 1);
 * const first = await updateCertificates({}, { hostnames: ["127.0.0.1"], now });
 * const later = await updateCertificates(first, { now: now + 13 * 86_400_000 });
 * console.assert(later.rotated && later.current.pin === first.next.pin);
 * ```
 */
export declare function updateCertificates(state: Partial<CertificatePair>, options?: RotationOptions): Promise<RotationResult>;
/**
 * A fresh current/next pair held in memory (nodes without a cert path).
 *
 * @example
 * ```ts
 * import { createCertificatePair } from "./rotation.js";
 * const { current, next } = await createCertificatePair({ hostnames: ["127.0.0.1"] });
 * console.assert(next.notBefore < current.notAfter && next.notAfter > current.notAfter);
 * ```
 */
export declare function createCertificatePair(options?: RotationOptions): Promise<CertificatePair>;
export {};
