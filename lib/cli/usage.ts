/**
 * `--help` text, generated from the command declarations (`args.ts`) so that
 * every flag is listed with its default and description.
 *
 * @module
 */
import { type CommandSpec, type FlagSpec, HELP_FLAG } from "./args.ts";

function flagLabel(f: FlagSpec): string {
  const value = f.kind === "boolean"
    ? ""
    : ` ${f.value ?? (f.kind === "choice" ? f.choices!.join("|") : "VALUE")}`;
  return `${f.short ? `-${f.short}, ` : ""}--${f.name}${value}`;
}

function defaultLabel(f: FlagSpec): string {
  if (f.defaultText) return ` (default: ${f.defaultText})`;
  if (f.kind === "boolean") return f.default ? " (default: on)" : "";
  if (f.multiple) {
    const list = (f.default as string[] | undefined) ?? [];
    return list.length
      ? ` (repeatable; default: ${list.join(", ")})`
      : " (repeatable; default: none)";
  }
  return f.default === undefined ? " (default: none)" : ` (default: ${f.default})`;
}

/**
 * The help of one command: usage line, details, arguments and every flag.
 *
 * @example
 * ```ts
 * import { commandUsage } from "./usage.ts";
 * const text = commandUsage({ name: "id", summary: "print the id", positionals: [], flags: [] });
 * console.assert(text.startsWith("usage: geomesh id") && text.includes("--help"));
 * ```
 */
export function commandUsage(spec: CommandSpec): string {
  const args = spec.positionals.map((p) => ` <${p.name}>`).join("");
  const lines = [`usage: geomesh ${spec.name}${args} [flags]`, "", spec.summary];
  if (spec.details) lines.push("", spec.details);
  if (spec.positionals.length) {
    lines.push("", "arguments:");
    const width = Math.max(...spec.positionals.map((p) => p.name.length + 2));
    for (const p of spec.positionals) {
      lines.push(`  ${`<${p.name}>`.padEnd(width)}  ${p.description}`);
    }
  }
  lines.push("", "flags:");
  const flags = [...spec.flags, HELP_FLAG];
  const width = Math.max(...flags.map((f) => flagLabel(f).length));
  for (const f of flags) {
    lines.push(`  ${flagLabel(f).padEnd(width)}  ${f.description}${defaultLabel(f)}`);
  }
  return lines.join("\n");
}

/**
 * `geomesh --help`: the commands, one line each.
 *
 * @example
 * ```ts
 * import { mainUsage } from "./usage.ts";
 * const text = mainUsage([{ name: "id", summary: "print the id", positionals: [], flags: [] }]);
 * console.assert(text.includes("id") && text.includes("print the id"));
 * ```
 */
export function mainUsage(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: geomesh [command] [arguments] [flags]",
    "",
    "A node of a geomesh mesh (WebTransport over HTTP/3, HTTP/2, WebSocket).",
    "Without a command, runs `geomesh start`.",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "`geomesh <command> --help` lists the flags of a command.",
    "Exit codes: 0 ok, 1 runtime failure (unreachable, timeout), 2 bad invocation.",
  ].join("\n");
}
