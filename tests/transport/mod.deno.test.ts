/**
 * On Deno the default transport is `dual`; an h3 dial through it needs no
 * HTTP/2 code.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { defaultTransport } from "../../lib/transport/mod.ts";
import { denoTransport } from "../../lib/transport/deno.ts";
import { generateCertificate } from "../../lib/cert/generate.ts";

test("defaultTransport on Deno is dual and dials h3 by https:// and h3://", async () => {
  const t = await defaultTransport();
  assert.is(t.name, "dual");
  assert.is(await defaultTransport(), t, "cached");
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  const listener = await denoTransport.listen({ certificate: cert });
  const accepted = listener.sessions.getReader();
  for (const scheme of ["https", "h3"]) {
    const s = await t.dial(`${scheme}://127.0.0.1:${listener.port}/geomesh`, {
      certificateHashes: [cert.pin],
    });
    assert.is(s.protocol, "h3");
    assert.is((await accepted.read()).value?.protocol, "h3");
    s.close();
  }
  await listener.close();
});

test.run();
