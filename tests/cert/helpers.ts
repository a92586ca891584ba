/**
 * Test helpers for the certificate tests: certificates the library refuses to
 * make (RSA, P-384, 30-day), built directly with @peculiar/x509.
 *
 * @module
 */
import { x509 } from "../../lib/deps/x509.ts";
import { encodePem } from "../../lib/codec/pem.ts";
import { sanType } from "../../lib/cert/generate.ts";
import { CertificateError } from "../../lib/errors.ts";
import * as assert from "npm:uvu@0.5.6/assert";

/** Algorithms for {@linkcode makeRawCertificate}. */
export const ALGS = {
  p256: { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" },
  p384: { name: "ECDSA", namedCurve: "P-384", hash: "SHA-384" },
  rsa: {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  },
} as const;

/** A self-signed certificate with any algorithm and validity. */
export async function makeRawCertificate(
  alg: keyof typeof ALGS,
  notBefore: Date,
  notAfter: Date,
): Promise<{ certPem: string; keyPem: string }> {
  const params = ALGS[alg];
  const keys = await crypto.subtle.generateKey(params, true, ["sign", "verify"]) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=test",
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: params,
  });
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  return {
    certPem: encodePem(new Uint8Array(cert.rawData), "CERTIFICATE"),
    keyPem: encodePem(pkcs8, "PRIVATE KEY"),
  };
}

/** Awaits `promise` and asserts it rejects with `type` and a message matching `match`. */
export async function rejects<T extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
  match?: RegExp,
): Promise<T> {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof type)) {
      assert.unreachable(
        `expected ${type.name}, got ${(err as Error)?.name}: ${(err as Error)?.message}`,
      );
    }
    if (match) assert.match((err as Error).message, match);
    return err as T;
  }
  throw new Error(`expected a ${type.name}, but it resolved`);
}

/** Shorthand: rejects with CertificateError whose message matches. */
export function certError(promise: Promise<unknown>, match: RegExp): Promise<CertificateError> {
  return rejects(promise, CertificateError, match);
}

/** 1 day in ms. */
export const DAY = 86_400_000;

/** A test certificate authority (ECDSA P-256), for certificates a runtime trusts by chain. */
export interface TestCa {
  /** PEM of the CA certificate (what `NODE_EXTRA_CA_CERTS` or `ca` takes). */
  certPem: string;
  /** Issues a leaf for `hostnames` signed by this CA. */
  issue(hostnames: string[]): Promise<{ certPem: string; keyPem: string; pin: Uint8Array }>;
}

/**
 * Makes a CA and lets it issue server certificates (1-day validity, so they
 * are also acceptable as pinned WebTransport certificates).
 */
export async function makeTestCa(name = "geomesh test CA"): Promise<TestCa> {
  const alg = ALGS.p256;
  const caKeys = await crypto.subtle.generateKey(alg, true, ["sign", "verify"]) as CryptoKeyPair;
  const now = Date.now();
  const notBefore = new Date(now - 3_600_000);
  const notAfter = new Date(now + DAY);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: `CN=${name}`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
    ],
  });
  let serial = 1;
  return {
    certPem: encodePem(new Uint8Array(ca.rawData), "CERTIFICATE"),
    async issue(hostnames) {
      const keys = await crypto.subtle.generateKey(alg, true, ["sign", "verify"]) as CryptoKeyPair;
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: (++serial).toString(16).padStart(2, "0"),
        subject: `CN=${hostnames[0]}`,
        issuer: ca.subject,
        notBefore,
        notAfter,
        signingKey: caKeys.privateKey,
        publicKey: keys.publicKey,
        signingAlgorithm: alg,
        extensions: [
          new x509.SubjectAlternativeNameExtension(
            hostnames.map((value) => ({ type: sanType(value), value })),
          ),
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        ],
      });
      const der = new Uint8Array(leaf.rawData);
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
      return {
        certPem: encodePem(der, "CERTIFICATE"),
        keyPem: encodePem(pkcs8, "PRIVATE KEY"),
        pin: new Uint8Array(await crypto.subtle.digest("SHA-256", der)),
      };
    },
  };
}
