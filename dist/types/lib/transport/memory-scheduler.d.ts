/**
 * Event delivery for the in-memory network: a seeded PRNG and a scheduler
 * that runs zero-delay events as microtasks (no timer per message) and
 * delayed events from one min-heap behind a single timer. Events that are due
 * at the same time run in the order they were scheduled, so a run is
 * reproducible for a given seed and call order.
 *
 * A busy zero-latency flow would otherwise be an endless microtask chain that
 * starves timers and I/O; after a burst of microtask deliveries without the
 * event loop getting a turn, due events go through the heap (one timer) so
 * the loop breathes, as a real network would make it.
 *
 * @module
 */
/**
 * mulberry32: tiny, fast, good enough for loss and jitter decisions.
 *
 * @example
 * ```ts
 * import { seededRandom } from "./memory-scheduler.js";
 * const a = seededRandom(1), b = seededRandom(1);
 * console.assert(a() === b() && a() < 1);
 * ```
 */
export declare function seededRandom(seed: number): () => number;
/**
 * Delivers callbacks after a delay, in (time, scheduling order).
 *
 * @example
 * ```ts
 * import { Scheduler } from "./memory-scheduler.js";
 * const s = new Scheduler();
 * const seen: number[] = [];
 * s.at(s.now() + 5, () => seen.push(2));
 * s.at(0, () => seen.push(1));
 * await new Promise((r) => setTimeout(r, 20));
 * console.assert(seen.join() === "1,2");
 * ```
 */
export declare class Scheduler {
    #private;
    /** Deliveries allowed as microtasks before yielding to the event loop. */
    static readonly BURST = 512;
    /** Current time in ms (monotonic). */
    now(): number;
    /** Events waiting in the heap. */
    get pending(): number;
    /**
     * Runs `run` at time `at` (ms, {@linkcode now} scale). A time not in the
     * future, with nothing delayed ahead of it, runs as a microtask.
     */
    at(at: number, run: () => void): void;
}
