/**
 * Which JavaScript runtime this code runs in. Adapter selection
 * (`transport/mod.ts`) and introspection (`geomesh.info`) both ask.
 *
 * @module
 */

/** A runtime geomesh knows. */
export type Runtime = "deno" | "bun" | "node" | "browser";

/**
 * Detects the runtime.
 *
 * @example
 * ```ts
 * import { detectRuntime } from "./platform.ts";
 * console.assert(["deno", "bun", "node", "browser"].includes(detectRuntime()));
 * ```
 */
export function detectRuntime(): Runtime {
  if ("Deno" in globalThis) return "deno";
  if ("Bun" in globalThis) return "bun";
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return p?.versions?.node ? "node" : "browser";
}
