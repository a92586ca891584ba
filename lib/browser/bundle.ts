/**
 * Builds the browser bundle `geomesh.js`: one ESM file (esbuild) exposing
 * `createNode` and friends from `lib/browser/mod.ts`, with the browser build
 * of `@fails-components/webtransport` (WebSocket ponyfill) and cborg inside.
 *
 * Node-only modules are replaced by stubs, because esbuild follows dynamic
 * `import()`s when it makes one file: the identity/certificate stores
 * (`node:fs`), the certificate rotator and the runtime transport selector
 * (`transport/mod.ts`, whose Deno and Bun adapters a page never uses; the
 * browser entry always passes `browserTransport`), the dashboard site (a page
 * serves nothing) and X.509 (pages verify
 * pin bindings but never make certificates). Any `node:` import left is a
 * build error.
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
}

/** Modules a page never needs, by path suffix, with the code that replaces them. */
const STUBS: Record<string, string> = {
  "/lib/identity/store.ts": `export async function loadOrCreateIdentity() {
  throw new TypeError("config.certPath is not supported in browsers");
}`,
  "/lib/cert/rotator.ts": `export async function startCertificateRotation() {
  throw new TypeError("a browser node does not serve certificates");
}`,
  // Pages verify pin bindings (Ed25519) but never make or parse certificates:
  // without this stub @peculiar/x509 and reflect-metadata would be ~60% of the file.
  "/lib/deps/x509.ts": `export const x509 = new Proxy({}, {
  get() {
    throw new TypeError("X.509 certificates are not part of the browser build");
  },
});`,
  "/lib/dashboard/mod.ts": `export async function startDashboard() {
  throw new TypeError("a browser node serves no dashboard");
}`,
  "/lib/transport/mod.ts": `import { browserTransport } from "./browser.ts";
export const defaultTransport = async () => browserTransport;
export const transportFor = async () => browserTransport;
export const detectRuntime = () => "browser";`,
};

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
 * ```ts ignore
 * import { buildBrowserBundle } from "./bundle.ts";
 * const code = await buildBrowserBundle({ outfile: "dist/geomesh.js" });
 * console.log(code.length);
 * ```
 */
export async function buildBrowserBundle(options: BrowserBundleOptions = {}): Promise<string> {
  const root = options.root ?? defaultRoot();
  const esbuild = await import("../deps/esbuild.ts");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [`${root}/lib/browser/mod.ts`],
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
        build.onLoad({ filter: /\.ts$/ }, (args) => {
          const path = args.path.replaceAll("\\", "/");
          const hit = Object.keys(STUBS).find((suffix) => path.endsWith(suffix));
          return hit ? { contents: STUBS[hit], loader: "ts" } : undefined;
        });
      },
    }],
  });
  // esbuild's service process would keep Deno and Bun processes alive.
  await esbuild.stop();
  const code = result.outputFiles[0].text;
  if (options.outfile) {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    await mkdir(dirname(options.outfile), { recursive: true });
    await writeFile(options.outfile, code);
  }
  return code;
}
