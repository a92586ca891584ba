/**
 * Minimal strict PEM (RFC 7468) encoding and decoding. Strict so that a
 * truncated or edited file is reported instead of half-parsed.
 *
 * @module
 */
/** One PEM block. */
export interface PemBlock {
    /** The label, e.g. `CERTIFICATE` or `PRIVATE KEY`. */
    label: string;
    /** The decoded bytes. */
    der: Uint8Array;
}
/**
 * Standard base64 of bytes (no line breaks).
 *
 * @example
 * ```ts
 * import { base64Encode } from "./pem.js";
 * console.assert(base64Encode(new Uint8Array([255])) === "/w==");
 * ```
 */
export declare function base64Encode(bytes: Uint8Array): string;
/**
 * Encodes DER bytes as one PEM block with 64-character lines.
 *
 * @example
 * ```ts
 * import { encodePem } from "./pem.js";
 * console.assert(encodePem(new Uint8Array([1, 2, 3]), "TEST") === "-----BEGIN TEST-----\nAQID\n-----END TEST-----\n");
 * ```
 */
export declare function encodePem(der: Uint8Array, label: string): string;
/**
 * Decodes every PEM block of a text. Throws `Error` (callers wrap it with the
 * file name) for mismatched labels, bad base64, empty blocks, or stray
 * non-whitespace text between blocks; text before the first block is allowed
 * (OpenSSL writes "Bag Attributes" headers there).
 *
 * @example
 * ```ts
 * import { decodePem, encodePem } from "./pem.js";
 * const [block] = decodePem(encodePem(new Uint8Array([1, 2, 3]), "TEST"));
 * console.assert(block.label === "TEST" && block.der.length === 3);
 * ```
 */
export declare function decodePem(text: string): PemBlock[];
