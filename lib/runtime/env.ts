/**
 * Reading the environment of Deno and Bun without failing: Deno without
 * `--allow-env` neither throws nor prompts here, and a runtime without an
 * environment (a page) reads nothing.
 *
 * @module
 */
import { type LogSpec, parseLogSpec } from "../log.ts";
import { LOG_SUBSYSTEMS } from "../node/config.ts";

interface DenoEnv {
  env: { get(name: string): string | undefined };
  permissions?: { querySync?(d: { name: "env"; variable: string }): { state: string } };
}

/**
 * The variable `name`, or `undefined` where it is unset or cannot be read
 * (Deno without env permission for it: asked first, so there is no prompt).
 *
 * @example
 * ```ts
 * import { readEnv } from "./env.ts";
 * const value = readEnv("GEOMESH_SURELY_UNSET_VARIABLE");
 * console.assert(value === undefined);
 * ```
 */
export function readEnv(name: string): string | undefined {
  try {
    const deno = (globalThis as { Deno?: DenoEnv }).Deno;
    if (deno) {
      const state = deno.permissions?.querySync?.({ name: "env", variable: name }).state;
      return state === "granted" ? deno.env.get(name) : undefined;
    }
    const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } })
      .process;
    return proc?.env?.[name];
  } catch {
    // Permissions API missing or refusing: the environment simply says nothing.
    return undefined;
  }
}

/**
 * The levels `GEOMESH_LOG` asks for (`discovery=debug,pool=info`, or a bare
 * level such as `debug` for everything), or `undefined` when it is unset or
 * empty. Throws a `TypeError` naming the bad part of a malformed value.
 *
 * @example
 * ```ts
 * import { envLogSpec } from "./env.ts";
 * const spec = envLogSpec(() => "warn,discovery=debug");
 * console.assert(spec?.level === "warn" && spec.levels.discovery === "debug");
 * console.assert(envLogSpec(() => undefined) === undefined);
 * ```
 */
export function envLogSpec(
  read: (name: string) => string | undefined = readEnv,
): LogSpec | undefined {
  const value = read("GEOMESH_LOG");
  if (value === undefined || !value.trim()) return undefined;
  try {
    return parseLogSpec(value, LOG_SUBSYSTEMS);
  } catch (err) {
    throw new TypeError(`GEOMESH_LOG=${value}: ${(err as Error).message}`);
  }
}
