/**
 * Strict CBOR for geomesh values.
 *
 * **Value model** ({@linkcode Value}): `null`, booleans, numbers, strings, `Uint8Array`,
 * arrays and plain objects with string keys. Nothing else:
 * - Integers travel as CBOR integers only inside the safe range (|n| <= 2^53-1);
 *   other numbers (fractions, larger magnitudes, -0, NaN, ±Infinity) as floats in
 *   the shortest IEEE width that holds them exactly, so every number round-trips
 *   bit for bit (including -0). `bigint` is refused: the decoder never produces
 *   one (64-bit integers beyond the safe range are a `DecodeError`), so accepting
 *   them on encode would break the round trip.
 * - No `undefined`, no tags (none at all, so no Date/bigint/typed-array tags), no
 *   other simple values, no `Map`, no class instances, no typed arrays other
 *   than `Uint8Array`, no `__proto__` key, no strings with lone surrogates.
 * - **Indefinite-length items are refused**: the encoder never writes them and
 *   accepting them would only add break-token states for a peer to abuse.
 *
 * **Encoding is deterministic**: shortest heads, shortest exact floats, map keys
 * sorted length-first then bytewise (RFC 7049 canonical, the order cborg's
 * `encode` uses, and byte-identical to it except that cborg writes -0 as 0), so
 * re-encoding a decoded value gives the same bytes; signatures over re-encoded
 * values therefore verify.
 *
 * **Decoding is strict and bounded**: cborg's tokenizer (strict mode: minimal
 * integer and length encodings) feeds an iterative builder, so nesting is
 * limited by `maxDepth` (default 32) and never by the call stack; declared
 * lengths are checked against the bytes that remain before anything is built;
 * UTF-8 must be valid (no silent U+FFFD, no BOM stripping); duplicate and
 * `__proto__` keys, non-string keys, tags, undefined and trailing bytes are
 * refused. Every rejection of the bytes is a `DecodeError`; input longer than
 * `maxBytes` is a `MessageTooLargeError`. Decoded objects are ordinary `{}`
 * objects (only own keys, prototype untouched); byte strings are copies, never
 * views of the input, unless `copyBytes: false` asks for views.
 *
 * @module
 */
import { readValue } from "./decode.ts";
import { acquireWriter, releaseWriter, writeValue } from "./encode.ts";

export { readValue } from "./decode.ts";
export { acquireWriter, releaseWriter, writeValue } from "./encode.ts";

/** A value the codec can carry. */
export type Value =
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | Value[]
  | { [key: string]: Value };

/** Default nesting cap (containers inside containers) for encode and decode. */
export const DEFAULT_MAX_DEPTH = 32;
/** Default size cap of {@linkcode decodeValue}'s input: 1 MiB, the default `maxMessageSize`. */
export const DEFAULT_MAX_BYTES = 1 << 20;
/** Highest `maxDepth` accepted; the encoder recurses once per level. */
export const MAX_DEPTH_LIMIT = 1024;

/** Options of {@linkcode encodeValue}. */
export interface EncodeValueOptions {
  /** Maximum container nesting (default 32, at most 1024). */
  maxDepth?: number;
}

/** Options of {@linkcode decodeValue}. */
export interface DecodeValueOptions {
  /** Maximum container nesting (default 32); deeper input is a `DecodeError`. */
  maxDepth?: number;
  /** Maximum input length in bytes (default 1 MiB); longer input is a `MessageTooLargeError`. */
  maxBytes?: number;
  /**
   * `true` (default): byte strings are fresh copies. `false`: they are views of
   * `bytes` (no allocation; much faster in Deno, where every ArrayBuffer costs
   * ~0.3-2 us), valid only while the caller does not reuse `bytes`, and each
   * keeps all of `bytes`' buffer alive. For hot paths that consume payloads at once.
   */
  copyBytes?: boolean;
}

/** Checks a depth option; shared with the message codec. */
export function checkDepthOption(maxDepth: number | undefined): number {
  if (maxDepth === undefined) return DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_DEPTH_LIMIT) {
    throw new RangeError(`maxDepth must be an integer in 0..${MAX_DEPTH_LIMIT}, got ${maxDepth}`);
  }
  return maxDepth;
}

/** Checks a size option; shared with the message codec. */
export function checkBytesOption(maxBytes: number | undefined): number {
  if (maxBytes === undefined) return DEFAULT_MAX_BYTES;
  if (!(maxBytes >= 0) || (maxBytes !== Infinity && !Number.isSafeInteger(maxBytes))) {
    throw new RangeError(`maxBytes must be a non-negative integer or Infinity, got ${maxBytes}`);
  }
  return maxBytes;
}

/**
 * Encodes a value as deterministic CBOR.
 *
 * @throws {TypeError} for anything outside the value model (undefined, bigint,
 *   Map, class instances, other typed arrays, `__proto__` keys, lone surrogates).
 * @throws {RangeError} when nesting exceeds `maxDepth` (also circular values).
 *
 * @example
 * ```ts
 * import { decodeValue, encodeValue } from "./cbor.ts";
 * const bytes = encodeValue({ b: [1, 2.5, null], a: new Uint8Array([7]) });
 * const back = decodeValue(bytes) as { a: Uint8Array; b: unknown[] };
 * console.assert(back.a[0] === 7 && back.b[1] === 2.5);
 * ```
 */
export function encodeValue(value: unknown, options?: EncodeValueOptions): Uint8Array {
  const maxDepth = checkDepthOption(options?.maxDepth);
  const w = acquireWriter();
  try {
    writeValue(w, value, maxDepth);
    return w.copy();
  } finally {
    releaseWriter(w);
  }
}

/**
 * Decodes one strict CBOR value that must span `bytes` exactly.
 *
 * @throws {DecodeError} for malformed or disallowed input (see the module doc).
 * @throws {MessageTooLargeError} when `bytes.length > maxBytes`.
 * @throws {TypeError|RangeError} for bad arguments.
 *
 * @example
 * ```ts
 * import { decodeValue } from "./cbor.ts";
 * import { DecodeError } from "../errors.ts";
 * const arr = decodeValue(new Uint8Array([0x82, 0x01, 0x61, 0x61])) as unknown[];
 * console.assert(arr[1] === "a");
 * try {
 *   decodeValue(new Uint8Array([0xc1, 0x00])); // tag 1
 * } catch (err) {
 *   console.assert(err instanceof DecodeError);
 * }
 * ```
 */
export function decodeValue(bytes: Uint8Array, options?: DecodeValueOptions): Value {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be a Uint8Array");
  return readValue(
    bytes,
    checkDepthOption(options?.maxDepth),
    checkBytesOption(options?.maxBytes),
    options?.copyBytes ?? true,
  );
}
