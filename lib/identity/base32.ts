/**
 * RFC 4648 base32 in lowercase without padding: the text form of node ids.
 * Lowercase because ids end up in host-name-like places and logs; decoding is
 * strict (lowercase only, canonical trailing bits) so one key has exactly one id.
 *
 * @module
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/**
 * Encodes bytes as lowercase RFC 4648 base32 without padding.
 *
 * @example
 * ```ts
 * import { base32Encode } from "./base32.ts";
 * console.assert(base32Encode(new TextEncoder().encode("foobar")) === "mzxw6ytboi");
 * ```
 */
export function base32Encode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("base32Encode expects a Uint8Array");
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1; // keep only the unconsumed bits so the int never overflows
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes unpadded lowercase base32. Returns `null` (never throws) for any
 * character outside the alphabet, an impossible length, or non-zero trailing
 * bits, so that every byte string has exactly one accepted text form.
 *
 * @example
 * ```ts
 * import { base32Decode } from "./base32.ts";
 * console.assert(new TextDecoder().decode(base32Decode("mzxw6ytboi")!) === "foobar");
 * console.assert(base32Decode("MZXW6YTBOI") === null);
 * ```
 */
export function base32Decode(text: string): Uint8Array | null {
  if (typeof text !== "string") return null;
  const tailBits = (text.length * 5) % 8;
  // Lengths whose last character would carry no whole byte (1, 3, 6 mod 8) are impossible.
  if (tailBits >= 5) return null;
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? VALUES[code] : -1;
    if (value < 0) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >>> bits) & 255;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0) return null; // non-canonical: padding bits must be zero
  return out;
}
