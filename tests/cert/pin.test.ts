/**
 * Pins of PEM certificates (what listeners report as the certificate they
 * serve) and pin comparison.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { pemCertificatePin, pinToString, samePin } from "../../lib/cert/pin.ts";
import { makeTestCa } from "./helpers.ts";

test("pemCertificatePin is the pin of the certificate's DER; a chain gives the leaf's", async () => {
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  assert.is(pinToString(await pemCertificatePin(cert.certPem)), pinToString(cert.pin));
  const ca = await makeTestCa();
  const leaf = await ca.issue(["127.0.0.1"]);
  const chain = leaf.certPem + ca.certPem;
  assert.is(pinToString(await pemCertificatePin(chain)), pinToString(leaf.pin));
});

test("pemCertificatePin refuses text without a certificate", async () => {
  for (const bad of ["", "not pem", (await generateCertificate()).keyPem]) {
    const err = await pemCertificatePin(bad).then(() => undefined, (e) => e);
    assert.instance(err, TypeError, JSON.stringify(bad.slice(0, 20)));
  }
});

test("samePin compares bytes; undefined never matches", () => {
  const a = new Uint8Array(32).fill(1);
  assert.ok(samePin(a, a.slice()));
  assert.not.ok(samePin(a, new Uint8Array(32)));
  assert.not.ok(samePin(a, a.subarray(1)));
  assert.not.ok(samePin(undefined, undefined));
  assert.not.ok(samePin(a, undefined));
});

test.run();
