/**
 * Pluggable structured logging. A {@linkcode Logger} is four functions taking a
 * message and structured fields (and optionally `child`, for per-subsystem
 * levels); {@linkcode createLogger} makes the default one and
 * {@linkcode parseLogSpec} reads `GEOMESH_LOG`-style level specs.
 *
 * @module
 */
/** Log levels, least to most severe. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
/** Structured fields attached to a log line. Fields whose value is `undefined` are left out. */
export type LogFields = Record<string, unknown>;
/** The logger interface every geomesh component accepts. */
export interface Logger {
    /** Detail for debugging one subsystem (dials, drops, retries). */
    debug(msg: string, fields?: LogFields): void;
    /** Normal operation worth a line (started, peer connected). */
    info(msg: string, fields?: LogFields): void;
    /** Something went wrong but the node carries on. */
    warn(msg: string, fields?: LogFields): void;
    /** Something failed that the operator should look at. */
    error(msg: string, fields?: LogFields): void;
    /**
     * A logger for the subsystem `name` (optional: loggers without it are used
     * as they are by every subsystem). {@linkcode createLogger}'s children add
     * `name` to the line's name and take their level from its `levels` option.
     */
    child?(name: string): Logger;
}
/** Options for {@linkcode createLogger}. */
export interface CreateLoggerOptions {
    /** Lowest level written. Default `"info"`. */
    level?: LogLevel;
    /**
     * Levels of named children (see {@linkcode Logger.child}), overriding
     * `level` for them, e.g. `{ discovery: "debug" }`. Default none.
     */
    levels?: Record<string, LogLevel>;
    /** Write one JSON object per line instead of human-readable text. Default false. */
    json?: boolean;
    /** Component name added to every line. */
    name?: string;
    /** Where lines go. Default: `console.error` (stderr, keeps stdout for output). */
    sink?: (line: string) => void;
}
/**
 * Creates a console or JSON-lines logger. Its `child(name)` loggers write with
 * the name `parent:name` at `levels[name]` (else the parent's level).
 *
 * @example
 * ```ts
 * import { createLogger } from "./log.js";
 * const lines: string[] = [];
 * const log = createLogger({ json: true, sink: (l) => lines.push(l), levels: { pool: "debug" } });
 * log.info("started", { port: 4433, address: undefined });
 * log.debug("not written");
 * log.child?.("pool").debug("dialed");
 * console.assert(JSON.parse(lines[0]).port === 4433 && !("address" in JSON.parse(lines[0])));
 * console.assert(lines.length === 2 && JSON.parse(lines[1]).name === "pool");
 * ```
 */
export declare function createLogger(options?: CreateLoggerOptions): Logger;
/**
 * The logger for subsystem `name` under `logger`: its `child(name)` if it has
 * one, else `logger` itself (a custom logger without `child` logs every
 * subsystem alike).
 *
 * @example
 * ```ts
 * import { childLogger, createLogger, silentLogger } from "./log.js";
 * const lines: string[] = [];
 * const log = createLogger({ name: "geomesh", sink: (l) => lines.push(l) });
 * childLogger(log, "pool").info("dialed");
 * console.assert(lines[0].includes("[geomesh:pool]"));
 * console.assert(childLogger(silentLogger, "pool") !== undefined);
 * ```
 */
export declare function childLogger(logger: Logger, name: string): Logger;
/** A parsed level spec: an overall level and levels per subsystem. */
export interface LogSpec {
    /** The level for everything not named (a bare level in the spec), if given. */
    level?: LogLevel;
    /** Levels per subsystem name. */
    levels: Record<string, LogLevel>;
}
/**
 * Parses a level spec such as `GEOMESH_LOG`'s: comma-separated `name=level`
 * pairs and at most one bare level for everything else, e.g.
 * `"warn,discovery=debug,pool=info"` or `"debug"`. With `names`, only those
 * subsystem names are accepted. Throws a `TypeError` naming the bad part.
 *
 * @example
 * ```ts
 * import { parseLogSpec } from "./log.js";
 * const spec = parseLogSpec("discovery=debug, pool=info");
 * console.assert(spec.level === undefined && spec.levels.discovery === "debug");
 * console.assert(parseLogSpec("debug").level === "debug");
 * let bad = "";
 * try { parseLogSpec("pool=loud"); } catch (e) { bad = (e as Error).message; }
 * console.assert(bad.includes("pool=loud"));
 * ```
 */
export declare function parseLogSpec(spec: string, names?: readonly string[]): LogSpec;
/** A logger that discards everything. */
export declare const silentLogger: Logger;
