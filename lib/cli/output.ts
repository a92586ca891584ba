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
export const consoleIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/**
 * `text` quoted for POSIX shells when it needs it: single quotes, with a
 * quote inside written `'\''`.
 *
 * @example
 * ```ts
 * import { shellQuote } from "./output.ts";
 * console.assert(shellQuote("geomesh://x@h:1?proto=h3&pin=p") === "'geomesh://x@h:1?proto=h3&pin=p'");
 * console.assert(shellQuote("abc") === "abc");
 * ```
 */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * `text` without surrounding whitespace and surrounding pairs of single or
 * double quotes (an address pasted with the quotes it was printed with, inside
 * another quoting).
 *
 * @example
 * ```ts
 * import { unquote } from "./output.ts";
 * console.assert(unquote(" 'geomesh://a' ") === "geomesh://a" && unquote(`"'x'"`) === "x");
 * ```
 */
export function unquote(text: string): string {
  let t = text.trim();
  for (let m; (m = t.match(/^(['"])(.*)\1$/s));) t = m[2].trim();
  return t;
}

/**
 * The one line a runtime failure prints: `error CODE: message` (`code` of a
 * `GeomeshError`, else the error's name).
 *
 * @example
 * ```ts
 * import { failureLine } from "./output.ts";
 * const err = Object.assign(new Error("no route"), { code: "UNKNOWN_PEER" });
 * console.assert(failureLine("send", err) === "geomesh send: error UNKNOWN_PEER: no route");
 * ```
 */
export function failureLine(command: string, err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  const label = typeof code === "string" && code ? code : e.name || "Error";
  const message = e.message.split("\n")[0];
  return `geomesh ${command}: error ${label}: ${message}`;
}

/**
 * One JSON line (values JSON cannot carry, like bigints, as strings).
 *
 * @example
 * ```ts
 * import { jsonLine } from "./output.ts";
 * console.assert(jsonLine({ type: "message", n: 1n }) === '{"type":"message","n":"1"}');
 * ```
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v);
}
