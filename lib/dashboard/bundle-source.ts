/**
 * Where a node gets the browser bundle it serves as `/geomesh.js`: built from
 * the sources with esbuild when running from a source checkout (always
 * current), else the pre-built `geomesh.js` beside the module (`dist/` of the
 * npm package, written by `scripts/build-browser.ts`). Loaded once, on first
 * request.
 *
 * @module
 */

/**
 * A loader for the bundle text (cached; a failure is retried on the next call).
 *
 * @example
 * ```ts
 * import { browserBundleLoader } from "./bundle-source.ts";
 * const load = browserBundleLoader();
 * const code = await load(); // from a source checkout: built now, with esbuild
 * console.assert(code.includes("createNode") && await load() === code); // then cached
 * ```
 */
export function browserBundleLoader(): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= load();
    cached.catch(() => (cached = undefined));
    return cached;
  };
}

async function read(url: URL): Promise<string> {
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return await readFile(url, "utf8");
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return await res.text();
}

async function load(): Promise<string> {
  const here = import.meta.url;
  const errors: string[] = [];
  if (/\/lib\/dashboard\/bundle-source\.ts$/.test(here)) {
    try {
      const { buildBrowserBundle } = await import("../browser/bundle.ts");
      return await buildBrowserBundle();
    } catch (err) {
      errors.push(`building from source: ${(err as Error).message}`);
    }
  }
  for (const candidate of ["./geomesh.js", "../../dist/geomesh.js"]) {
    try {
      return await read(new URL(candidate, here));
    } catch (err) {
      errors.push(`${candidate}: ${(err as Error).message}`);
    }
  }
  throw new Error(
    `no browser bundle (run "npm run build" to make dist/geomesh.js): ${errors.join("; ")}`,
  );
}
