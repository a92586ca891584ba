/**
 * Reconnect scheduling: one chain of attempts per peer with capped
 * exponential backoff and jitter (so peers that lost the same server do not
 * all come back at the same instant).
 *
 * @module
 */

/** Options of {@linkcode Reconnector}. */
export interface ReconnectorOptions {
  /** First delay in ms (doubled per failed attempt). */
  baseMs: number;
  /** Longest delay in ms. */
  maxMs: number;
  /**
   * One attempt for `id`: resolves once connected, rejects to try again later.
   * Returns undefined when there is nothing to do (already connected, closing).
   */
  attempt(id: string): Promise<unknown> | undefined;
  /** Told about each failed attempt. */
  failed?(id: string, attempt: number, err: unknown): void;
}

/**
 * Timers for peers to dial again.
 *
 * @example
 * ```ts
 * import { Reconnector } from "./reconnect.ts";
 * let tries = 0;
 * const r = new Reconnector({ baseMs: 1, maxMs: 4, attempt: () => (++tries < 3 ? Promise.reject(new Error("down")) : Promise.resolve()) });
 * r.schedule("peer");
 * await new Promise((ok) => setTimeout(ok, 50));
 * console.assert(tries === 3);
 * r.clear();
 * ```
 */
export class Reconnector {
  readonly #opts: ReconnectorOptions;
  readonly #state = new Map<string, { attempt: number; timer?: ReturnType<typeof setTimeout> }>();
  #stopped = false;

  constructor(options: ReconnectorOptions) {
    this.#opts = options;
  }

  /** Schedules the next attempt for `id`, replacing any pending one (never two chains). */
  schedule(id: string): void {
    if (this.#stopped) return;
    const state = this.#state.get(id) ?? { attempt: 0 };
    clearTimeout(state.timer);
    const { baseMs, maxMs } = this.#opts;
    // Jitter in [0.5, 1) of the backoff step.
    const delay = Math.min(maxMs, baseMs * 2 ** Math.min(state.attempt, 30)) *
      (0.5 + Math.random() * 0.5);
    state.attempt++;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.#opts.attempt(id)?.then(
        () => this.cancel(id),
        (err) => {
          this.#opts.failed?.(id, state.attempt, err);
          if (this.#state.get(id) === state && !state.timer) this.schedule(id);
        },
      );
    }, delay);
    this.#state.set(id, state);
  }

  /** Forgets `id` (it connected): the next loss starts from the first delay. */
  cancel(id: string): void {
    clearTimeout(this.#state.get(id)?.timer);
    this.#state.delete(id);
  }

  /** Cancels everything; later `schedule` calls do nothing. */
  clear(): void {
    this.#stopped = true;
    for (const s of this.#state.values()) clearTimeout(s.timer);
    this.#state.clear();
  }
}
