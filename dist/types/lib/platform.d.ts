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
 * import { detectRuntime } from "./platform.js";
 * console.assert(["deno", "bun", "node", "browser"].includes(detectRuntime()));
 * ```
 */
export declare function detectRuntime(): Runtime;
