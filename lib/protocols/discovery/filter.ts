/**
 * A salted Bloom filter of the records a node holds, carried in `discover` so
 * the answer can leave out what the asker already has (anti-entropy in one
 * datagram instead of a full table dump). A false positive only delays one
 * record: every round uses a fresh salt, so the same record is not hidden
 * twice in a row.
 *
 * Wire form: `salt` (4 bytes, big-endian), `k` (1 byte), then the bit array.
 *
 * @module
 */
import { ProtocolError } from "../../errors.ts";

/** Hash functions per key. */
const K = 3;
/** Bits per key aimed for: with k = 3, under 2% false positives (while the size cap allows). */
const BITS_PER_KEY = 10;
const HEADER = 5;
/** Largest bit array accepted from a peer. */
export const MAX_FILTER_BYTES = 4096;

function fnv1a(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche, so keys differing only in their last characters spread out.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * The key of a record in the filter: a newer record of the same node is a
 * different key, so the asker still gets it.
 *
 * @example
 * ```ts
 * import { recordKey } from "./filter.ts";
 * console.assert(recordKey("ID", 5) !== recordKey("ID", 6));
 * ```
 */
export function recordKey(id: string, issuedAt: number): string {
  return `${id}:${issuedAt}`;
}

/**
 * Builds a filter of `keys` no larger than `maxBytes` in total.
 *
 * @example
 * ```ts
 * import { buildFilter, filterHas } from "./filter.ts";
 * const f = buildFilter(["a:1", "b:2"], 64);
 * console.assert(filterHas(f, "a:1") && f.length <= 64);
 * ```
 */
export function buildFilter(
  keys: Iterable<string>,
  maxBytes: number,
  salt: number = (Math.random() * 0x1_0000_0000) >>> 0,
): Uint8Array {
  const list = [...keys];
  const bitsWanted = Math.max(64, list.length * BITS_PER_KEY);
  const size = Math.max(8, Math.min(maxBytes - HEADER, Math.ceil(bitsWanted / 8)));
  const out = new Uint8Array(HEADER + size);
  new DataView(out.buffer).setUint32(0, salt);
  out[4] = K;
  const bits = out.subarray(HEADER);
  for (const key of list) forEachBit(key, salt, K, size * 8, (i) => (bits[i >> 3] |= 1 << (i & 7)));
  return out;
}

/**
 * Whether `key` may be in `filter` (false: certainly not). Throws
 * `ProtocolError` for a malformed filter.
 *
 * @example
 * ```ts
 * import { buildFilter, filterHas } from "./filter.ts";
 * console.assert(!filterHas(buildFilter([], 64), "x:1"));
 * ```
 */
export function filterHas(filter: Uint8Array, key: string): boolean {
  const { salt, k, bits } = readFilter(filter);
  let all = true;
  forEachBit(key, salt, k, bits.length * 8, (i) => {
    if (!(bits[i >> 3] & (1 << (i & 7)))) all = false;
  });
  return all;
}

/**
 * Checks a peer's filter and returns a membership test for it.
 *
 * @example
 * ```ts
 * import { buildFilter, filterTest } from "./filter.ts";
 * const has = filterTest(buildFilter(["a:1"], 64));
 * console.assert(has("a:1"));
 * ```
 */
export function filterTest(filter: Uint8Array): (key: string) => boolean {
  readFilter(filter);
  return (key) => filterHas(filter, key);
}

function readFilter(filter: Uint8Array): { salt: number; k: number; bits: Uint8Array } {
  if (filter.length < HEADER + 1 || filter.length > HEADER + MAX_FILTER_BYTES) {
    throw new ProtocolError(`discovery filter of ${filter.length} bytes`);
  }
  const k = filter[4];
  if (k < 1 || k > 8) throw new ProtocolError(`discovery filter with k = ${k}`);
  const salt = new DataView(filter.buffer, filter.byteOffset, 4).getUint32(0);
  return { salt, k, bits: filter.subarray(HEADER) };
}

function forEachBit(key: string, salt: number, k: number, m: number, f: (i: number) => void) {
  const h1 = fnv1a(key, salt);
  const h2 = fnv1a(key, salt ^ 0x9e3779b9) | 1;
  for (let i = 0; i < k; i++) f(((h1 + Math.imul(i, h2)) >>> 0) % m);
}
