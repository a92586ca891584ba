import type { Value } from "./cbor.js";
/**
 * {@linkcode decodeValue} with already validated limits (internal building block
 * of the message codec, which allows one extra level for its envelope).
 *
 * @example
 * ```ts
 * import { readValue } from "./decode.js";
 * const empty = readValue(new Uint8Array([0x80]), 1, 16) as unknown[];
 * console.assert(empty.length === 0);
 * ```
 */
export declare function readValue(bytes: Uint8Array, maxDepth: number, maxBytes: number, copyBytes?: boolean): Value;
