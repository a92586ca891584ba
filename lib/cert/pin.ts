/**
 * Certificate pins: the SHA-256 of a certificate's DER bytes, as used by
 * WebTransport's `serverCertificateHashes`, and their text form.
 *
 * @module
 */
import { decodePem } from "../codec/pem.ts";

/**
 * SHA-256 of a certificate's DER bytes.
 *
 * @example
 * ```ts
 * import { certificatePin } from "./pin.ts";
 * const pin = await certificatePin(new Uint8Array([1, 2, 3]));
 * console.assert(pin.length === 32);
 * ```
 */
export async function certificatePin(der: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", der as Uint8Array<ArrayBuffer>));
}

/**
 * Text form of a pin: unpadded base64url of the 32 bytes.
 *
 * @example
 * ```ts
 * import { pinFromString, pinToString } from "./pin.ts";
 * const pin = new Uint8Array(32).fill(7);
 * console.assert(pinFromString(pinToString(pin))[0] === 7);
 * ```
 */
export function pinToString(pin: Uint8Array): string {
  if (!(pin instanceof Uint8Array) || pin.length !== 32) throw new TypeError("a pin is 32 bytes");
  return btoa(String.fromCharCode(...pin)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/**
 * Parses the text form made by {@linkcode pinToString}.
 *
 * @example
 * ```ts
 * import { pinFromString } from "./pin.ts";
 * console.assert(pinFromString("A".repeat(43)).length === 32);
 * ```
 */
export function pinFromString(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(text)) {
    throw new TypeError("a pin is 43 characters of unpadded base64url");
  }
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=");
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * The pin of the first certificate in a PEM text (a listener's `certPem`).
 * Throws `TypeError` when the text holds no certificate.
 *
 * @example
 * ```ts
 * import { pemCertificatePin } from "./pin.ts";
 * const pem = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n";
 * console.assert((await pemCertificatePin(pem)).length === 32);
 * ```
 */
export async function pemCertificatePin(certPem: string): Promise<Uint8Array> {
  let blocks;
  try {
    blocks = decodePem(certPem);
  } catch (err) {
    throw new TypeError("certPem holds no PEM certificate", { cause: err });
  }
  const cert = blocks.find((b) => b.label === "CERTIFICATE");
  if (!cert) throw new TypeError("certPem holds no CERTIFICATE block");
  return await certificatePin(cert.der);
}

/**
 * Whether two pins (or any byte strings) are equal. Pins are public, so a
 * plain comparison is fine.
 *
 * @example
 * ```ts
 * import { samePin } from "./pin.ts";
 * console.assert(samePin(new Uint8Array([1]), new Uint8Array([1])));
 * ```
 */
export function samePin(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
