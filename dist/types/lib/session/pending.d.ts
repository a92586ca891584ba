/**
 * Replies being waited for, by request id: each entry settles exactly once,
 * by its reply, its timeout, its `AbortSignal` or a failure, and every exit
 * clears the timer and the abort listener (a signal may be reused).
 *
 * @module
 */
import { AbortedError } from "../errors.js";
/**
 * The typed error for an aborted request; the signal's reason is the cause.
 *
 * @example
 * ```ts
 * import { abortError } from "./pending.js";
 * const c = new AbortController();
 * c.abort("stop");
 * console.assert(abortError(c.signal).code === "ABORTED");
 * ```
 */
export declare function abortError(signal: AbortSignal): AbortedError;
/** One waiting entry: `extra` is whatever the owner needs to check a reply against. */
export interface PendingEntry<T, X> {
    readonly extra: X;
    resolve(value: T): void;
    reject(err: Error): void;
}
/**
 * A map of replies in flight.
 *
 * @example
 * ```ts
 * import { PendingReplies } from "./pending.js";
 * const pending = new PendingReplies<string, null>();
 * const reply = pending.wait(1, null, { timeoutMs: 1000, timeoutMessage: () => "slow" });
 * pending.get(1)?.resolve("hi");
 * console.assert((await reply) === "hi" && pending.size === 0);
 * ```
 */
export declare class PendingReplies<T, X> {
    #private;
    /** Entries still waiting. */
    get size(): number;
    /** The entry waiting under `id`, if any. */
    get(id: number): PendingEntry<T, X> | undefined;
    /** Every waiting entry (a snapshot: settling entries while iterating is safe). */
    values(): PendingEntry<T, X>[];
    /**
     * Registers `id` and resolves with its reply; rejects with `TimeoutError`
     * after `timeoutMs`, `AbortedError` on `signal`, or whatever `reject` gets.
     */
    wait(id: number, extra: X, options: {
        timeoutMs: number;
        signal?: AbortSignal;
        timeoutMessage: () => string;
    }): Promise<T>;
}
