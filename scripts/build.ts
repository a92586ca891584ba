/**
 * Builds `dist/` for npm consumers (Bun, Node): the same sources bundled with
 * esbuild, `npm:name@version/sub` specifiers rewritten to bare `name/sub` and
 * kept external (they are the package's dependencies), and code splitting so
 * each runtime adapter stays in its own lazily loaded chunk.
 *
 * Usage: `deno run -A scripts/build.ts` (also run by `npm pack` via `prepack`).
 *
 * @module
 */
import * as esbuild from "npm:esbuild@0.28.2";

/** Turns `@scope/pkg@1.2.3/sub` into `@scope/pkg/sub`. */
function bare(npmPath: string): string {
  const match = npmPath.match(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/);
  if (!match) throw new TypeError(`Unsupported npm specifier: npm:${npmPath}`);
  return match[1] + (match[2] ?? "");
}

const root = new URL("..", import.meta.url).pathname;
await Deno.remove(`${root}dist`, { recursive: true }).catch(() => {});
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ["mod.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  sourcemap: "linked",
  logLevel: "warning",
  // The optional native HTTP/3 addon of the fails library stays an optional runtime import.
  external: ["node:*", "bun", "@fails-components/webtransport-transport-http3-quiche"],
  plugins: [{
    name: "npm-specifiers",
    setup(build) {
      build.onResolve(
        { filter: /^npm:/ },
        (args) => ({ path: bare(args.path.slice(4)), external: true }),
      );
    },
  }],
});
await esbuild.stop();
if (result.errors.length) Deno.exit(1);
console.log("built dist/mod.js");
// The browser build (dist/geomesh.js), which server nodes serve as /geomesh.js.
await import("./build-browser.ts");
