/**
 * Loading certificates someone else (or an earlier run) produced: PEM parsing
 * and every check a browser or peer would otherwise fail on later, with a
 * `CertificateError` that says what is wrong and with which file.
 *
 * @module
 */
import { CertificateError } from "../errors.ts";
import { x509 } from "../deps/x509.ts";
import { MAX_VALIDITY_DAYS, MAX_VALIDITY_MS, type TlsCertificate } from "./generate.ts";
import { toMillis } from "./time.ts";
import { decodePem, encodePem } from "../codec/pem.ts";
import { certificatePin } from "./pin.ts";

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

const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;

function describeAlgorithm(alg: Algorithm & { namedCurve?: string; modulusLength?: number }) {
  if (alg.name === "ECDSA") return `ECDSA ${alg.namedCurve ?? "(unknown curve)"}`;
  if (alg.name.startsWith("RSA")) {
    return `RSA${alg.modulusLength ? ` ${alg.modulusLength}-bit` : ""}`;
  }
  return alg.name;
}

function days(ms: number): string {
  return `${Math.round((ms / 86_400_000) * 100) / 100} days`;
}

function onlyBlock(text: string, label: string, source: string, what: string) {
  let blocks;
  try {
    blocks = decodePem(text);
  } catch (err) {
    throw new CertificateError(`${source}: corrupt ${what} PEM: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const found = blocks.filter((b) => b.label === label);
  if (found.length !== 1) {
    const hint = blocks.some((b) => b.label === "EC PRIVATE KEY")
      ? ' (an SEC1 "EC PRIVATE KEY" must be converted: openssl pkcs8 -topk8 -nocrypt)'
      : "";
    throw new CertificateError(
      `${source}: expected exactly one "${label}" PEM block, found ${found.length}${hint}`,
    );
  }
  return found[0].der;
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
 * import { generateCertificate } from "./generate.ts";
 * import { parseCertificate } from "./parse.ts";
 * const made = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const loaded = await parseCertificate(made.certPem, made.keyPem, { source: "memory" });
 * console.assert(loaded.pin.every((b, i) => b === made.pin[i]));
 * ```
 */
export async function parseCertificate(
  certPem: string,
  keyPem: string,
  options: ParseCertificateOptions = {},
): Promise<TlsCertificate> {
  if (typeof certPem !== "string" || typeof keyPem !== "string") {
    throw new TypeError("certificate and key must be PEM strings");
  }
  const source = options.source ?? "certificate";
  const keySource = options.keySource ?? source;
  const der = onlyBlock(certPem, "CERTIFICATE", source, "certificate");
  let cert: InstanceType<typeof x509.X509Certificate>;
  try {
    cert = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);
  } catch (err) {
    throw new CertificateError(`${source}: corrupt certificate: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const alg = cert.publicKey.algorithm as Algorithm & { namedCurve?: string };
  if (alg.name !== EC_P256.name || alg.namedCurve !== EC_P256.namedCurve) {
    throw new CertificateError(
      `${source}: certificate key is ${
        describeAlgorithm(alg)
      }; WebTransport pinning needs ECDSA P-256`,
    );
  }
  const notBefore = cert.notBefore;
  const notAfter = cert.notAfter;
  const span = notAfter.getTime() - notBefore.getTime();
  if (!(span > 0)) throw new CertificateError(`${source}: certificate validity period is empty`);
  if (span > MAX_VALIDITY_MS) {
    throw new CertificateError(
      `${source}: certificate is valid for ${
        days(span)
      }; browsers accept at most ${MAX_VALIDITY_DAYS} days for pinned certificates`,
    );
  }
  if (options.checkValidity ?? true) {
    const now = options.now === undefined ? Date.now() : toMillis(options.now, "now");
    if (now > notAfter.getTime()) {
      throw new CertificateError(`${source}: certificate expired at ${notAfter.toISOString()}`);
    }
    if (now < notBefore.getTime()) {
      throw new CertificateError(
        `${source}: certificate is not valid before ${notBefore.toISOString()}`,
      );
    }
  }
  const pkcs8 = onlyBlock(keyPem, "PRIVATE KEY", keySource, "private key");
  let keyJwk: JsonWebKey;
  try {
    const key = await crypto.subtle.importKey(
      "pkcs8",
      pkcs8 as Uint8Array<ArrayBuffer>,
      EC_P256,
      true,
      ["sign"],
    );
    keyJwk = await crypto.subtle.exportKey("jwk", key);
  } catch (err) {
    throw new CertificateError(
      `${keySource}: private key is not a PKCS#8 ECDSA P-256 key: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const certJwk = await crypto.subtle.exportKey("jwk", await cert.publicKey.export());
  if (keyJwk.x !== certJwk.x || keyJwk.y !== certJwk.y) {
    throw new CertificateError(
      `${keySource}: private key does not match the certificate in ${source}`,
    );
  }
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const hostnames = san ? san.names.items.map((n) => n.value) : [];
  return {
    certPem: encodePem(der, "CERTIFICATE"),
    keyPem: encodePem(pkcs8, "PRIVATE KEY"),
    der,
    pin: await certificatePin(der),
    notBefore,
    notAfter,
    hostnames,
  };
}
