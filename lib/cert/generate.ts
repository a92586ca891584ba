/**
 * Self-signed ECDSA P-256 TLS certificates for WebTransport. Browsers accept a
 * certificate pinned through `serverCertificateHashes` only if it is ECDSA and
 * valid for at most 14 days, so those are hard limits here.
 *
 * @module
 */
import { x509 } from "../deps/x509.ts";
import { encodePem } from "../codec/pem.ts";
import { certificatePin } from "./pin.ts";
import { toMillis } from "./time.ts";

export { toMillis };

/** Longest validity a browser accepts for a pinned certificate. */
export const MAX_VALIDITY_DAYS = 14;
/** {@linkcode MAX_VALIDITY_DAYS} in milliseconds. */
export const MAX_VALIDITY_MS = MAX_VALIDITY_DAYS * 86_400_000;
/** How far back a fresh certificate's notBefore is set, to tolerate peers' clock skew. */
export const CLOCK_SKEW_MS = 3_600_000;

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
export const DEFAULT_HOSTNAMES: readonly string[] = ["localhost", "127.0.0.1", "::1"];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DNS =
  /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return false;
  try {
    // The URL parser implements the full IPv6 grammar in every runtime.
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/**
 * Whether a subjectAltName entry is an IP address (else a DNS name); throws
 * `TypeError` for a string that is neither.
 *
 * @example
 * ```ts
 * import { sanType } from "./generate.ts";
 * console.assert(sanType("::1") === "ip" && sanType("example.com") === "dns");
 * ```
 */
export function sanType(hostname: string): "ip" | "dns" {
  if (typeof hostname === "string") {
    if (IPV4.test(hostname) || (hostname.includes(":") && isIpv6(hostname))) return "ip";
    if (hostname.length <= 253 && DNS.test(hostname)) return "dns";
  }
  throw new TypeError(
    `not a DNS name or IP address: ${JSON.stringify(String(hostname).slice(0, 80))}`,
  );
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // DER integers are signed: keep the serial positive
  bytes[0] |= 0x01; // and non-zero, with no leading zero byte to strip
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
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
  const hostnames = options.hostnames ?? [...DEFAULT_HOSTNAMES];
  if (!Array.isArray(hostnames) || hostnames.length === 0) {
    throw new TypeError("hostnames must be a non-empty array of DNS names or IP addresses");
  }
  const types = hostnames.map(sanType);
  const validityMs = options.validityMs ?? (options.validityDays ?? MAX_VALIDITY_DAYS) * 86_400_000;
  if (!(validityMs >= 1000 && validityMs <= MAX_VALIDITY_MS)) {
    throw new RangeError(
      `certificate validity must be between 1 s and ${MAX_VALIDITY_DAYS} days, got ${validityMs} ms`,
    );
  }
  const now = options.now === undefined ? Date.now() : toMillis(options.now, "now");
  const start = options.notBefore === undefined
    ? now - CLOCK_SKEW_MS
    : toMillis(options.notBefore, "notBefore");
  // X.509 times have whole seconds: round here so the returned dates are the real ones
  // and notAfter - notBefore never exceeds the limit after encoding.
  const notBefore = new Date(Math.ceil(start / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + Math.floor(validityMs / 1000) * 1000);
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await crypto.subtle.generateKey(alg, true, ["sign", "verify"]) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [hostnames[0]] }],
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension(
        hostnames.map((value, i) => ({ type: types[i], value })),
      ),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const der = new Uint8Array(cert.rawData);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  return {
    certPem: encodePem(der, "CERTIFICATE"),
    keyPem: encodePem(pkcs8, "PRIVATE KEY"),
    der,
    pin: await certificatePin(der),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    hostnames: [...hostnames],
  };
}
