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
 * import { toMillis } from "./time.js";
 * console.assert(toMillis(new Date(5), "t") === 5 && toMillis(7, "t") === 7);
 * ```
 */
export declare function toMillis(value: Date | number, name: string): number;
