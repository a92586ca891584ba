/**
 * The browser build is one self-contained ESM file: no `node:` imports, no
 * X.509 or file-system code, the public names exported, the patched ponyfill
 * inside; the build itself refuses an entry that reaches a server-only module.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { buildBrowserBundle, SERVER_ONLY } from "../../lib/browser/bundle.ts";

const code = await buildBrowserBundle({ minify: false });

test("one ESM file without node: imports, X.509 or file-system code", () => {
  assert.not.match(code, /from\s*["']node:/);
  assert.not.match(code, /require\(["']node:/);
  assert.not.match(code, /import\(["']node:/);
  assert.not.match(code, /@peculiar|reflect-metadata|X509CertificateGenerator/);
  assert.not.match(code, /Deno\.QuicEndpoint/);
  // One file: no imports of other chunks.
  assert.not.match(code, /^import .* from ["']\.\/.*["'];?$/m);
});

test("exports the browser API and carries no server-only module", () => {
  const exported = code.match(/export\s*\{([^}]*)\}\s*;?\s*$/)?.[1] ?? "";
  for (
    const name of ["createNode", "dialBrowser", "browserTransport", "parseAddress", "GeomeshError"]
  ) {
    assert.match(exported, new RegExp(`\\b${name}\\b`), name);
  }
  // No stubs: the entry wires browser parts, so the server ones are simply absent.
  assert.not.match(code, /startCertificateRotation|loadOrCreateIdentity|startDashboard/);
  // The WebSocket ponyfill (browser build of the fails library) is inside.
  assert.match(code, /WebTransportPonyfill/);
});

test("the build fails when the browser entry reaches a server-only module", async () => {
  const dir = await Deno.makeTempDir({
    dir: new URL("../../lib/browser/", import.meta.url).pathname,
  });
  try {
    // Imports that use no node: module themselves but lead to server-only code.
    for (
      const [name, spec] of [["rotator", "../../cert/rotator.ts"], [
        "dash",
        "../../dashboard/plugin.ts",
      ]]
    ) {
      await Deno.writeTextFile(`${dir}/${name}.ts`, `export * from "${spec}";\n`);
      const entry = `${dir}/${name}.ts`.slice(new URL("../../", import.meta.url).pathname.length);
      const err = await buildBrowserBundle({ entry }).then(() => undefined, (e) => e as Error);
      assert.ok(err, `${name}: the build must fail`);
      assert.match(err!.message, /server-only|node:/, name);
    }
    assert.ok(SERVER_ONLY.length > 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

test("a browser node refuses server modes and certPath", async () => {
  const url = `data:text/javascript;base64,${btoa(unescape(encodeURIComponent(code)))}`;
  const mod = await import(url);
  const refused = (p: Promise<unknown>) => p.then(() => "created", (e) => (e as Error).message);
  assert.match(await refused(mod.createNode({ mode: "server" })), /mode "client" only/);
  assert.match(await refused(mod.createNode({ certPath: "/tmp/x" })), /not supported in browsers/);
});

test.run();
