/**
 * Argument checks shared by the node's public methods: targets
 * (`nodeId` or `actor@nodeId`), timeouts and abort signals. Bad arguments are
 * `TypeError`/`RangeError`, thrown before anything is sent.
 *
 * @module
 */

/** Longest timer a runtime honours (setTimeout fires at once beyond it). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * `timeoutMs` if given and usable, else `fallback`.
 *
 * @example
 * ```ts
 * import { checkTimeout } from "./args.ts";
 * console.assert(checkTimeout(undefined, 5) === 5 && checkTimeout(10, 5) === 10);
 * ```
 */
export function checkTimeout(timeoutMs: unknown, fallback: number): number {
  if (timeoutMs === undefined) return fallback;
  if (typeof timeoutMs !== "number") throw new TypeError("timeoutMs must be a number");
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new RangeError(`timeoutMs must be in (0, ${MAX_TIMEOUT_MS}], got ${timeoutMs}`);
  }
  return timeoutMs;
}

/**
 * `signal` if it is an `AbortSignal` or undefined.
 *
 * @example
 * ```ts
 * import { checkSignal } from "./args.ts";
 * console.assert(checkSignal(undefined) === undefined);
 * ```
 */
export function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError("signal must be an AbortSignal");
  }
  return signal;
}

/**
 * Splits `actor@peer` (actor optional).
 *
 * @example
 * ```ts
 * import { splitTarget } from "./args.ts";
 * console.assert(splitTarget("log@abc").actor === "log" && splitTarget("abc").peer === "abc");
 * ```
 */
export function splitTarget(target: string): { actor?: string; peer: string } {
  if (typeof target !== "string" || !target) {
    throw new TypeError("target must be a node id or actor@nodeId");
  }
  const at = target.lastIndexOf("@");
  return at < 0 ? { peer: target } : { actor: target.slice(0, at), peer: target.slice(at + 1) };
}
