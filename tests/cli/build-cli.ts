/**
 * A throwaway build of the CLI for the launcher test: bundles
 * `lib/cli/main.ts` into `<outdir>/cli.js` the way `scripts/build.ts` bundles
 * `mod.ts` (ESM, npm: specifiers made bare, node:* external), so
 * `bin/geomesh.mjs` can be tried before (and apart from) the real build.
 *
 * Usage: `deno run -A tests/cli/build-cli.ts <outdir>`
 */
import * as esbuild from "npm:esbuild@0.28.2";

const outdir = Deno.args[0];
if (!outdir) throw new TypeError("usage: build-cli.ts <outdir>");
const root = new URL("../../", import.meta.url).pathname;
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { cli: "lib/cli/main.ts" },
  outdir,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  logLevel: "warning",
  external: ["node:*", "bun", "@fails-components/webtransport-transport-http3-quiche"],
  plugins: [{
    name: "npm-specifiers",
    setup(build) {
      build.onResolve({ filter: /^npm:/ }, (args) => {
        const m = args.path.slice(4).match(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/);
        return { path: m![1] + (m![2] ?? ""), external: true };
      });
    },
  }],
});
await esbuild.stop();
if (result.errors.length) Deno.exit(1);
