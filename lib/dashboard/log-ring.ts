/**
 * A logger that keeps the most recent lines in memory (for the dashboard's
 * "recent log lines") and passes every call on to another logger.
 *
 * @module
 */
import { childLogger, type LogFields, type Logger, type LogLevel } from "../log.ts";

/** One remembered log line. */
export interface LogEntry {
  /** Milliseconds since the epoch. */
  time: number;
  level: Exclude<LogLevel, "silent">;
  msg: string;
  /** Fields rendered as short strings (errors as `Name: message`). */
  fields: Record<string, string>;
}

function render(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v) ?? "";
  } catch {
    return String(value);
  }
}

/**
 * Remembers the last `size` lines at `level` or above and forwards all calls.
 *
 * @example
 * ```ts
 * import { LogRing } from "./log-ring.ts";
 * import { silentLogger } from "../log.ts";
 * const ring = new LogRing(silentLogger, { size: 2 });
 * ring.info("a"); ring.info("b"); ring.warn("c", { peer: "x" });
 * console.assert(ring.entries().map((e) => e.msg).join() === "b,c");
 * ```
 */
export class LogRing implements Logger {
  readonly #inner: Logger;
  readonly #size: number;
  readonly #min: number;
  readonly #lines: LogEntry[] = [];

  constructor(inner: Logger, options: { size?: number; level?: LogLevel } = {}) {
    this.#inner = inner;
    this.#size = options.size ?? 200;
    if (!Number.isInteger(this.#size) || this.#size < 1) {
      throw new RangeError(`size must be an integer >= 1, got ${options.size}`);
    }
    this.#min = ORDER[options.level ?? "info"];
  }

  #keep(level: LogEntry["level"], msg: string, fields?: LogFields): void {
    if (ORDER[level] < this.#min) return;
    const rendered: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields ?? {})) rendered[k] = render(v).slice(0, 300);
    this.#lines.push({ time: Date.now(), level, msg: String(msg).slice(0, 300), fields: rendered });
    if (this.#lines.length > this.#size) this.#lines.shift();
  }

  debug(msg: string, fields?: LogFields): void {
    this.#keep("debug", msg, fields);
    this.#inner.debug(msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.#keep("info", msg, fields);
    this.#inner.info(msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.#keep("warn", msg, fields);
    this.#inner.warn(msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.#keep("error", msg, fields);
    this.#inner.error(msg, fields);
  }

  /**
   * The inner logger's child `name` (its own level applies), remembered in
   * this same ring: subsystems log through children.
   */
  child(name: string): Logger {
    const wrap = (inner: Logger): Logger => ({
      debug: (msg, fields) => (this.#keep("debug", msg, fields), inner.debug(msg, fields)),
      info: (msg, fields) => (this.#keep("info", msg, fields), inner.info(msg, fields)),
      warn: (msg, fields) => (this.#keep("warn", msg, fields), inner.warn(msg, fields)),
      error: (msg, fields) => (this.#keep("error", msg, fields), inner.error(msg, fields)),
      child: (sub) => wrap(childLogger(inner, sub)),
    });
    return wrap(childLogger(this.#inner, name));
  }

  /** The remembered lines, oldest first (a copy). */
  entries(limit = this.#size): LogEntry[] {
    return this.#lines.slice(-limit);
  }
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
