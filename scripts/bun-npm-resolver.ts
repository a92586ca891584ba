/**
 * Bun plugin that resolves Deno-style `npm:name@version/sub` specifiers to the
 * package installed in node_modules, so the same sources run under both
 * runtimes. Bun's runtime `onResolve` only fires for namespaced specifiers when
 * registered with `namespace: "npm"` (upstream oven-sh/bun#36402), so that is
 * the form used here.
 *
 * @module
 */
import { plugin } from "bun";

/** Turns `@scope/pkg@1.2.3/sub/path` into `@scope/pkg/sub/path`. */
export function bareSpecifier(npmPath: string): string {
  const match = npmPath.match(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/);
  if (!match) throw new TypeError(`Unsupported npm specifier: npm:${npmPath}`);
  return match[1] + (match[2] ?? "");
}

plugin({
  name: "geomesh-npm-specifiers",
  setup(build) {
    build.onResolve({ filter: /.*/, namespace: "npm" }, (args) => ({
      path: Bun.resolveSync(bareSpecifier(args.path), args.importer),
    }));
  },
});
