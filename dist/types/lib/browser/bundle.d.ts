/**
 * Builds the browser bundle `geomesh.js`: one ESM file (esbuild) exposing
 * `createNode` and friends from `lib/browser/mod.ts`, with the browser build
 * of `@fails-components/webtransport` (WebSocket ponyfill) and cborg inside.
 *
 * The browser entry wires its own parts (browser transport, ephemeral
 * identity, no certificates, no plugins), so nothing server-only is reachable
 * from it; the build checks that: any `node:` import, and any module of
 * {@linkcode SERVER_ONLY} in the bundle, is a build error naming the module.
 *
 * @module
 */
/** Options of {@linkcode buildBrowserBundle}. */
export interface BrowserBundleOptions {
    /** Minify. Default true. */
    minify?: boolean;
    /** Write the bundle here as well (path). */
    outfile?: string;
    /** Repository root holding `lib/` and `node_modules/`. Default: found from this file. */
    root?: string;
    /** Entry module, relative to `root`. Default `lib/browser/mod.ts`. */
    entry?: string;
}
/**
 * Modules a page must never load, by path pattern: file-system stores,
 * certificate making and rotation (X.509), the runtime transports and their
 * selector, the runtime composition root and the dashboard site.
 */
export declare const SERVER_ONLY: readonly RegExp[];
/**
 * Builds the bundle and resolves with its text.
 *
 * @example
 * ```ts
 * import { buildBrowserBundle } from "./bundle.js";
 * // `outfile: "dist/geomesh.js"` would write it too (as `npm run build` does).
 * const code = await buildBrowserBundle();
 * console.assert(/export\s*\{[^}]*\bcreateNode\b/.test(code), "exports createNode");
 * ```
 */
export declare function buildBrowserBundle(options?: BrowserBundleOptions): Promise<string>;
