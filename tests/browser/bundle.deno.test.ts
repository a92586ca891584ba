/**
 * The browser build is one self-contained ESM file: no `node:` imports, no
 * X.509 or file-system code, the public names exported, the patched ponyfill
 * inside, and node-only paths replaced by stubs that explain themselves.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { buildBrowserBundle } from "../../lib/browser/bundle.ts";

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

test("exports the browser API; node-only paths are explanatory stubs", () => {
  const exported = code.match(/export\s*\{([^}]*)\}\s*;?\s*$/)?.[1] ?? "";
  for (
    const name of ["createNode", "dialBrowser", "browserTransport", "parseAddress", "GeomeshError"]
  ) {
    assert.match(exported, new RegExp(`\\b${name}\\b`), name);
  }
  assert.match(code, /config\.certPath is not supported in browsers/);
  assert.match(code, /a browser node serves no dashboard/);
  // The WebSocket ponyfill (browser build of the fails library) is inside.
  assert.match(code, /WebTransportPonyfill/);
});

test("a browser node refuses server modes and certPath", async () => {
  const url = `data:text/javascript;base64,${btoa(unescape(encodeURIComponent(code)))}`;
  const mod = await import(url);
  const refused = (p: Promise<unknown>) => p.then(() => "created", (e) => (e as Error).message);
  assert.match(await refused(mod.createNode({ mode: "server" })), /mode "client" only/);
  assert.match(await refused(mod.createNode({ certPath: "/tmp/x" })), /not supported in browsers/);
});

test.run();
