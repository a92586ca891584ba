/**
 * Builds `dist/` for npm consumers (Bun, Node): the same sources bundled with
 * esbuild, `npm:name@version/sub` specifiers rewritten to bare `name/sub` and
 * kept external (they are the package's dependencies), and code splitting so
 * each runtime adapter stays in its own lazily loaded chunk. Entry points:
 * `dist/mod.js` (the library) and `dist/cli.js` (the `geomesh` command, run by
 * `bin/geomesh.mjs`). Then `dist/types/` (declarations, see `build-types.ts`)
 * and the browser bundle `dist/geomesh.js`.
 *
 * `dist/` is committed: `bun add <path or git URL>` runs no build script of
 * the package (Bun 1.4.5 runs no `prepare` for a folder dependency, even a
 * trusted one), so the built files must already be in the tree. `--check`
 * builds into a temporary folder and fails when the committed `dist/` differs
 * (`npm test` runs it), so it can not drift from the sources.
 *
 * Usage: `deno run -A scripts/build.ts [--out DIR] [--check]` (run by
 * `npm run build`, and by `npm install` / `npm pack` via `prepare`).
 *
 * @module
 */
import * as esbuild from "npm:esbuild@0.28.2";
import { parseArgs } from "node:util";
import { buildBrowserBundle } from "../lib/browser/bundle.ts";
import { bareSpecifier, buildTypes } from "./build-types.ts";
import { diffTrees } from "./copy-tree.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: { out: { type: "string" }, check: { type: "boolean", default: false } },
});
// The check builds beside dist/ (same depth): the source maps' relative paths, hence the
// chunk names, depend on where the output is.
const out = values.check ? `${root}.dist-check` : values.out ?? `${root}dist`;

const entryPoints: Record<string, string> = { mod: "mod.ts" };
// The CLI entry is optional so the library still builds in a tree (or an old
// checkout) without lib/cli/main.ts; the package's bin then has nothing to run.
const cli = await Deno.stat(`${root}lib/cli/main.ts`).then(() => true, () => false);
if (cli) entryPoints.cli = "lib/cli/main.ts";
else console.warn("build: lib/cli/main.ts not found, dist/cli.js not built");

try {
  await Deno.remove(out, { recursive: true }).catch(() => {});
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: out,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    // Maps point at lib/ (shipped beside dist/) instead of embedding it: dist/ is committed.
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "warning",
    // The optional native HTTP/3 addon of the fails library stays an optional runtime import.
    external: ["node:*", "bun", "@fails-components/webtransport-transport-http3-quiche"],
    plugins: [{
      name: "npm-specifiers",
      setup(build) {
        build.onResolve(
          { filter: /^npm:/ },
          (args) => ({ path: bareSpecifier(args.path.slice(4)), external: true }),
        );
      },
    }],
  });
  await esbuild.stop();
  if (result.errors.length) Deno.exit(1);
  await buildTypes(root, Object.values(entryPoints), `${out}/types`);
  // The browser build, which server nodes serve as /geomesh.js.
  await buildBrowserBundle({ root, outfile: `${out}/geomesh.js` });
  if (values.check) {
    const differences = await diffTrees(`${root}dist`, out);
    if (differences.length) {
      console.error(
        `dist/ is not built from the current sources (run npm run build and commit dist/):\n  ${
          differences.slice(0, 20).join("\n  ")
        }`,
      );
      Deno.exit(1);
    }
    console.log("dist/ is up to date");
  } else {
    console.log(`built ${out}: ${Object.keys(entryPoints).join(".js, ")}.js, types/, geomesh.js`);
  }
} finally {
  if (values.check) await Deno.remove(out, { recursive: true });
}
