/**
 * Argument checks shared by the node's public methods: targets
 * (`nodeId` or `actor@nodeId`), timeouts and abort signals. Bad arguments are
 * `TypeError`/`RangeError`, thrown before anything is sent.
 *
 * @module
 */
/** Longest timer a runtime honours (setTimeout fires at once beyond it). */
export declare const MAX_TIMEOUT_MS = 2147483647;
/**
 * `timeoutMs` if given and usable, else `fallback`.
 *
 * @example
 * ```ts
 * import { checkTimeout } from "./args.js";
 * console.assert(checkTimeout(undefined, 5) === 5 && checkTimeout(10, 5) === 10);
 * ```
 */
export declare function checkTimeout(timeoutMs: unknown, fallback: number): number;
/**
 * `signal` if it is an `AbortSignal` or undefined.
 *
 * @example
 * ```ts
 * import { checkSignal } from "./args.js";
 * console.assert(checkSignal(undefined) === undefined);
 * ```
 */
export declare function checkSignal(signal: unknown): AbortSignal | undefined;
/**
 * Splits `actor@peer` (actor optional).
 *
 * @example
 * ```ts
 * import { splitTarget } from "./args.js";
 * console.assert(splitTarget("log@abc").actor === "log" && splitTarget("abc").peer === "abc");
 * ```
 */
export declare function splitTarget(target: string): {
    actor?: string;
    peer: string;
};
