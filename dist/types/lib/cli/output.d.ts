/**
 * What the CLI writes: command output on stdout (a reply, JSON lines), every
 * human note and log on stderr, so `geomesh listen | jq` and
 * `x=$(geomesh request ...)` see output only. Also the shell quoting of
 * printed addresses (`?` and `&` would otherwise glob and background) and
 * the reverse, for an address pasted with its quotes inside other quotes.
 *
 * @module
 */
/** Where a command writes (console by default; tests may capture). */
export interface CliIo {
    /** One line of command output (stdout). */
    out(line: string): void;
    /** One line of notes or errors (stderr). */
    err(line: string): void;
}
/** stdout / stderr through the console (works under Deno, Bun and Node). */
export declare const consoleIo: CliIo;
/**
 * `text` quoted for POSIX shells when it needs it: single quotes, with a
 * quote inside written `'\''`.
 *
 * @example
 * ```ts
 * import { shellQuote } from "./output.js";
 * console.assert(shellQuote("geomesh://x@h:1?proto=h3&pin=p") === "'geomesh://x@h:1?proto=h3&pin=p'");
 * console.assert(shellQuote("abc") === "abc");
 * ```
 */
export declare function shellQuote(text: string): string;
/**
 * `text` without surrounding whitespace and surrounding pairs of single or
 * double quotes (an address pasted with the quotes it was printed with, inside
 * another quoting).
 *
 * @example
 * ```ts
 * import { unquote } from "./output.js";
 * console.assert(unquote(" 'geomesh://a' ") === "geomesh://a" && unquote(`"'x'"`) === "x");
 * ```
 */
export declare function unquote(text: string): string;
/**
 * The one line a runtime failure prints: `error CODE: message` (`code` of a
 * `GeomeshError`, else the error's name).
 *
 * @example
 * ```ts
 * import { failureLine } from "./output.js";
 * const err = Object.assign(new Error("no route"), { code: "UNKNOWN_PEER" });
 * console.assert(failureLine("send", err) === "geomesh send: error UNKNOWN_PEER: no route");
 * ```
 */
export declare function failureLine(command: string, err: unknown): string;
/**
 * One JSON line (values JSON cannot carry, like bigints, as strings).
 *
 * @example
 * ```ts
 * import { jsonLine } from "./output.js";
 * console.assert(jsonLine({ type: "message", n: 1n }) === '{"type":"message","n":"1"}');
 * ```
 */
export declare function jsonLine(value: unknown): string;
