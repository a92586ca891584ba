/**
 * Reading the environment of Deno and Bun without failing: Deno without
 * `--allow-env` neither throws nor prompts here, and a runtime without an
 * environment (a page) reads nothing.
 *
 * @module
 */
import { type LogSpec } from "../log.js";
/**
 * The variable `name`, or `undefined` where it is unset or cannot be read
 * (Deno without env permission for it: asked first, so there is no prompt).
 *
 * @example
 * ```ts
 * import { readEnv } from "./env.js";
 * const value = readEnv("GEOMESH_SURELY_UNSET_VARIABLE");
 * console.assert(value === undefined);
 * ```
 */
export declare function readEnv(name: string): string | undefined;
/**
 * The levels `GEOMESH_LOG` asks for (`discovery=debug,pool=info`, or a bare
 * level such as `debug` for everything), or `undefined` when it is unset or
 * empty. Throws a `TypeError` naming the bad part of a malformed value.
 *
 * @example
 * ```ts
 * import { envLogSpec } from "./env.js";
 * const spec = envLogSpec(() => "warn,discovery=debug");
 * console.assert(spec?.level === "warn" && spec.levels.discovery === "debug");
 * console.assert(envLogSpec(() => undefined) === undefined);
 * ```
 */
export declare function envLogSpec(read?: (name: string) => string | undefined): LogSpec | undefined;
