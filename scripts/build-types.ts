/**
 * Generates the npm package's declarations (`dist/types/**\/*.d.ts`) from the
 * sources with the pinned TypeScript (`tsc --declaration --emitDeclarationOnly`).
 * tsc can not read the sources as they are (Deno-style `npm:name@1.2.3`
 * specifiers, `.ts` extensions), so it compiles a temporary copy in which
 * `npm:` specifiers are bare package names and relative `./x.ts` are `./x.js`
 * (what nodenext resolution maps back to `./x.ts` and consumers to `./x.d.ts`).
 * `noCheck`: the sources are type-checked by `deno check` (with Deno's and
 * Bun's globals); tsc only emits. The consumer test (tests/package/) compiles
 * against the result with `tsc --strict`.
 *
 * @module
 */
import { copy } from "./copy-tree.ts";

/** Turns `@scope/pkg@1.2.3/sub` into `@scope/pkg/sub`. */
export function bareSpecifier(npmPath: string): string {
  const match = npmPath.match(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/);
  if (!match) throw new TypeError(`Unsupported npm specifier: npm:${npmPath}`);
  return match[1] + (match[2] ?? "");
}

/** The source text as tsc's nodenext resolution can read it. */
export function forTsc(source: string): string {
  return source
    .replace(/(["'])npm:([^"']+)\1/g, (_, q, path) => `${q}${bareSpecifier(path)}${q}`)
    .replace(/(["'])(\.{1,2}\/[^"']*)\.ts\1/g, (_, q, path) => `${q}${path}.js${q}`);
}

/**
 * Writes declarations for `entries` (paths relative to `root`) into `outDir`.
 *
 * @example
 * ```ts ignore
 * // ignore: writes files and runs tsc from node_modules (a dev dependency)
 * await buildTypes("/repo/", ["mod.ts"], "/repo/dist/types");
 * ```
 */
export async function buildTypes(root: string, entries: string[], outDir: string): Promise<void> {
  const tmp = await Deno.makeTempDir({ prefix: "geomesh-types-" });
  try {
    for (const dir of ["lib", "vendor"]) await copy(`${root}${dir}`, `${tmp}/${dir}`, forTsc);
    await Deno.writeTextFile(`${tmp}/mod.ts`, forTsc(await Deno.readTextFile(`${root}mod.ts`)));
    await Deno.symlink(`${root}node_modules`, `${tmp}/node_modules`);
    await Deno.writeTextFile(`${tmp}/package.json`, JSON.stringify({ type: "module" }));
    await Deno.writeTextFile(
      `${tmp}/tsconfig.json`,
      JSON.stringify({
        files: entries,
        compilerOptions: {
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          lib: ["es2023", "dom", "dom.iterable"],
          types: ["node"],
          strict: true,
          declaration: true,
          emitDeclarationOnly: true,
          noCheck: true,
          skipLibCheck: true,
          stripInternal: false,
          rootDir: tmp,
          outDir,
        },
      }),
    );
    const tsc = await new Deno.Command("node", {
      args: [`${root}node_modules/typescript/bin/tsc`, "-p", `${tmp}/tsconfig.json`],
      cwd: tmp,
    }).output();
    if (!tsc.success) {
      const text = new TextDecoder();
      throw new Error(`tsc failed:\n${text.decode(tsc.stdout)}${text.decode(tsc.stderr)}`);
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
  await assertNoNpmSpecifiers(outDir);
}

/** Consumers can not resolve `npm:`: fail the build if one survived in a declaration. */
async function assertNoNpmSpecifiers(dir: string): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) await assertNoNpmSpecifiers(path);
    else if (/["']npm:/.test(await Deno.readTextFile(path))) {
      throw new Error(`build-types: ${path} still has an npm: specifier`);
    }
  }
}
