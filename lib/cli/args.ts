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
import type { CliIo } from "./output.ts";

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
 * import { UsageError } from "./args.ts";
 * console.assert(new UsageError("send", "bad").command === "send");
 * ```
 */
export class UsageError extends Error {
  /** The command whose usage to print. */
  readonly command: string | undefined;
  constructor(command: string | undefined, message: string) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}

/** `--help` / `-h`, which every command has. */
export const HELP_FLAG: FlagSpec = {
  name: "help",
  kind: "boolean",
  short: "h",
  description: "show this help and exit",
};

function convert(command: string, spec: FlagSpec, raw: string): string | number {
  if (spec.kind === "int") {
    const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    const min = spec.min ?? Number.MIN_SAFE_INTEGER, max = spec.max ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(
        command,
        `--${spec.name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      );
    }
    return n;
  }
  if (spec.kind === "choice" && !spec.choices!.includes(raw)) {
    throw new UsageError(
      command,
      `--${spec.name} must be one of ${spec.choices!.join(", ")}, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

/**
 * Parses `args` against `spec`: `--flag value`, `--flag=value`, `-h`, `--`
 * (everything after it is positional). Checks the positional count too.
 *
 * @example
 * ```ts
 * import { type CommandSpec, parseCommandArgs } from "./args.ts";
 * const spec: CommandSpec = { name: "x", summary: "", positionals: [], flags: [
 *   { name: "port", kind: "int", min: 0, max: 65535, default: 4433, description: "" },
 * ] };
 * const { flags } = parseCommandArgs(spec, ["--port=80"]);
 * console.assert(flags.port === 80);
 * ```
 */
export function parseCommandArgs(spec: CommandSpec, args: string[]): ParsedArgs {
  const flags: FlagValues = {};
  const all = [...spec.flags, HELP_FLAG];
  for (const f of all) {
    if (f.multiple) flags[f.name] = [...((f.default as string[] | undefined) ?? [])];
    else if (f.default !== undefined) flags[f.name] = f.default;
    else if (f.kind === "boolean") flags[f.name] = false;
  }
  const seen = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq < 0 ? undefined : eq) : undefined;
    const f = name !== undefined
      ? all.find((s) => s.name === name)
      : all.find((s) => s.short !== undefined && `-${s.short}` === arg);
    if (!f) {
      throw new UsageError(
        spec.name,
        `unknown flag ${
          JSON.stringify(eq < 0 ? arg : arg.slice(0, eq))
        } for "geomesh ${spec.name}"` +
          ` (see the flags below)`,
      );
    }
    if (f.kind === "boolean") {
      if (eq >= 0) throw new UsageError(spec.name, `--${f.name} takes no value`);
      flags[f.name] = true;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < args.length) raw = args[++i];
    else throw new UsageError(spec.name, `--${f.name} needs a value (${f.value ?? "VALUE"})`);
    const value = convert(spec.name, f, raw);
    if (f.multiple) (flags[f.name] as string[]).push(String(value));
    else {
      if (seen.has(f.name)) throw new UsageError(spec.name, `--${f.name} given twice`);
      flags[f.name] = value;
    }
    seen.add(f.name);
  }
  if (flags.help) return { flags, positionals };
  if (positionals.length < spec.positionals.length) {
    const missing = spec.positionals[positionals.length];
    throw new UsageError(spec.name, `missing argument <${missing.name}>: ${missing.description}`);
  }
  if (positionals.length > spec.positionals.length) {
    throw new UsageError(
      spec.name,
      `unexpected argument ${JSON.stringify(positionals[spec.positionals.length])}` +
        ` ("geomesh ${spec.name}" takes ${spec.positionals.length || "no"} argument${
          spec.positionals.length === 1 ? "" : "s"
        })`,
    );
  }
  return { flags, positionals };
}

/** A command the CLI runs: its declaration and what it does (resolving to the exit code). */
export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
