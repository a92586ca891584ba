/**
 * Builds `vendor/fails-webtransport/{node,browser}.js`: the *patched*
 * @fails-components/webtransport (see `patches/`, applied by `npm install`)
 * bundled into one ESM file per platform. geomesh imports these instead of the
 * npm package so that consumers who never run our install script still get
 * the fixed library: Deno users importing by URL (Deno fetches the pristine
 * package into its own cache) and Bun users (Bun does not run a dependency's
 * postinstall). `tests/transport/vendor.test.ts` rebuilds and compares, so the
 * vendored files always equal the patched library.
 *
 * Usage: `deno run -A scripts/vendor-fails.ts [--out DIR]`
 *
 * @module
 */
import * as esbuild from "npm:esbuild@0.28.2";
import { builtinModules } from "node:module";
import { parseArgs } from "node:util";

const root = new URL("..", import.meta.url).pathname;
const pkg = `${root}node_modules/@fails-components/webtransport`;
const { values } = parseArgs({ args: Deno.args, options: { out: { type: "string" } } });
const out = values.out ?? `${root}vendor/fails-webtransport`;

const check = new Deno.Command("node", {
  args: [`${root}scripts/apply-patches.mjs`, "--check"],
  cwd: root,
})
  .outputSync();
if (!check.success) {
  console.error(
    "vendor-fails: node_modules/@fails-components/webtransport is not patched; run npm install",
  );
  Deno.exit(1);
}
const version = JSON.parse(await Deno.readTextFile(`${pkg}/package.json`)).version;
const builtins = new Set(builtinModules);
// `@ts-self-types` makes every importer (deno check, deno publish, JSR consumers)
// take the hand-written .d.ts beside the file instead of type-checking this JS,
// whose JSDoc `import('./types.js')` references point at files the bundle does
// not have (7 TS2307 errors in `deno publish`, which ignores the importer's @ts-types).
const banner = (platform: string) =>
  `// @ts-self-types="./${platform}.d.ts"
// @fails-components/webtransport ${version} (BSD-3-Clause, see LICENSE beside this file),
// with geomesh's patches/@fails-components+webtransport+${version}.patch applied, bundled by
// scripts/vendor-fails.ts. Generated: do not edit; change the patch and rebuild.`;

for (
  const [platform, entry] of [["node", "index.node.js"], ["browser", "index.browser.js"]] as const
) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [`${pkg}/lib/${entry}`],
    outfile: `${out}/${platform}.js`,
    bundle: true,
    format: "esm",
    platform,
    target: "es2022",
    logLevel: "warning",
    banner: { js: banner(platform) },
    legalComments: "none",
    plugins: [{
      name: "geomesh-vendor",
      setup(build) {
        build.onResolve(
          { filter: /^debug$/ },
          () => ({ path: `${root}vendor/fails-webtransport/debug-shim.js` }),
        );
        // The optional native HTTP/3 addon stays an optional runtime import.
        build.onResolve(
          { filter: /^@fails-components\/webtransport-transport-http3-quiche$/ },
          (a) => ({
            path: a.path,
            external: true,
          }),
        );
        // Deno needs the node: prefix on built-ins.
        build.onResolve(
          { filter: /^[a-z_/]+$/ },
          (a) => builtins.has(a.path) ? { path: `node:${a.path}`, external: true } : undefined,
        );
        build.onResolve({ filter: /^node:/ }, (a) => ({ path: a.path, external: true }));
        // The browser entry probes serverCertificateHashes support by opening a
        // session to https://example.com:23333 at import time: an outside
        // connection from every page (and from our tests). Probe a loopback
        // discard port instead; the constructor's synchronous NotSupportedError,
        // which is all the probe looks at, is the same.
        build.onLoad({ filter: /webtransport\.browser\.js$/ }, async (a) => {
          const text = await Deno.readTextFile(a.path);
          const probe = "'https://example.com:23333/test'";
          if (!text.includes(probe)) {
            throw new Error("vendor-fails: probe URL not found; review the transform");
          }
          return {
            contents: text.replace(probe, "'https://127.0.0.1:9/geomesh-probe'"),
            loader: "js",
          };
        });
      },
    }],
  });
}
await esbuild.stop();

// JSDoc type references to the library's own type files (`import('./types.js').X`) point
// at files the bundle does not carry. `deno publish` type-checks every JS module of the
// package despite `@ts-self-types` (7 TS2307 errors, Deno 2.9), so they become `any`.
// Only comments hold them: esbuild has bundled every relative import of the code.
const typeRef = /import\((['"])\.{1,2}\/[^'"]*\1\)(?:\.\w+)?/g;
for (const platform of ["node", "browser"]) {
  const file = `${out}/${platform}.js`;
  const lines = (await Deno.readTextFile(file)).split("\n");
  const rewritten = lines.map((line, i) => {
    if (line.search(typeRef) < 0) return line;
    if (!/^\s*(\*|\/\*\*)|\/\*\*/.test(line)) {
      throw new Error(`vendor-fails: relative import() outside a comment at ${file}:${i + 1}`);
    }
    return line.replace(typeRef, "any");
  });
  await Deno.writeTextFile(file, rewritten.join("\n"));
}
console.log(`vendor-fails: wrote ${out}/node.js and ${out}/browser.js`);
