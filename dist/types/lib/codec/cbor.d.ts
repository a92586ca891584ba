export { readValue } from "./decode.js";
export { acquireWriter, releaseWriter, writeValue } from "./encode.js";
/** A value the codec can carry. */
export type Value = null | boolean | number | string | Uint8Array | Value[] | {
    [key: string]: Value;
};
/** Default nesting cap (containers inside containers) for encode and decode. */
export declare const DEFAULT_MAX_DEPTH = 32;
/** Default size cap of {@linkcode decodeValue}'s input: 1 MiB, the default `maxMessageSize`. */
export declare const DEFAULT_MAX_BYTES: number;
/** Highest `maxDepth` accepted; the encoder recurses once per level. */
export declare const MAX_DEPTH_LIMIT = 1024;
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
export declare function checkDepthOption(maxDepth: number | undefined): number;
/** Checks a size option; shared with the message codec. */
export declare function checkBytesOption(maxBytes: number | undefined): number;
/**
 * Encodes a value as deterministic CBOR.
 *
 * @throws {TypeError} for anything outside the value model (undefined, bigint,
 *   Map, class instances, other typed arrays, `__proto__` keys, lone surrogates).
 * @throws {RangeError} when nesting exceeds `maxDepth` (also circular values).
 *
 * @example
 * ```ts
 * import { decodeValue, encodeValue } from "./cbor.js";
 * const bytes = encodeValue({ b: [1, 2.5, null], a: new Uint8Array([7]) });
 * const back = decodeValue(bytes) as { a: Uint8Array; b: unknown[] };
 * console.assert(back.a[0] === 7 && back.b[1] === 2.5);
 * ```
 */
export declare function encodeValue(value: unknown, options?: EncodeValueOptions): Uint8Array;
/**
 * Decodes one strict CBOR value that must span `bytes` exactly.
 *
 * @throws {DecodeError} for malformed or disallowed input (see the module doc).
 * @throws {MessageTooLargeError} when `bytes.length > maxBytes`.
 * @throws {TypeError|RangeError} for bad arguments.
 *
 * @example
 * ```ts
 * import { decodeValue } from "./cbor.js";
 * import { DecodeError } from "../errors.js";
 * const arr = decodeValue(new Uint8Array([0x82, 0x01, 0x61, 0x61])) as unknown[];
 * console.assert(arr[1] === "a");
 * try {
 *   decodeValue(new Uint8Array([0xc1, 0x00])); // tag 1
 * } catch (err) {
 *   console.assert(err instanceof DecodeError);
 * }
 * ```
 */
export declare function decodeValue(bytes: Uint8Array, options?: DecodeValueOptions): Value;
