/**
 * Where a node gets the browser bundle it serves as `/geomesh.js`: built from
 * the sources with esbuild when running from a source checkout (always
 * current), else the pre-built `geomesh.js` beside the module (`dist/` of the
 * npm package, written by `scripts/build-browser.ts`). Loaded once, on first
 * request.
 *
 * @module
 */
/**
 * A loader for the bundle text (cached; a failure is retried on the next call).
 *
 * @example
 * ```ts
 * import { browserBundleLoader } from "./bundle-source.js";
 * const load = browserBundleLoader();
 * const code = await load(); // from a source checkout: built now, with esbuild
 * console.assert(code.includes("createNode") && await load() === code); // then cached
 * ```
 */
export declare function browserBundleLoader(): () => Promise<string>;
