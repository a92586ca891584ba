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
 * import { Reconnector } from "./reconnect.js";
 * let tries = 0;
 * const r = new Reconnector({ baseMs: 1, maxMs: 4, attempt: () => (++tries < 3 ? Promise.reject(new Error("down")) : Promise.resolve()) });
 * r.schedule("peer");
 * await new Promise((ok) => setTimeout(ok, 50));
 * console.assert(tries === 3);
 * r.clear();
 * ```
 */
export declare class Reconnector {
    #private;
    constructor(options: ReconnectorOptions);
    /** Schedules the next attempt for `id`, replacing any pending one (never two chains). */
    schedule(id: string): void;
    /** Forgets `id` (it connected): the next loss starts from the first delay. */
    cancel(id: string): void;
    /** Cancels everything; later `schedule` calls do nothing. */
    clear(): void;
}
