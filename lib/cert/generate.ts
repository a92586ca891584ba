/**
 * Self-signed ECDSA P-256 TLS certificates for WebTransport. Browsers accept a
 * certificate pinned through `serverCertificateHashes` only if it is ECDSA and
 * valid for at most 14 days, so those are hard limits here.
 *
 * @module
 */
import { x509 } from "../deps/x509.ts";
import { certificatePin } from "./pin.ts";

/** Longest validity a browser accepts for a pinned certificate. */
export const MAX_VALIDITY_DAYS = 14;
const DAY_MS = 86_400_000;

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
  /** Start of validity. */
  notBefore: Date;
  /** End of validity. */
  notAfter: Date;
  /** DNS names and IP addresses in the subjectAltName. */
  hostnames: string[];
}

/** Options for {@linkcode generateCertificate}. */
export interface GenerateCertificateOptions {
  /** DNS names and IP addresses to put in subjectAltName. Default `["localhost", "127.0.0.1", "::1"]`. */
  hostnames?: string[];
  /** Validity in days, at most 14. Default 14. */
  validityDays?: number;
  /** Start of validity. Default: now minus one hour (tolerates clock skew). */
  notBefore?: Date;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * Generates a self-signed ECDSA P-256 certificate valid for at most 14 days.
 *
 * @example
 * ```ts
 * import { generateCertificate } from "./generate.ts";
 * const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * console.assert(cert.pin.length === 32 && cert.certPem.includes("BEGIN CERTIFICATE"));
 * ```
 */
export async function generateCertificate(
  options: GenerateCertificateOptions = {},
): Promise<TlsCertificate> {
  const hostnames = options.hostnames ?? ["localhost", "127.0.0.1", "::1"];
  if (!Array.isArray(hostnames) || hostnames.length === 0 || hostnames.some((h) => typeof h !== "string" || !h)) {
    throw new TypeError("hostnames must be a non-empty array of non-empty strings");
  }
  const validityDays = options.validityDays ?? MAX_VALIDITY_DAYS;
  if (!(validityDays > 0 && validityDays <= MAX_VALIDITY_DAYS)) {
    throw new RangeError(`validityDays must be in (0, ${MAX_VALIDITY_DAYS}], got ${validityDays}`);
  }
  const notBefore = options.notBefore ?? new Date(Date.now() - 3_600_000);
  // Browsers count validity from notBefore to notAfter; keep the total within the limit.
  const notAfter = new Date(notBefore.getTime() + validityDays * DAY_MS);
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await crypto.subtle.generateKey(alg, true, ["sign", "verify"]) as CryptoKeyPair;
  const serial = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0"))
    .join("").replace(/^[89a-f]/, "1");
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial,
    name: `CN=${hostnames[0]}`,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension(
        hostnames.map((h) => ({ type: IPV4.test(h) || h.includes(":") ? "ip" : "dns", value: h })),
      ),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const der = new Uint8Array(cert.rawData);
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    certPem: toPem(cert.rawData, "CERTIFICATE"),
    keyPem: toPem(pkcs8, "PRIVATE KEY"),
    der,
    pin: await certificatePin(der),
    notBefore,
    notAfter,
    hostnames: [...hostnames],
  };
}
