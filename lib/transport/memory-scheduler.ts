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
 * import { seededRandom } from "./memory-scheduler.ts";
 * const a = seededRandom(1), b = seededRandom(1);
 * console.assert(a() === b() && a() < 1);
 * ```
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Event {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * Delivers callbacks after a delay, in (time, scheduling order).
 *
 * @example
 * ```ts
 * import { Scheduler } from "./memory-scheduler.ts";
 * const s = new Scheduler();
 * const seen: number[] = [];
 * s.at(s.now() + 5, () => seen.push(2));
 * s.at(0, () => seen.push(1));
 * await new Promise((r) => setTimeout(r, 20));
 * console.assert(seen.join() === "1,2");
 * ```
 */
export class Scheduler {
  readonly #heap: Event[] = [];
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  /** Microtask deliveries since the event loop last had a turn. */
  #burst = 0;
  #turnTimer: ReturnType<typeof setTimeout> | undefined;
  /** Deliveries allowed as microtasks before yielding to the event loop. */
  static readonly BURST = 512;

  /** Current time in ms (monotonic). */
  now(): number {
    return performance.now();
  }

  /** Events waiting in the heap. */
  get pending(): number {
    return this.#heap.length;
  }

  /**
   * Runs `run` at time `at` (ms, {@linkcode now} scale). A time not in the
   * future, with nothing delayed ahead of it, runs as a microtask.
   */
  at(at: number, run: () => void): void {
    if (this.#heap.length === 0 && at <= this.now() && this.#microtaskAllowed()) {
      queueMicrotask(run);
      return;
    }
    this.#push({ at, seq: this.#seq++, run });
    this.#arm();
  }

  #microtaskAllowed(): boolean {
    // A 0 ms timer marks the next event-loop turn; until it fires, count.
    this.#turnTimer ??= setTimeout(() => {
      this.#turnTimer = undefined;
      this.#burst = 0;
    }, 0);
    return ++this.#burst <= Scheduler.BURST;
  }

  #arm(): void {
    const next = this.#heap[0];
    if (!next || next.at >= this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = next.at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, next.at - this.now()));
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.now();
    // Run everything due; events scheduled meanwhile for "now" keep their order.
    while (this.#heap.length && this.#heap[0].at <= now) {
      const e = this.#pop();
      try {
        e.run();
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    this.#arm();
  }

  #less(a: Event, b: Event): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(e: Event): void {
    const h = this.#heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  #pop(): Event {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l], h[m])) m = l;
        if (r < h.length && this.#less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
