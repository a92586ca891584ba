/**
 * Bun plugin that resolves Deno-style `npm:name@version/sub` specifiers to the
 * package installed in node_modules, so the same sources run under both
 * runtimes. Bun's runtime `onResolve` only fires for namespaced specifiers when
 * registered with `namespace: "npm"` (upstream oven-sh/bun#36402), so that is
 * the form used here.
 *
 * @module
 */

/** The slice of Bun's plugin API used here (typed locally: Deno checks this file too). */
interface BunRuntime {
  plugin(p: {
    name: string;
    setup(build: {
      onResolve(
        options: { filter: RegExp; namespace?: string },
        resolve: (args: { path: string; importer: string }) => { path: string },
      ): void;
    }): void;
  }): void;
  resolveSync(specifier: string, from: string): string;
}
const bun = (globalThis as unknown as { Bun: BunRuntime }).Bun;

/** Turns `@scope/pkg@1.2.3/sub/path` into `@scope/pkg/sub/path`. */
export function bareSpecifier(npmPath: string): string {
  const match = npmPath.match(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/);
  if (!match) throw new TypeError(`Unsupported npm specifier: npm:${npmPath}`);
  return match[1] + (match[2] ?? "");
}

bun.plugin({
  name: "geomesh-npm-specifiers",
  setup(build) {
    build.onResolve({ filter: /.*/, namespace: "npm" }, (args) => ({
      path: bun.resolveSync(bareSpecifier(args.path), args.importer),
    }));
  },
});
