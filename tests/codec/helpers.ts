/**
 * Shared helpers of the codec tests: exact deep equality, value arbitraries,
 * a seeded PRNG and the typed-error predicate.
 *
 * @module
 */
import fc from "npm:fast-check@4.10.2";
import { DecodeError, MessageTooLargeError, ProtocolError } from "../../lib/errors.ts";

/**
 * Deep equality that is exact where `dequal` is not: numbers by `Object.is`
 * (so -0 and NaN count), byte strings by content; prototypes are ignored
 * (a null-prototype object equals a plain one with the same own entries).
 */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return Object.is(a, b);
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Keys the codec accepts (anything but `__proto__`), with a bias to short ASCII. */
export const keyArb = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.constantFrom("constructor", "toString", "hasOwnProperty", "1", "01", "-1", ""),
).filter((k) => k !== "__proto__");

/** Scalars of the value model, including -0, NaN, ±Infinity, big and tiny numbers. */
export const scalarArb = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53,
    -(2 ** 53),
    2 ** 64,
    65504,
    5.960464477539063e-8,
  ),
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme", minLength: 20, maxLength: 80 }),
  fc.uint8Array({ maxLength: 40 }),
);

/** Arbitrary values of the value model, nested a few levels. */
export const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarArb,
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 5 }),
  object: fc.dictionary(keyArb, tie("value"), { maxKeys: 5 }),
})).value;

/** Whether `err` is one of the errors a decoder may throw on hostile input. */
export function isTypedDecodeError(err: unknown): boolean {
  return err instanceof DecodeError || err instanceof ProtocolError ||
    err instanceof MessageTooLargeError;
}

/** Small deterministic PRNG (xorshift32) so fuzz runs are reproducible. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Hex to bytes, ignoring spaces. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
