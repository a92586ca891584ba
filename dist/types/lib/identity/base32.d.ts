/**
 * RFC 4648 base32 in lowercase without padding: the text form of node ids.
 * Lowercase because ids end up in host-name-like places and logs; decoding is
 * strict (lowercase only, canonical trailing bits) so one key has exactly one id.
 *
 * @module
 */
/**
 * Encodes bytes as lowercase RFC 4648 base32 without padding.
 *
 * @example
 * ```ts
 * import { base32Encode } from "./base32.js";
 * console.assert(base32Encode(new TextEncoder().encode("foobar")) === "mzxw6ytboi");
 * ```
 */
export declare function base32Encode(bytes: Uint8Array): string;
/**
 * Decodes unpadded lowercase base32. Returns `null` (never throws) for any
 * character outside the alphabet, an impossible length, or non-zero trailing
 * bits, so that every byte string has exactly one accepted text form.
 *
 * @example
 * ```ts
 * import { base32Decode } from "./base32.js";
 * console.assert(new TextDecoder().decode(base32Decode("mzxw6ytboi")!) === "foobar");
 * console.assert(base32Decode("MZXW6YTBOI") === null);
 * ```
 */
export declare function base32Decode(text: string): Uint8Array | null;
