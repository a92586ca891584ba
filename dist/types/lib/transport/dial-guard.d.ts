/** Default dial timeout of every adapter. */
export declare const DEFAULT_DIAL_TIMEOUT_MS = 5000;
/** Options for {@linkcode guardDial}. */
export interface GuardDialOptions {
    /** Gives up with `TimeoutError` after this many ms. Default 5000. */
    timeoutMs?: number;
    /** Gives up with `AbortedError` when aborted. */
    signal?: AbortSignal;
    /** What is being dialled, for error messages. */
    target: string;
    /** Called once when the attempt is given up, to release what it holds. */
    cancel: () => void;
}
/**
 * Checks a `timeoutMs` option: a positive number (Infinity allowed).
 *
 * @example
 * ```ts
 * import { checkTimeout } from "./dial-guard.js";
 * console.assert(checkTimeout(undefined) === 5000);
 * ```
 */
export declare function checkTimeout(timeoutMs: number | undefined): number;
/**
 * Races `attempt` against the timeout and the signal. On giving up it calls
 * `cancel` and rejects with `TimeoutError` or `AbortedError`; a result that
 * arrives later is handed to `dispose`.
 *
 * @example
 * ```ts
 * import { guardDial } from "./dial-guard.js";
 * const never = new Promise<number>(() => {});
 * const err = await guardDial(never, { timeoutMs: 10, target: "x", cancel() {} }).catch((e) => e);
 * console.assert(err.code === "TIMEOUT");
 * ```
 */
export declare function guardDial<T>(attempt: Promise<T>, options: GuardDialOptions, dispose?: (value: T) => void): Promise<T>;
