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
 * import { base64Encode } from "./pem.ts";
 * console.assert(base64Encode(new Uint8Array([255])) === "/w==");
 * ```
 */
export function base64Encode(bytes: Uint8Array): string {
  let bin = "";
  // Chunked: String.fromCharCode(...big) overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/**
 * Encodes DER bytes as one PEM block with 64-character lines.
 *
 * @example
 * ```ts
 * import { encodePem } from "./pem.ts";
 * console.assert(encodePem(new Uint8Array([1, 2, 3]), "TEST") === "-----BEGIN TEST-----\nAQID\n-----END TEST-----\n");
 * ```
 */
export function encodePem(der: Uint8Array, label: string): string {
  const b64 = base64Encode(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/**
 * Decodes every PEM block of a text. Throws `Error` (callers wrap it with the
 * file name) for mismatched labels, bad base64, empty blocks, or stray
 * non-whitespace text between blocks; text before the first block is allowed
 * (OpenSSL writes "Bag Attributes" headers there).
 *
 * @example
 * ```ts
 * import { decodePem, encodePem } from "./pem.ts";
 * const [block] = decodePem(encodePem(new Uint8Array([1, 2, 3]), "TEST"));
 * console.assert(block.label === "TEST" && block.der.length === 3);
 * ```
 */
export function decodePem(text: string): PemBlock[] {
  if (typeof text !== "string") throw new TypeError("PEM text must be a string");
  const blocks: PemBlock[] = [];
  let end = -1;
  for (const m of text.matchAll(BLOCK)) {
    const [, label, body, endLabel] = m;
    if (end >= 0 && text.slice(end, m.index).trim() !== "") {
      throw new Error(`unexpected text between PEM blocks before "${label}"`);
    }
    if (label !== endLabel) {
      throw new Error(`PEM block "BEGIN ${label}" ends with "END ${endLabel}"`);
    }
    const b64 = body.replace(/\s+/g, "");
    if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) {
      throw new Error(`PEM block "${label}" has invalid base64 content`);
    }
    const bin = atob(b64);
    blocks.push({ label, der: Uint8Array.from(bin, (c) => c.charCodeAt(0)) });
    end = m.index + m[0].length;
  }
  if (blocks.length === 0) throw new Error("no PEM block found");
  if (text.slice(end).trim() !== "") throw new Error("unexpected text after the last PEM block");
  return blocks;
}
