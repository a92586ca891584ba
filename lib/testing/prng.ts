/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through
 * splitmix32) so every impairment decision can be replayed from one seed.
 * Not for cryptography: it is fast, 32-bit, and fully predictable by design.
 *
 * @module
 */

/** A deterministic random stream. */
export interface Prng {
  /** The next value in [0, 1). */
  next(): number;
  /** The next unsigned 32-bit integer. */
  nextU32(): number;
  /** An independent stream derived from this one's seed and `label` (does not advance this one). */
  fork(label: string): Prng;
}

/** splitmix32: spreads one 32-bit seed over the 128-bit state xoshiro needs. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * FNV-1a of `text` mixed into `seed`: how forked streams and per-link seeds are derived.
 *
 * @example
 * ```ts
 * import { hashSeed } from "./prng.ts";
 * console.assert(hashSeed(1, "a>b") === hashSeed(1, "a>b"));
 * console.assert(hashSeed(1, "a>b") !== hashSeed(1, "b>a"));
 * ```
 */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return splitmix32(h)();
}

/**
 * Creates a generator from a seed (any number; it is reduced to 32 bits).
 *
 * @example
 * ```ts
 * import { createPrng } from "./prng.ts";
 * const a = createPrng(42), b = createPrng(42);
 * console.assert(a.next() === b.next());
 * const x = a.next();
 * console.assert(x >= 0 && x < 1);
 * ```
 */
export function createPrng(seed: number): Prng {
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new TypeError(`a seed is a finite number, got ${String(seed)}`);
  }
  const base = Math.trunc(seed) >>> 0;
  const mix = splitmix32(base);
  let a = mix(), b = mix(), c = mix(), d = mix();
  // xoshiro must not start from the all-zero state.
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    a >>>= 0, b >>>= 0, c >>>= 0, d >>>= 0;
    return result;
  };
  return {
    nextU32,
    next: () => nextU32() / 4294967296,
    fork: (label: string) => createPrng(hashSeed(base, label)),
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
