import type { TlsCertificate } from "./generate.js";
import { type RotationOptions, type RotationResult } from "./rotation.js";
/** Options for {@linkcode startCertificateRotation}. */
export interface CertificateRotatorOptions extends Omit<RotationOptions, "now"> {
    /** Persist under this directory; omit to keep the certificates in memory. */
    certPath?: string;
    /** Called after each change of the served certificate or of the advertised pins. */
    onRotate?: (result: RotationResult) => void | Promise<void>;
    /** Stops the rotator. */
    signal?: AbortSignal;
    /** Clock in milliseconds since the epoch (tests inject one). Default `Date.now`. */
    clock?: () => number;
    /** Longest sleep between checks. Default 1 hour. */
    maxDelayMs?: number;
    /** Sleep after a failed check before retrying. Default 60 s. */
    retryDelayMs?: number;
}
/** Handle returned by {@linkcode startCertificateRotation}. */
export interface CertificateRotator {
    /** The served certificate. */
    readonly current: TlsCertificate;
    /** The certificate served after the next rotation. */
    readonly next: TlsCertificate;
    /** `[current.pin, next.pin]`. */
    readonly pins: Uint8Array[];
    /** When the timer will next check (null once stopped). */
    readonly nextCheckAt: Date | null;
    /** Checks now: rotates if due, calls `onRotate` on change. Resolves whether anything changed. */
    check(): Promise<boolean>;
    /** Stops the timer (also done by the `signal`). */
    stop(): void;
}
/**
 * Loads or creates the certificate pair and starts rotating it.
 *
 * @example
 * ```ts
 * import { startCertificateRotation } from "./rotator.js";
 * const controller = new AbortController();
 * const rotator = await startCertificateRotation({
 *   hostnames: ["127.0.0.1"],
 *   signal: controller.signal,
 *   onRotate: ({ current }) => console.log("now serving", current.notAfter),
 * });
 * console.assert(rotator.pins.length === 2);
 * controller.abort();
 * ```
 */
export declare function startCertificateRotation(options?: CertificateRotatorOptions): Promise<CertificateRotator>;
