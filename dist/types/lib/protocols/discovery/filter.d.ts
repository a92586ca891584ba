/** Largest bit array accepted from a peer. */
export declare const MAX_FILTER_BYTES = 4096;
/**
 * The key of a record in the filter: a newer record of the same node is a
 * different key, so the asker still gets it.
 *
 * @example
 * ```ts
 * import { recordKey } from "./filter.js";
 * console.assert(recordKey("ID", 5) !== recordKey("ID", 6));
 * ```
 */
export declare function recordKey(id: string, issuedAt: number): string;
/**
 * Builds a filter of `keys` no larger than `maxBytes` in total.
 *
 * @example
 * ```ts
 * import { buildFilter, filterHas } from "./filter.js";
 * const f = buildFilter(["a:1", "b:2"], 64);
 * console.assert(filterHas(f, "a:1") && f.length <= 64);
 * ```
 */
export declare function buildFilter(keys: Iterable<string>, maxBytes: number, salt?: number): Uint8Array;
/**
 * Whether `key` may be in `filter` (false: certainly not). Throws
 * `ProtocolError` for a malformed filter.
 *
 * @example
 * ```ts
 * import { buildFilter, filterHas } from "./filter.js";
 * console.assert(!filterHas(buildFilter([], 64), "x:1"));
 * ```
 */
export declare function filterHas(filter: Uint8Array, key: string): boolean;
/**
 * Checks a peer's filter and returns a membership test for it.
 *
 * @example
 * ```ts
 * import { buildFilter, filterTest } from "./filter.js";
 * const has = filterTest(buildFilter(["a:1"], 64));
 * console.assert(has("a:1"));
 * ```
 */
export declare function filterTest(filter: Uint8Array): (key: string) => boolean;
