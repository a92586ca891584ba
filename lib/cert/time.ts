/**
 * Time arguments of the certificate code (`Date | number`), checked once. Kept
 * apart from `generate.ts` so code that only verifies (pin bindings, in
 * browsers too) does not load X.509.
 *
 * @module
 */

/**
 * Milliseconds since the epoch of a `Date | number`; `TypeError` if invalid.
 *
 * @example
 * ```ts
 * import { toMillis } from "./time.ts";
 * console.assert(toMillis(new Date(5), "t") === 5 && toMillis(7, "t") === 7);
 * ```
 */
export function toMillis(value: Date | number, name: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError(`${name} must be a valid Date or a number of milliseconds`);
  }
  return ms;
}
