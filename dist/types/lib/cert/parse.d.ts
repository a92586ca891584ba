import { type TlsCertificate } from "./generate.js";
/** Options for {@linkcode parseCertificate}. */
export interface ParseCertificateOptions {
    /** Where the PEM came from (a file name), used in error messages. */
    source?: string;
    /** Where the key came from, if not `source`. */
    keySource?: string;
    /** The time to check validity against. Default `Date.now()`. */
    now?: Date | number;
    /** Check that `now` lies within the validity period. Default true. */
    checkValidity?: boolean;
}
/**
 * Parses and validates a certificate and its private key. Rejects with
 * `CertificateError` for: corrupt PEM or DER; a key that is not ECDSA P-256
 * (RSA, other curves); a validity period over 14 days; a certificate that is
 * expired or not yet valid at `now`; a private key that is not PKCS#8 ECDSA
 * P-256 or does not belong to the certificate.
 *
 * @example
 * ```ts
 * import { generateCertificate } from "./generate.js";
 * import { parseCertificate } from "./parse.js";
 * const made = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const loaded = await parseCertificate(made.certPem, made.keyPem, { source: "memory" });
 * console.assert(loaded.pin.every((b, i) => b === made.pin[i]));
 * ```
 */
export declare function parseCertificate(certPem: string, keyPem: string, options?: ParseCertificateOptions): Promise<TlsCertificate>;
