/**
 * Certificate pins: the SHA-256 of a certificate's DER bytes, as used by
 * WebTransport's `serverCertificateHashes`, and their text form.
 *
 * @module
 */

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
