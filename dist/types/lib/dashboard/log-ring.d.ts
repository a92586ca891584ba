/**
 * A logger that keeps the most recent lines in memory (for the dashboard's
 * "recent log lines") and passes every call on to another logger.
 *
 * @module
 */
import { type LogFields, type Logger, type LogLevel } from "../log.js";
/** One remembered log line. */
export interface LogEntry {
    /** Milliseconds since the epoch. */
    time: number;
    level: Exclude<LogLevel, "silent">;
    msg: string;
    /** Fields rendered as short strings (errors as `Name: message`). */
    fields: Record<string, string>;
}
/**
 * Remembers the last `size` lines at `level` or above and forwards all calls.
 *
 * @example
 * ```ts
 * import { LogRing } from "./log-ring.js";
 * import { silentLogger } from "../log.js";
 * const ring = new LogRing(silentLogger, { size: 2 });
 * ring.info("a"); ring.info("b"); ring.warn("c", { peer: "x" });
 * console.assert(ring.entries().map((e) => e.msg).join() === "b,c");
 * ```
 */
export declare class LogRing implements Logger {
    #private;
    constructor(inner: Logger, options?: {
        size?: number;
        level?: LogLevel;
    });
    debug(msg: string, fields?: LogFields): void;
    info(msg: string, fields?: LogFields): void;
    warn(msg: string, fields?: LogFields): void;
    error(msg: string, fields?: LogFields): void;
    /**
     * The inner logger's child `name` (its own level applies), remembered in
     * this same ring: subsystems log through children.
     */
    child(name: string): Logger;
    /** The remembered lines, oldest first (a copy). */
    entries(limit?: number): LogEntry[];
}
