/**
 * The vendored @fails-components/webtransport build equals the patched
 * package: rebuild it from node_modules (patched by `npm install`) and compare
 * byte for byte. Fails when the patch changes without a rebuild, or when the
 * installed package is not patched.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";

const root = new URL("../../", import.meta.url).pathname;

test("vendor/fails-webtransport is the patched library, freshly built", async () => {
  const out = await Deno.makeTempDir({ prefix: "geomesh-vendor-" });
  try {
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "scripts/vendor-fails.ts", "--out", out],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(run.success, new TextDecoder().decode(run.stderr));
    for (const file of ["node.js", "browser.js"]) {
      const fresh = await Deno.readTextFile(`${out}/${file}`);
      const committed = await Deno.readTextFile(`${root}vendor/fails-webtransport/${file}`);
      assert.ok(
        fresh === committed,
        `vendor/fails-webtransport/${file} is stale: run deno run -A scripts/vendor-fails.ts`,
      );
    }
    // The patched code is in there (one marker per fix family).
    const node = await Deno.readTextFile(`${root}vendor/fails-webtransport/node.js`);
    assert.ok(node.includes("!!this.rfin"), "split-capsule FIN fix present");
    assert.not.ok(
      node.includes("majorVersion"),
      "initial WT_MAX_DATA is no longer skipped by runtime version",
    );
    assert.ok(
      node.includes('new Error("Certificate hash does not match")'),
      "checkServerIdentity returns an Error on a pin mismatch",
    );
    assert.not.ok(
      /if \(!oursocket\.authorized\) \{\s*if \(this\.serverCertificateHashes\)/.test(node),
      "the pin is checked on every connection, not only on unauthorized ones",
    );
    const browser = await Deno.readTextFile(`${root}vendor/fails-webtransport/browser.js`);
    assert.not.ok(
      /example\.com/.test(browser + node),
      "no connection to an outside host at import time",
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

test.run();
