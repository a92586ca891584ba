/**
 * Pluggable structured logging. A {@linkcode Logger} is four functions taking a
 * message and structured fields; {@linkcode createLogger} makes the default one.
 *
 * @module
 */

/** Log levels, least to most severe. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The logger interface every geomesh component accepts. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Options for {@linkcode createLogger}. */
export interface CreateLoggerOptions {
  /** Lowest level written. Default `"info"`. */
  level?: LogLevel;
  /** Write one JSON object per line instead of human-readable text. Default false. */
  json?: boolean;
  /** Component name added to every line. */
  name?: string;
  /** Where lines go. Default: `console.error` (stderr, keeps stdout for output). */
  sink?: (line: string) => void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function fieldValue(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return code === undefined
      ? `${value.name}: ${value.message}`
      : `${value.name}(${code}): ${value.message}`;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * Creates a console or JSON-lines logger.
 *
 * @example
 * ```ts
 * import { createLogger } from "./log.ts";
 * const lines: string[] = [];
 * const log = createLogger({ json: true, sink: (l) => lines.push(l) });
 * log.info("started", { port: 4433 });
 * console.assert(JSON.parse(lines[0]).port === 4433);
 * ```
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  if (!(level in ORDER)) throw new TypeError(`Unknown log level: ${String(level)}`);
  const min = ORDER[level];
  const sink = options.sink ?? ((line: string) => console.error(line));
  const make = (lvl: Exclude<LogLevel, "silent">) => (msg: string, fields: LogFields = {}) => {
    if (ORDER[lvl] < min) return;
    const entries = Object.entries(fields).map(([k, v]) => [k, fieldValue(v)] as const);
    if (options.json) {
      sink(JSON.stringify({
        time: new Date().toISOString(),
        level: lvl,
        ...(options.name ? { name: options.name } : {}),
        msg,
        ...Object.fromEntries(entries),
      }));
    } else {
      const extra = entries.map(([k, v]) =>
        `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`
      );
      sink(
        [lvl.toUpperCase().padEnd(5), options.name ? `[${options.name}]` : "", msg, ...extra]
          .filter(Boolean).join(" "),
      );
    }
  };
  return { debug: make("debug"), info: make("info"), warn: make("warn"), error: make("error") };
}

/** A logger that discards everything. */
export const silentLogger: Logger = createLogger({ level: "silent" });
