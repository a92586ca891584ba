/**
 * Pinned esbuild (a dev dependency): used to build the one-file browser
 * bundle (`lib/browser/bundle.ts`). Imported lazily, only when a bundle is
 * built, so nodes that serve a pre-built `dist/geomesh.js` never load it.
 *
 * @module
 */
export * from "esbuild";
