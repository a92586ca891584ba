/**
 * Builds `dist/geomesh.js`, the one-file ESM browser build (see
 * `lib/browser/bundle.ts`), which server nodes serve as `/geomesh.js`.
 *
 * Usage: `deno run -A scripts/build-browser.ts [--out FILE]` (also run by
 * `scripts/build.ts`, hence by `npm run build` and `npm pack`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildBrowserBundle } from "../lib/browser/bundle.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: { out: { type: "string", default: `${root}dist/geomesh.js` } },
});
const code = await buildBrowserBundle({ root, outfile: values.out });
console.log(`built ${values.out} (${(code.length / 1024).toFixed(0)} KiB)`);
