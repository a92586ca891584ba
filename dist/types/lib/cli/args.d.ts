/**
 * The CLI's flag parser: each command declares its flags (name, kind,
 * default, one-line description) and positionals once, and both parsing and
 * `--help` come from that declaration, so the help can never miss a flag.
 * Every refusal is a {@linkcode UsageError} naming the flag or argument and
 * what it accepts; `main.ts` turns it into one stderr line, the usage and
 * exit code 2.
 *
 * @module
 */
import type { CliIo } from "./output.js";
/** A flag of a command. */
export interface FlagSpec {
    /** Long name without the dashes (`port` for `--port`). */
    name: string;
    /** `boolean` takes no value; `int` is checked against `min`/`max`; `choice` against `choices`. */
    kind: "boolean" | "string" | "int" | "choice";
    /** One-line description for `--help`. */
    description: string;
    /** Default value (shown in `--help`); booleans default to false. */
    default?: string | number | boolean | string[];
    /** What `--help` says instead of the default (`a fresh identity per run`). */
    defaultText?: string;
    /** Placeholder of the value in `--help` (`N`, `DIR`, `ADDRESS`). */
    value?: string;
    /** May be given several times; the value is then a list. */
    multiple?: boolean;
    /** Accepted values of a `choice` flag. */
    choices?: readonly string[];
    /** Bounds of an `int` flag (inclusive). */
    min?: number;
    max?: number;
    /** Single-letter alias (`h` for `-h`). */
    short?: string;
}
/** A positional argument of a command. */
export interface PositionalSpec {
    /** Name shown as `<name>`. */
    name: string;
    description: string;
}
/** A command: its name, summary, positionals and flags. */
export interface CommandSpec {
    name: string;
    /** One line for `geomesh --help`. */
    summary: string;
    /** A few lines for `geomesh <name> --help`. */
    details?: string;
    positionals: PositionalSpec[];
    flags: FlagSpec[];
}
/** Parsed flag values by flag name. */
export type FlagValues = Record<string, string | number | boolean | string[]>;
/** What {@linkcode parseCommandArgs} returns. */
export interface ParsedArgs {
    flags: FlagValues;
    positionals: string[];
}
/**
 * A bad invocation (unknown flag, bad value, missing argument): exit code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./args.js";
 * console.assert(new UsageError("send", "bad").command === "send");
 * ```
 */
export declare class UsageError extends Error {
    /** The command whose usage to print. */
    readonly command: string | undefined;
    constructor(command: string | undefined, message: string);
}
/** `--help` / `-h`, which every command has. */
export declare const HELP_FLAG: FlagSpec;
/**
 * Parses `args` against `spec`: `--flag value`, `--flag=value`, `-h`, `--`
 * (everything after it is positional). Checks the positional count too.
 *
 * @example
 * ```ts
 * import { type CommandSpec, parseCommandArgs } from "./args.js";
 * const spec: CommandSpec = { name: "x", summary: "", positionals: [], flags: [
 *   { name: "port", kind: "int", min: 0, max: 65535, default: 4433, description: "" },
 * ] };
 * const { flags } = parseCommandArgs(spec, ["--port=80"]);
 * console.assert(flags.port === 80);
 * ```
 */
export declare function parseCommandArgs(spec: CommandSpec, args: string[]): ParsedArgs;
/** A command the CLI runs: its declaration and what it does (resolving to the exit code). */
export interface Command {
    spec: CommandSpec;
    run(args: ParsedArgs, io: CliIo): Promise<number>;
}
