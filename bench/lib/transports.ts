/**
 * Picks a geomesh transport adapter by name for the benchmark: `default` is
 * what `createNode` uses on this runtime; the others load their module lazily
 * (`lib/transport/mod.ts`), so one runtime's adapter never loads in another.
 *
 * @module
 */
import {
  type AdapterName as LibAdapterName,
  defaultTransport,
  loadAdapter as loadLibAdapter,
} from "../../lib/transport/mod.ts";
import type { Transport } from "../../lib/transport/types.ts";

/** Adapter names the bench knows; `default` is what `createNode` picks for this runtime. */
export type AdapterName = "default" | LibAdapterName;

/**
 * The transport named `name`.
 *
 * @example
 * ```ts ignore
 * import { loadAdapter } from "./transports.ts";
 * const deno = await loadAdapter("deno");
 * ```
 */
export function loadAdapter(name: AdapterName): Promise<Transport> {
  return name === "default" ? defaultTransport() : loadLibAdapter(name);
}
