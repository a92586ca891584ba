/**
 * Virtual time for simulations: replaces the process's clocks and timers
 * (`setTimeout`, `setInterval`, their `clear*`, `Date.now`,
 * `performance.now`) with a virtual clock that jumps straight to the next
 * due timer once the process has nothing else to do. Keep-alives, gossip
 * rounds, request timeouts and the memory transport's link delays then all
 * run in virtual time, so a simulated minute of a large mesh costs only the
 * CPU its events need, not a minute.
 *
 * Why globals and not an injected clock: the node and its engines use the
 * runtime's timers in two dozen files; patching them for the length of a
 * simulation keeps the product code free of simulator plumbing, and a
 * simulation runs in its own process anyway.
 *
 * "Nothing else to do" means the microtask queue has drained and no Web
 * Crypto operation is in flight (they finish on a thread pool, outside the
 * virtual clock, so they are counted: otherwise a handshake waiting on a
 * signature would see its timeout fire first). Signatures stay real.
 *
 * Ordering is deterministic for a given call order: timers due at the same
 * virtual time run in the order they were set, and `seed` makes
 * `Math.random` a seeded stream too. Node identities still come from real
 * key generation, so ids (and what depends on their order) differ per run.
 *
 * @module
 */
import { createPrng } from "./prng.ts";

/** Options of {@linkcode installVirtualTime}. */
export interface VirtualTimeOptions {
  /** `Date.now()` at install, in epoch ms. Default: the real `Date.now()`. */
  epochMs?: number;
  /** Seeds `Math.random` for the length of the install. Default: `Math.random` stays real. */
  seed?: number;
  /**
   * Real ms a step may wait for in-flight Web Crypto operations before it
   * throws (they never finish only if something is badly wrong). Default 30000.
   */
  cryptoWaitMs?: number;
}

/** What {@linkcode runUntil} was given. */
export interface RunUntilOptions {
  /** Virtual ms after which it gives up and resolves `false`. */
  limitMs: number;
  /** Virtual ms between checks of the condition. Default 10. */
  stepMs?: number;
}

/** A virtual clock in control of this process's timers; see the module docs. */
export interface VirtualTime {
  /** Virtual ms since install (what `performance.now()` returns now). */
  now(): number;
  /** Timers waiting to run. */
  readonly pendingTimers: number;
  /** Timer callbacks run so far. */
  readonly timersRun: number;
  /** Runs every timer due within the next `ms` virtual ms; the clock ends `ms` later. */
  runFor(ms: number): Promise<void>;
  /**
   * Runs until `done()` is true (checked every `stepMs`) or `limitMs` has
   * passed; resolves whether `done()` became true.
   */
  runUntil(done: () => boolean, options: RunUntilOptions): Promise<boolean>;
  /** Puts the real clocks and timers back; pending virtual timers are dropped. */
  uninstall(): void;
}

interface Timer {
  id: number;
  at: number;
  seq: number;
  run: () => void;
  /** Repeat interval for `setInterval`, else undefined. */
  every?: number;
}

/** Virtual handles start here so a real id is never mistaken for one. */
const FIRST_ID = 1_000_000_000;

const SUBTLE_METHODS = [
  "decrypt",
  "deriveBits",
  "deriveKey",
  "digest",
  "encrypt",
  "exportKey",
  "generateKey",
  "importKey",
  "sign",
  "unwrapKey",
  "verify",
  "wrapKey",
] as const;

let installed = false;

/**
 * Takes over the process's clocks and timers until `uninstall()`.
 *
 * @example
 * ```ts
 * import { installVirtualTime } from "./virtual-time.ts";
 * const clock = installVirtualTime({ seed: 1 });
 * try {
 *   let fired = 0;
 *   setTimeout(() => fired++, 60_000);
 *   const started = Date.now();
 *   await clock.runFor(60_000); // a virtual minute, in a few real ms
 *   console.assert(fired === 1 && Date.now() - started === 60_000);
 * } finally {
 *   clock.uninstall();
 * }
 * ```
 */
export function installVirtualTime(options: VirtualTimeOptions = {}): VirtualTime {
  if (installed) throw new Error("virtual time is already installed in this process");
  const { epochMs = Date.now(), seed, cryptoWaitMs = 30_000 } = options;
  if (!Number.isFinite(epochMs)) throw new TypeError("epochMs must be a finite number");
  if (seed !== undefined && !Number.isFinite(seed)) {
    throw new TypeError("seed must be a finite number");
  }
  if (!(cryptoWaitMs > 0)) throw new RangeError("cryptoWaitMs must be positive");
  installed = true;

  const g = globalThis as unknown as Record<string, unknown>;
  const real = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    dateNow: Date.now,
    random: Math.random,
    realNow: performance.now.bind(performance),
  };
  // A macrotask that is not a timer: by the time it runs, every microtask queued before it has.
  const messages = new MessageChannel();
  const waiting: Array<() => void> = [];
  messages.port1.onmessage = () => waiting.shift()?.();
  const macrotask = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      messages.port2.postMessage(0);
    });

  let now = 0;
  let seq = 0;
  let nextId = FIRST_ID;
  let timersRun = 0;
  let inflightCrypto = 0;
  const heap: Timer[] = [];
  const live = new Map<number, Timer>();

  const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const push = (t: Timer) => {
    heap.push(t);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = (): Timer | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };

  const schedule = (fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number => {
    if (typeof fn !== "function") throw new TypeError("virtual timers take a function");
    const delay = Math.max(0, Number(ms) || 0);
    const timer: Timer = {
      id: nextId++,
      at: now + delay,
      seq: seq++,
      run: () => fn(...args),
      every: repeat ? Math.max(1, delay) : undefined,
    };
    live.set(timer.id, timer);
    push(timer);
    return timer.id;
  };
  const cancel = (id: unknown) => {
    // Removed lazily: a cancelled timer stays in the heap and is skipped when popped.
    live.delete(Number(id));
  };

  g.setTimeout = (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(fn, ms, args, false);
  g.setInterval = (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(fn, ms, args, true);
  g.clearTimeout = cancel;
  g.clearInterval = cancel;
  Date.now = () => epochMs + Math.floor(now);
  const perfNowBefore = Object.getOwnPropertyDescriptor(performance, "now");
  Object.defineProperty(performance, "now", { value: () => now, configurable: true });
  if (seed !== undefined) {
    const prng = createPrng(seed);
    Math.random = () => prng.next();
  }
  const deno = g.Deno as { unrefTimer?: (id: number) => void; refTimer?: (id: number) => void };
  const realRef = { unrefTimer: deno?.unrefTimer, refTimer: deno?.refTimer };
  if (deno?.unrefTimer && deno.refTimer) {
    // Code that unrefs its timers (certificate rotation) would hand Deno a virtual id.
    deno.unrefTimer = (id) => id >= FIRST_ID ? undefined : realRef.unrefTimer!(id);
    deno.refTimer = (id) => id >= FIRST_ID ? undefined : realRef.refTimer!(id);
  }
  const subtle = crypto.subtle as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  // Own properties are put back as they were; the usual case (methods on the prototype) by delete.
  const ownBefore = new Map<string, PropertyDescriptor | undefined>(
    SUBTLE_METHODS.map((n) => [n, Object.getOwnPropertyDescriptor(subtle, n)]),
  );
  for (const name of SUBTLE_METHODS) {
    const method = subtle[name];
    if (typeof method !== "function") continue;
    Object.defineProperty(subtle, name, {
      configurable: true,
      value: (...a: unknown[]) => {
        inflightCrypto++;
        return method.apply(crypto.subtle, a).finally(() => inflightCrypto--);
      },
    });
  }

  /** Waits until microtasks have drained and no crypto operation is in flight. */
  const settle = async () => {
    await macrotask();
    const started = real.realNow();
    while (inflightCrypto > 0) {
      if (real.realNow() - started > cryptoWaitMs) {
        throw new Error(
          `${inflightCrypto} Web Crypto operations did not finish in ${cryptoWaitMs} ms`,
        );
      }
      await macrotask();
    }
  };

  const runFor = async (ms: number): Promise<void> => {
    if (!installed) throw new Error("virtual time was uninstalled");
    if (!(ms >= 0)) throw new RangeError("runFor takes a non-negative number of ms");
    const end = now + ms;
    await settle();
    for (;;) {
      while (heap.length && !live.has(heap[0].id)) pop();
      if (!heap.length || heap[0].at > end) break;
      const timer = pop()!;
      now = Math.max(now, timer.at);
      if (timer.every !== undefined) {
        timer.at = now + timer.every;
        timer.seq = seq++;
        push(timer);
      } else live.delete(timer.id);
      timersRun++;
      try {
        timer.run();
      } catch (err) {
        // As the runtime would: an exception in a timer is reported, the loop goes on.
        reportError(err);
      }
      await settle();
    }
    now = end;
    await settle();
  };

  return {
    now: () => now,
    get pendingTimers() {
      return live.size;
    },
    get timersRun() {
      return timersRun;
    },
    runFor,
    async runUntil(done, { limitMs, stepMs = 10 }) {
      if (!(limitMs >= 0) || !(stepMs > 0)) throw new RangeError("limitMs >= 0 and stepMs > 0");
      const end = now + limitMs;
      while (!done()) {
        if (now >= end) return false;
        await runFor(Math.min(stepMs, end - now));
      }
      return true;
    },
    uninstall() {
      if (!installed) return;
      installed = false;
      g.setTimeout = real.setTimeout;
      g.clearTimeout = real.clearTimeout;
      g.setInterval = real.setInterval;
      g.clearInterval = real.clearInterval;
      Date.now = real.dateNow;
      Math.random = real.random;
      restore(performance, "now", perfNowBefore);
      if (deno?.unrefTimer && realRef.unrefTimer && realRef.refTimer) {
        deno.unrefTimer = realRef.unrefTimer;
        deno.refTimer = realRef.refTimer;
      }
      for (const name of SUBTLE_METHODS) restore(subtle, name, ownBefore.get(name));
      messages.port1.close();
      messages.port2.close();
      heap.length = 0;
      live.clear();
    },
  };
}

function restore(target: object, name: string, own: PropertyDescriptor | undefined): void {
  delete (target as Record<string, unknown>)[name];
  if (own) Object.defineProperty(target, name, own);
}

/** Reports an exception the way an uncaught one in a timer would be, without ending the loop. */
function reportError(err: unknown): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (report) report(err);
  else console.error(err);
}
