/**
 * Timeout and cancellation for session establishment, shared by adapters, so
 * every adapter rejects `dial` with the same typed errors.
 *
 * @module
 */
import { AbortedError, TimeoutError } from "../errors.ts";

/** Default dial timeout of every adapter. */
export const DEFAULT_DIAL_TIMEOUT_MS = 5000;

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
 * import { checkTimeout } from "./dial-guard.ts";
 * console.assert(checkTimeout(undefined) === 5000);
 * ```
 */
export function checkTimeout(timeoutMs: number | undefined): number {
  const ms = timeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS;
  if (typeof ms !== "number" || !(ms > 0)) {
    throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  return ms;
}

/**
 * Races `attempt` against the timeout and the signal. On giving up it calls
 * `cancel` and rejects with `TimeoutError` or `AbortedError`; a result that
 * arrives later is handed to `dispose`.
 *
 * @example
 * ```ts
 * import { guardDial } from "./dial-guard.ts";
 * const never = new Promise<number>(() => {});
 * const err = await guardDial(never, { timeoutMs: 10, target: "x", cancel() {} }).catch((e) => e);
 * console.assert(err.code === "TIMEOUT");
 * ```
 */
export function guardDial<T>(
  attempt: Promise<T>,
  options: GuardDialOptions,
  dispose: (value: T) => void = () => {},
): Promise<T> {
  let timeoutMs: number;
  try {
    timeoutMs = checkTimeout(options.timeoutMs);
  } catch (err) {
    options.cancel();
    attempt.then(dispose, () => {});
    return Promise.reject(err);
  }
  const { signal, target } = options;
  if (signal?.aborted) {
    options.cancel();
    attempt.then(dispose, () => {});
    return Promise.reject(new AbortedError(`dial ${target} aborted`, { cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | undefined, value?: T) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (err) {
        options.cancel();
        reject(err);
      } else resolve(value as T);
    };
    const onAbort = () =>
      finish(new AbortedError(`dial ${target} aborted`, { cause: signal?.reason }));
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(
        () => finish(new TimeoutError(`dial ${target} timed out after ${timeoutMs} ms`)),
        timeoutMs,
      )
      : undefined;
    signal?.addEventListener("abort", onAbort, { once: true });
    attempt.then(
      (value) => settled ? dispose(value) : finish(undefined, value),
      (err) => finish(err instanceof Error ? err : new Error(String(err))),
    );
  });
}
