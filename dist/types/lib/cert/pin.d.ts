/**
 * SHA-256 of a certificate's DER bytes.
 *
 * @example
 * ```ts
 * import { certificatePin } from "./pin.js";
 * const pin = await certificatePin(new Uint8Array([1, 2, 3]));
 * console.assert(pin.length === 32);
 * ```
 */
export declare function certificatePin(der: Uint8Array): Promise<Uint8Array>;
/**
 * Text form of a pin: unpadded base64url of the 32 bytes.
 *
 * @example
 * ```ts
 * import { pinFromString, pinToString } from "./pin.js";
 * const pin = new Uint8Array(32).fill(7);
 * console.assert(pinFromString(pinToString(pin))[0] === 7);
 * ```
 */
export declare function pinToString(pin: Uint8Array): string;
/**
 * Parses the text form made by {@linkcode pinToString}.
 *
 * @example
 * ```ts
 * import { pinFromString } from "./pin.js";
 * console.assert(pinFromString("A".repeat(43)).length === 32);
 * ```
 */
export declare function pinFromString(text: string): Uint8Array<ArrayBuffer>;
/**
 * The pin of the first certificate in a PEM text (a listener's `certPem`).
 * Throws `TypeError` when the text holds no certificate.
 *
 * @example
 * ```ts
 * import { pemCertificatePin } from "./pin.js";
 * const pem = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n";
 * console.assert((await pemCertificatePin(pem)).length === 32);
 * ```
 */
export declare function pemCertificatePin(certPem: string): Promise<Uint8Array>;
/**
 * Whether two pins (or any byte strings) are equal. Pins are public, so a
 * plain comparison is fine.
 *
 * @example
 * ```ts
 * import { samePin } from "./pin.js";
 * console.assert(samePin(new Uint8Array([1]), new Uint8Array([1])));
 * ```
 */
export declare function samePin(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean;
