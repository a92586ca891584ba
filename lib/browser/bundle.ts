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
export const SERVER_ONLY: readonly RegExp[] = [
  /\/lib\/identity\/store\.ts$/,
  /\/lib\/files\//,
  /\/lib\/cert\/(store|rotator|rotation|generate|parse)\.ts$/,
  /\/lib\/deps\/x509\.ts$/,
  /\/lib\/runtime\//,
  /\/lib\/dashboard\//,
  /\/lib\/transport\/(mod|deno[^/]*|dual|fails|fails-(session|admission|liveness|load))\.ts$/,
  /node_modules\/(@peculiar|reflect-metadata)\//,
];

/** Turns `@scope/pkg@1.2.3/sub` into `@scope/pkg/sub`. */
function bare(npmPath: string): string {
  const match = npmPath.match(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/);
  if (!match) throw new TypeError(`unsupported npm specifier: npm:${npmPath}`);
  return match[1] + (match[2] ?? "");
}

function defaultRoot(): string {
  return decodeURIComponent(new URL("../../", import.meta.url).pathname);
}

/**
 * Builds the bundle and resolves with its text.
 *
 * @example
 * ```ts
 * import { buildBrowserBundle } from "./bundle.ts";
 * // `outfile: "dist/geomesh.js"` would write it too (as `npm run build` does).
 * const code = await buildBrowserBundle();
 * console.assert(/export\s*\{[^}]*\bcreateNode\b/.test(code), "exports createNode");
 * ```
 */
export async function buildBrowserBundle(options: BrowserBundleOptions = {}): Promise<string> {
  const root = options.root ?? defaultRoot();
  const esbuild = await import("../deps/esbuild.ts");
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
          errors: [{ text: `${args.importer} imports ${args.path}, which browsers lack` }],
        }));
        build.onResolve({ filter: /^npm:/ }, (args) =>
          build.resolve(bare(args.path.slice(4)), {
            kind: args.kind,
            resolveDir: root,
          }));
      },
    }],
  });
  // esbuild's service process would keep Deno and Bun processes alive.
  await esbuild.stop();
  const leaked = Object.keys(result.metafile!.inputs).filter((path) =>
    SERVER_ONLY.some((pattern) => pattern.test(`/${path.replaceAll("\\", "/")}`))
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
