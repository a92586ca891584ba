import { toMillis } from "./time.js";
export { toMillis };
/** Longest validity a browser accepts for a pinned certificate. */
export declare const MAX_VALIDITY_DAYS = 14;
/** {@linkcode MAX_VALIDITY_DAYS} in milliseconds. */
export declare const MAX_VALIDITY_MS: number;
/** How far back a fresh certificate's notBefore is set, to tolerate peers' clock skew. */
export declare const CLOCK_SKEW_MS = 3600000;
/** A TLS certificate with its private key and SHA-256 pin. */
export interface TlsCertificate {
    /** PEM-encoded certificate. */
    certPem: string;
    /** PEM-encoded PKCS#8 private key. */
    keyPem: string;
    /** DER bytes of the certificate. */
    der: Uint8Array;
    /** SHA-256 of the DER bytes: what `serverCertificateHashes` expects. */
    pin: Uint8Array;
    /** Start of validity (whole seconds, as in the certificate). */
    notBefore: Date;
    /** End of validity (whole seconds, as in the certificate). */
    notAfter: Date;
    /** DNS names and IP addresses in the subjectAltName. */
    hostnames: string[];
}
/** Options for {@linkcode generateCertificate}. */
export interface GenerateCertificateOptions {
    /** DNS names and IP addresses to put in subjectAltName. Default `["localhost", "127.0.0.1", "::1"]`. */
    hostnames?: string[];
    /** Validity in days, at most 14. Default 14. Ignored when `validityMs` is given. */
    validityDays?: number;
    /** Validity in milliseconds, at most 14 days (rounded down to whole seconds). */
    validityMs?: number;
    /** Start of validity. Default: `now` minus one hour (tolerates clock skew). */
    notBefore?: Date | number;
    /** The current time, for the default `notBefore`. Default `Date.now()`. */
    now?: Date | number;
}
/** Default subjectAltName entries. */
export declare const DEFAULT_HOSTNAMES: readonly string[];
/**
 * Whether a subjectAltName entry is an IP address (else a DNS name); throws
 * `TypeError` for a string that is neither.
 *
 * @example
 * ```ts
 * import { sanType } from "./generate.js";
 * console.assert(sanType("::1") === "ip" && sanType("example.com") === "dns");
 * ```
 */
export declare function sanType(hostname: string): "ip" | "dns";
/**
 * Generates a self-signed ECDSA P-256 certificate valid for at most 14 days.
 *
 * @example
 * ```ts
 * import { generateCertificate } from "./generate.js";
 * const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * console.assert(cert.pin.length === 32 && cert.certPem.includes("BEGIN CERTIFICATE"));
 * ```
 */
export declare function generateCertificate(options?: GenerateCertificateOptions): Promise<TlsCertificate>;
