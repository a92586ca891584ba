/**
 * Loads `@fails-components/webtransport` lazily (only the `fails` adapter
 * does, on first use) and quietly: on import the library tries to load its
 * optional native HTTP/3 addon and, when that is absent (always, here; it
 * cannot be built offline), prints three lines to stdout/stderr. Those lines,
 * and only those, are filtered while the import settles.
 *
 * Also checks, once per process, that the install-time patch
 * (`patches/@fails-components+webtransport+1.6.8.patch`) is applied: a Deno
 * program importing geomesh by URL gets the library from Deno's npm cache,
 * unpatched, and would stall after 16 KiB.
 *
 * @module
 */
import type { Logger } from "../log.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

/** The parts of the library the adapter uses (its own typings are incomplete). */
export interface FailsLibrary {
  /** WebTransport over HTTP/2 + WebSocket server (`reliability: "reliableOnly"`). */
  Http2Server: new (init: Record<string, unknown>) => Any;
  /** WebTransport client; `forceReliable: true` selects HTTP/2. */
  WebTransport: new (url: string, init: Record<string, unknown>) => Any;
}

const NOISE = [
  "http3 loader:",
  "Problem loading http3-quiche transport",
  "Did you install @fails-components/webtransport-transport-http3-quiche",
];

let loading: Promise<FailsLibrary> | undefined;

/**
 * Imports the library once per process, hiding its "native addon missing" noise.
 *
 * @example
 * ```ts
 * import { loadFails } from "./fails-load.ts";
 * const { Http2Server } = await loadFails();
 * console.assert(typeof Http2Server === "function");
 * console.assert(await loadFails() === await loadFails()); // imported once
 * ```
 */
export function loadFails(): Promise<FailsLibrary> {
  return loading ??= (async () => {
    const { log, error } = console;
    const quiet = (write: (...a: unknown[]) => void) => (...args: unknown[]) => {
      if (typeof args[0] === "string" && NOISE.some((n) => (args[0] as string).startsWith(n))) {
        return;
      }
      write(...args);
    };
    console.log = quiet(log);
    console.error = quiet(error);
    try {
      const lib = await import("../deps/fails.ts") as Any;
      // Both of the library's loader promises settle within a few ticks of this one.
      await lib.quicheLoaded;
      await new Promise((r) => setTimeout(r, 0));
      return lib as FailsLibrary;
    } finally {
      if (console.log !== log) console.log = log;
      if (console.error !== error) console.error = error;
    }
  })();
}

let warned = false;

/**
 * Warns once if a library session object comes from an unpatched install.
 * Looks at the source of two patched methods; never throws.
 *
 * @example
 * ```ts
 * import { warnIfUnpatched } from "./fails-load.ts";
 * warnIfUnpatched({}, { warn() {}, info() {}, debug() {}, error() {} });
 * ```
 */
export function warnIfUnpatched(libSession: unknown, logger: Logger): void {
  if (warned) return;
  try {
    const objint = (libSession as Any)?.objint;
    if (!objint) return;
    const initial = String(objint.sendInitialParameters);
    const parser = String(Object.getPrototypeOf(objint.capsParser)?.parseData);
    if (initial.includes("majorVersion") || !parser.includes("!!this.rfin")) {
      warned = true;
      logger.warn(
        "@fails-components/webtransport is not patched: HTTP/2 streams stall after 16 KiB. " +
          "Run `node scripts/apply-patches.mjs` (npm install does) or use a node_modules install.",
      );
    }
  } catch { /* introspection only */ }
}
