/**
 * Timer-driven certificate rotation: keeps a current/next pair up to date
 * (persisted under the cert path, or in memory), and calls back whenever the
 * served certificate or the advertised pins change, so the node can swap its
 * listener certificate and re-sign its pin binding.
 *
 * The timer sleeps until the next rotation is due but wakes at least every
 * `maxDelayMs` (1 h) so that suspended machines and clock jumps are caught up.
 * It does not keep the process alive on its own.
 *
 * @module
 */
import { AbortedError } from "../errors.ts";
import { type Logger, silentLogger } from "../log.ts";
import type { TlsCertificate } from "./generate.ts";
import {
  type CertificatePair,
  certificatePins,
  type RotationOptions,
  rotationPolicy,
  type RotationResult,
  updateCertificates,
} from "./rotation.ts";
import { loadOrCreateCertificates } from "./store.ts";

/** Options for {@linkcode startCertificateRotation}. */
export interface CertificateRotatorOptions extends Omit<RotationOptions, "now"> {
  /** Persist under this directory; omit to keep the certificates in memory. */
  certPath?: string;
  /** Called after each change of the served certificate or of the advertised pins. */
  onRotate?: (result: RotationResult) => void | Promise<void>;
  /** Stops the rotator. */
  signal?: AbortSignal;
  /** Clock in milliseconds since the epoch (tests inject one). Default `Date.now`. */
  clock?: () => number;
  /** Longest sleep between checks. Default 1 hour. */
  maxDelayMs?: number;
  /** Sleep after a failed check before retrying. Default 60 s. */
  retryDelayMs?: number;
}

/** Handle returned by {@linkcode startCertificateRotation}. */
export interface CertificateRotator {
  /** The served certificate. */
  readonly current: TlsCertificate;
  /** The certificate served after the next rotation. */
  readonly next: TlsCertificate;
  /** `[current.pin, next.pin]`. */
  readonly pins: Uint8Array[];
  /** When the timer will next check (null once stopped). */
  readonly nextCheckAt: Date | null;
  /** Checks now: rotates if due, calls `onRotate` on change. Resolves whether anything changed. */
  check(): Promise<boolean>;
  /** Stops the timer (also done by the `signal`). */
  stop(): void;
}

function unref(timer: ReturnType<typeof setTimeout>): void {
  if ("Deno" in globalThis) {
    (globalThis as unknown as { Deno: { unrefTimer(id: number): void } }).Deno.unrefTimer(
      timer as unknown as number,
    );
  } else {
    (timer as unknown as { unref?: () => void }).unref?.();
  }
}

/**
 * Loads or creates the certificate pair and starts rotating it.
 *
 * @example
 * ```ts
 * import { startCertificateRotation } from "./rotator.ts";
 * const controller = new AbortController();
 * const rotator = await startCertificateRotation({
 *   hostnames: ["127.0.0.1"],
 *   signal: controller.signal,
 *   onRotate: ({ current }) => console.log("now serving", current.notAfter),
 * });
 * console.assert(rotator.pins.length === 2);
 * controller.abort();
 * ```
 */
export async function startCertificateRotation(
  options: CertificateRotatorOptions = {},
): Promise<CertificateRotator> {
  const clock = options.clock ?? Date.now;
  const policy = rotationPolicy(options);
  const logger: Logger = options.logger ?? silentLogger;
  const maxDelayMs = options.maxDelayMs ?? 3_600_000;
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  for (const [name, v] of [["maxDelayMs", maxDelayMs], ["retryDelayMs", retryDelayMs]] as const) {
    if (!(v >= 1 && v <= 2 ** 31 - 1)) throw new RangeError(`${name} must be in [1, 2^31-1] ms`);
  }
  if (options.signal?.aborted) throw new AbortedError("certificate rotation aborted before start");

  const update = (state: Partial<CertificatePair>) => {
    const opts = { ...options, now: clock() };
    return options.certPath
      ? loadOrCreateCertificates({ ...opts, certPath: options.certPath })
      : updateCertificates(state, opts);
  };
  let pair: CertificatePair = await update({});
  let timer: ReturnType<typeof setTimeout> | undefined;
  let nextCheckAt: Date | null = null;
  let stopped = false;
  let running: Promise<boolean> = Promise.resolve(false);

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    const ms = Math.max(0, Math.min(delay, maxDelayMs));
    nextCheckAt = new Date(clock() + ms);
    timer = setTimeout(() => {
      check().catch(() => {}); // failures are logged and rescheduled inside
    }, ms);
    unref(timer);
  };
  const dueIn = () => pair.current.notAfter.getTime() - policy.renewBeforeMs - clock();

  const runCheck = async (): Promise<boolean> => {
    if (stopped) return false;
    let result: RotationResult;
    try {
      result = await update(pair);
    } catch (err) {
      logger.error("certificate rotation failed", { err });
      schedule(retryDelayMs);
      throw err;
    }
    const changed = result.currentChanged || result.nextChanged;
    pair = { current: result.current, next: result.next };
    if (changed && !stopped) {
      logger.info("certificates rotated", { reasons: result.reasons.join("; ") });
      try {
        await options.onRotate?.(result);
      } catch (err) {
        logger.error("certificate rotation callback failed", { err });
      }
    }
    schedule(dueIn());
    return changed;
  };
  // Serialised: a manual check and the timer never run at the same time.
  const check = () => (running = running.catch(() => false).then(runCheck));

  const stop = () => {
    stopped = true;
    nextCheckAt = null;
    clearTimeout(timer);
  };
  options.signal?.addEventListener("abort", stop, { once: true });
  schedule(dueIn());

  return {
    get current() {
      return pair.current;
    },
    get next() {
      return pair.next;
    },
    get pins() {
      return certificatePins(pair);
    },
    get nextCheckAt() {
      return nextCheckAt;
    },
    check,
    stop,
  };
}
