/**
 * Loads a geomesh transport adapter by name for the benchmark, lazily so one
 * runtime's adapter never loads in another. The `fails` and `dual` adapters
 * are found by shape (any export with `listen` and `dial`), so the bench keeps
 * working whatever their export is called; `undefined` when the file is absent.
 *
 * @module
 */
import type { Transport } from "../../lib/transport/types.ts";

/** Adapter names the bench knows; `default` is what `createNode` picks for this runtime. */
export type AdapterName = "default" | "deno" | "fails" | "dual";

/**
 * The transport exported by `lib/transport/<name>.ts`, or `undefined`.
 *
 * @example
 * ```ts ignore
 * import { loadAdapter } from "./transports.ts";
 * const deno = await loadAdapter("deno");
 * ```
 */
export async function loadAdapter(name: AdapterName): Promise<Transport | undefined> {
  let mod: Record<string, unknown>;
  try {
    if (name === "default") {
      const m = await import("../../lib/transport/mod.ts") as {
        defaultTransport?: () => Promise<Transport>;
      };
      return await m.defaultTransport?.();
    }
    mod = await import(`../../lib/transport/${name}.ts`) as Record<string, unknown>;
  } catch (err) {
    if (/not find|not found|cannot find|ENOENT/i.test(String((err as Error)?.message))) {
      return undefined;
    }
    throw err;
  }
  for (const key of [`${name}Transport`, "transport", "default"]) {
    const t = mod[key] as Transport | undefined;
    if (t && typeof t.listen === "function" && typeof t.dial === "function") return t;
  }
  for (const value of Object.values(mod)) {
    const t = value as Transport | undefined;
    if (
      t && typeof t === "object" && typeof t.listen === "function" && typeof t.dial === "function"
    ) {
      return t;
    }
  }
  return undefined;
}

/** base64url without padding, as node addresses carry pins. */
export function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/** Inverse of {@linkcode toBase64Url}. */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
