/**
 * Test helpers for the certificate tests: certificates the library refuses to
 * make (RSA, P-384, 30-day), built directly with @peculiar/x509.
 *
 * @module
 */
import { x509 } from "../../lib/deps/x509.ts";
import { encodePem } from "../../lib/cert/pem.ts";
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
