// lib/browser/bundle.ts
var SERVER_ONLY = [
  /\/lib\/identity\/store\.ts$/,
  /\/lib\/files\//,
  /\/lib\/cert\/(store|rotator|rotation|generate|parse)\.ts$/,
  /\/lib\/deps\/x509\.ts$/,
  /\/lib\/runtime\//,
  /\/lib\/dashboard\//,
  /\/lib\/transport\/(mod|deno[^/]*|dual|fails|fails-(session|admission|liveness|load))\.ts$/,
  /node_modules\/(@peculiar|reflect-metadata)\//
];
function bare(npmPath) {
  const match = npmPath.match(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/);
  if (!match) throw new TypeError(`unsupported npm specifier: npm:${npmPath}`);
  return match[1] + (match[2] ?? "");
}
function defaultRoot() {
  return decodeURIComponent(new URL("../../", import.meta.url).pathname);
}
async function buildBrowserBundle(options = {}) {
  const root = options.root ?? defaultRoot();
  const esbuild = await import("./esbuild-TQOS5KZV.js");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [`${root}/${options.entry ?? "lib/browser/mod.ts"}`],
    metafile: true,
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: options.minify ?? true,
    legalComments: "none",
    // Error classes name themselves from `new.target.name`: keep class names.
    keepNames: true,
    logLevel: "silent",
    // The library reads process.env.DEBUG through `debug`; pages have no process.
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    plugins: [{
      name: "geomesh-browser",
      setup(build) {
        build.onResolve({ filter: /^node:/ }, (args) => ({
          errors: [{ text: `${args.importer} imports ${args.path}, which browsers lack` }]
        }));
        build.onResolve({ filter: /^npm:/ }, (args) => build.resolve(bare(args.path.slice(4)), {
          kind: args.kind,
          resolveDir: root
        }));
      }
    }]
  });
  await esbuild.stop();
  const leaked = Object.keys(result.metafile.inputs).filter(
    (path) => SERVER_ONLY.some((pattern) => pattern.test(`/${path.replaceAll("\\", "/")}`))
  );
  if (leaked.length) {
    throw new Error(`the browser build pulls in server-only modules: ${leaked.join(", ")}`);
  }
  const code = result.outputFiles[0].text;
  if (options.outfile) {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    await mkdir(dirname(options.outfile), { recursive: true });
    await writeFile(options.outfile, code);
  }
  return code;
}
export {
  SERVER_ONLY,
  buildBrowserBundle
};
//# sourceMappingURL=bundle-27S6MIVG.js.map
