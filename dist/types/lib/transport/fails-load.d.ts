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
import type { Logger } from "../log.js";
type Any = any;
/** The parts of the library the adapter uses (its own typings are incomplete). */
export interface FailsLibrary {
    /** WebTransport over HTTP/2 + WebSocket server (`reliability: "reliableOnly"`). */
    Http2Server: new (init: Record<string, unknown>) => Any;
    /** WebTransport client; `forceReliable: true` selects HTTP/2. */
    WebTransport: new (url: string, init: Record<string, unknown>) => Any;
}
/**
 * Imports the library once per process, hiding its "native addon missing" noise.
 *
 * @example
 * ```ts
 * import { loadFails } from "./fails-load.js";
 * const { Http2Server } = await loadFails();
 * console.assert(typeof Http2Server === "function");
 * console.assert(await loadFails() === await loadFails()); // imported once
 * ```
 */
export declare function loadFails(): Promise<FailsLibrary>;
/**
 * Warns once if a library session object comes from an unpatched install.
 * Looks at the source of two patched methods; never throws.
 *
 * @example
 * ```ts
 * import { warnIfUnpatched } from "./fails-load.js";
 * warnIfUnpatched({}, { warn() {}, info() {}, debug() {}, error() {} });
 * ```
 */
export declare function warnIfUnpatched(libSession: unknown, logger: Logger): void;
export {};
