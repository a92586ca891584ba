/**
 * One timer for many deadlines: a binary heap ordered by (time, insertion)
 * with a single `setTimeout` armed for the earliest entry. A relay at 10k
 * packets/s with 40 ms of delay keeps ~400 packets in flight; one heap entry
 * each is cheaper than one runtime timer each, and entries due at the same
 * time run in the order they were added.
 *
 * @module
 */

interface Entry {
  at: number;
  seq: number;
  run: () => void;
}

/** Runs callbacks at `performance.now()` deadlines. */
export interface Scheduler {
  /** Runs `run` at time `at` (a `performance.now()` value; the past means soon). */
  at(at: number, run: () => void): void;
  /** Entries waiting. */
  readonly size: number;
  /** Drops every entry and the timer. */
  clear(): void;
}

/**
 * Entries due within this many ms run in the current turn: timers are
 * quantized to whole milliseconds, and re-arming for a fraction would add a
 * full extra millisecond instead.
 */
const EARLY_MS = 0.2;

/**
 * Deno fires `setTimeout(n)` about 1.25 ms late (measured here: n = 1..20,
 * p50 +1.25 ms; Bun +0.15 ms), so the timer is asked for 1 ms less. When it
 * fires early after all, the entry waits one more turn; it never runs early.
 */
const TIMER_SLACK_MS = "Deno" in globalThis ? 1 : 0;

/**
 * Creates a scheduler.
 *
 * @example
 * ```ts
 * import { createScheduler } from "./scheduler.ts";
 * const s = createScheduler();
 * const order: number[] = [];
 * const now = performance.now();
 * s.at(now + 2, () => order.push(2));
 * s.at(now + 1, () => order.push(1));
 * await new Promise((r) => setTimeout(r, 20));
 * console.assert(order.join() === "1,2");
 * ```
 */
export function createScheduler(): Scheduler {
  const heap: Entry[] = [];
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedFor = Infinity;

  const less = (x: Entry, y: Entry) => x.at < y.at || (x.at === y.at && x.seq < y.seq);
  function push(e: Entry) {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }
  function pop(): Entry {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
  function arm() {
    if (!heap.length) return;
    const next = heap[0].at;
    if (timer !== undefined && armedFor <= next) return;
    if (timer !== undefined) clearTimeout(timer);
    armedFor = next;
    const wait = Math.ceil(next - performance.now() - EARLY_MS) - TIMER_SLACK_MS;
    timer = setTimeout(fire, Math.max(0, wait));
  }
  function fire() {
    timer = undefined;
    armedFor = Infinity;
    const now = performance.now() + EARLY_MS;
    // Entries added while running (a zero-delay follow-up) wait for the next turn,
    // so one busy direction cannot starve the event loop.
    let budget = heap.length;
    while (heap.length && heap[0].at <= now && budget-- > 0) {
      const e = pop();
      try {
        e.run();
      } catch (err) {
        // A relay callback must never kill the scheduler; surface it like an uncaught error.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    arm();
  }
  return {
    at(at, run) {
      push({ at, seq: seq++, run });
      arm();
    },
    get size() {
      return heap.length;
    },
    clear() {
      heap.length = 0;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      armedFor = Infinity;
    },
  };
}
