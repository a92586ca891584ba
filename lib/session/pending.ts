/**
 * Replies being waited for, by request id: each entry settles exactly once,
 * by its reply, its timeout, its `AbortSignal` or a failure, and every exit
 * clears the timer and the abort listener (a signal may be reused).
 *
 * @module
 */
import { AbortedError, TimeoutError } from "../errors.ts";

/**
 * The typed error for an aborted request; the signal's reason is the cause.
 *
 * @example
 * ```ts
 * import { abortError } from "./pending.ts";
 * const c = new AbortController();
 * c.abort("stop");
 * console.assert(abortError(c.signal).code === "ABORTED");
 * ```
 */
export function abortError(signal: AbortSignal): AbortedError {
  return new AbortedError("request aborted", { cause: signal.reason });
}

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
 * import { PendingReplies } from "./pending.ts";
 * const pending = new PendingReplies<string, null>();
 * const reply = pending.wait(1, null, { timeoutMs: 1000, timeoutMessage: () => "slow" });
 * pending.get(1)?.resolve("hi");
 * console.assert((await reply) === "hi" && pending.size === 0);
 * ```
 */
export class PendingReplies<T, X> {
  readonly #entries = new Map<number, PendingEntry<T, X>>();

  /** Entries still waiting. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry waiting under `id`, if any. */
  get(id: number): PendingEntry<T, X> | undefined {
    return this.#entries.get(id);
  }

  /** Every waiting entry (a snapshot: settling entries while iterating is safe). */
  values(): PendingEntry<T, X>[] {
    return [...this.#entries.values()];
  }

  /**
   * Registers `id` and resolves with its reply; rejects with `TimeoutError`
   * after `timeoutMs`, `AbortedError` on `signal`, or whatever `reject` gets.
   */
  wait(
    id: number,
    extra: X,
    options: { timeoutMs: number; signal?: AbortSignal; timeoutMessage: () => string },
  ): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        this.#entries.delete(id);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        done();
        reject(abortError(signal!));
      };
      const timer = setTimeout(() => {
        done();
        reject(new TimeoutError(options.timeoutMessage()));
      }, options.timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#entries.set(id, {
        extra,
        resolve: (value) => {
          done();
          resolve(value);
        },
        reject: (err) => {
          done();
          reject(err);
        },
      });
    });
  }
}
