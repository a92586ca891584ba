import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { x509 } from "../../lib/deps/x509.ts";
import {
  decodePem,
  generateCertificate,
  MAX_VALIDITY_MS,
  parseCertificate,
  pinFromString,
  pinToString,
  sanType,
} from "../../lib/cert/mod.ts";
import { certError, DAY, makeRawCertificate } from "./helpers.ts";

test("generated certificate: ECDSA P-256, <= 14 days, SANs, pin = sha256(DER)", async () => {
  const now = Date.UTC(2031, 4, 6, 7, 8, 9, 500);
  const hostnames = ["node1.example", "127.0.0.1", "::1", "localhost"];
  const cert = await generateCertificate({ hostnames, now });
  // Independent parse of the PEM.
  const [block] = decodePem(cert.certPem);
  assert.equal(block.der, cert.der);
  const parsed = new x509.X509Certificate(block.der as Uint8Array<ArrayBuffer>);
  assert.equal(parsed.publicKey.algorithm, { name: "ECDSA", namedCurve: "P-256" });
  assert.is(parsed.notBefore.getTime(), cert.notBefore.getTime());
  assert.is(parsed.notAfter.getTime(), cert.notAfter.getTime());
  assert.is(cert.notAfter.getTime() - cert.notBefore.getTime(), MAX_VALIDITY_MS);
  assert.ok(
    cert.notBefore.getTime() <= now - 3_599_000 && cert.notBefore.getTime() >= now - 3_600_000,
  );
  const san = parsed.getExtension(x509.SubjectAlternativeNameExtension)!;
  assert.equal(san.names.toJSON(), [
    { type: "dns", value: "node1.example" },
    { type: "ip", value: "127.0.0.1" },
    { type: "ip", value: "::1" },
    { type: "dns", value: "localhost" },
  ]);
  const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension)!;
  assert.equal([...eku.usages].map(String), ["1.3.6.1.5.5.7.3.1"]); // serverAuth
  assert.is(parsed.getExtension(x509.BasicConstraintsExtension)!.ca, false);
  assert.ok(await parsed.verify({ signatureOnly: true }), "self-signature verifies");
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", block.der as Uint8Array<ArrayBuffer>),
  );
  assert.equal(cert.pin, digest);
  assert.equal(pinFromString(pinToString(cert.pin)), cert.pin);
  // The key belongs to the certificate (parseCertificate checks x/y).
  const loaded = await parseCertificate(cert.certPem, cert.keyPem, { now });
  assert.equal(loaded.pin, cert.pin);
  assert.equal(loaded.hostnames, hostnames);
  assert.equal(cert.hostnames, hostnames);
});

test("validity options, defaults and argument errors", async () => {
  const now = Date.UTC(2031, 0, 1);
  const short = await generateCertificate({ now, validityMs: 3 * DAY, notBefore: now });
  assert.is(short.notBefore.getTime(), now);
  assert.is(short.notAfter.getTime() - now, 3 * DAY);
  const days = await generateCertificate({ now, validityDays: 2 });
  assert.is(days.notAfter.getTime() - days.notBefore.getTime(), 2 * DAY);
  const dflt = await generateCertificate();
  assert.equal(dflt.hostnames, ["localhost", "127.0.0.1", "::1"]);
  for (
    const bad of [{ validityDays: 15 }, { validityMs: MAX_VALIDITY_MS + 1000 }, { validityDays: 0 }]
  ) {
    try {
      await generateCertificate(bad);
      assert.unreachable("should throw");
    } catch (err) {
      assert.instance(err, RangeError);
    }
  }
  for (const hostnames of [[], ["has space"], ["a,CN=evil"], [""], [42 as unknown as string]]) {
    try {
      await generateCertificate({ hostnames });
      assert.unreachable("should throw");
    } catch (err) {
      assert.instance(err, TypeError);
    }
  }
  try {
    await generateCertificate({ now: new Date(NaN) });
    assert.unreachable("should throw");
  } catch (err) {
    assert.instance(err, TypeError);
  }
  assert.is(sanType("10.0.0.1"), "ip");
  assert.is(sanType("fe80::1"), "ip");
  assert.is(sanType("*.example.com"), "dns");
  assert.throws(() => sanType("999.1.1.1.1:"), TypeError);
});

test("every bad certificate gets a CertificateError naming what and where", async () => {
  const now = Date.UTC(2031, 0, 10);
  const good = await generateCertificate({ hostnames: ["127.0.0.1"], now });
  const other = await generateCertificate({ hostnames: ["127.0.0.1"], now });
  const opts = { source: "tls-current.pem", now };
  const rsa = await makeRawCertificate("rsa", new Date(now - DAY), new Date(now + DAY));
  const p384 = await makeRawCertificate("p384", new Date(now - DAY), new Date(now + DAY));
  const long = await makeRawCertificate("p256", new Date(now - DAY), new Date(now + 29 * DAY));
  const ok = await makeRawCertificate("p256", new Date(now - DAY), new Date(now + DAY));

  await certError(
    parseCertificate("garbage", good.keyPem, opts),
    /tls-current\.pem: corrupt certificate PEM: no PEM block/,
  );
  await certError(
    parseCertificate(good.certPem.slice(0, 200), good.keyPem, opts),
    /tls-current\.pem: corrupt certificate PEM/,
  );
  await certError(
    parseCertificate(good.certPem.replace(/\n[A-Za-z0-9+/]{8}/, "\n%%%%%%%%"), good.keyPem, opts),
    /corrupt certificate PEM: .*invalid base64/,
  );
  const junkDer = `-----BEGIN CERTIFICATE-----\nMAMBAgM=\n-----END CERTIFICATE-----\n`;
  await certError(
    parseCertificate(junkDer, good.keyPem, opts),
    /tls-current\.pem: corrupt certificate: /,
  );
  await certError(
    parseCertificate(rsa.certPem, rsa.keyPem, opts),
    /tls-current\.pem: certificate key is RSA 2048-bit; WebTransport pinning needs ECDSA P-256/,
  );
  await certError(
    parseCertificate(p384.certPem, p384.keyPem, opts),
    /certificate key is ECDSA P-384/,
  );
  await certError(
    parseCertificate(long.certPem, long.keyPem, opts),
    /valid for 30 days; browsers accept at most 14 days/,
  );
  await certError(
    parseCertificate(good.certPem, good.keyPem, { ...opts, now: now + 15 * DAY }),
    /tls-current\.pem: certificate expired at 2031-01-23T/,
  );
  await certError(
    parseCertificate(good.certPem, good.keyPem, { ...opts, now: now - 2 * 3_600_000 }),
    /not valid before 2031-01-09T23:00:00/,
  );
  await certError(
    parseCertificate(good.certPem, other.keyPem, { ...opts, keySource: "tls-current.key" }),
    /tls-current\.key: private key does not match the certificate in tls-current\.pem/,
  );
  await certError(
    parseCertificate(ok.certPem, rsa.keyPem, opts),
    /private key is not a PKCS#8 ECDSA P-256 key/,
  );
  await certError(
    parseCertificate(good.certPem, good.certPem, opts),
    /expected exactly one "PRIVATE KEY" PEM block, found 0/,
  );
  await certError(
    parseCertificate(good.certPem + other.certPem, good.keyPem, opts),
    /exactly one "CERTIFICATE"/,
  );
  const sec1 = good.keyPem.replace(/PRIVATE KEY/g, "EC PRIVATE KEY");
  await certError(parseCertificate(good.certPem, sec1, opts), /openssl pkcs8 -topk8/);
  // Expiry is not checked when asked not to (the store decides what to do with it).
  const expired = await parseCertificate(good.certPem, good.keyPem, {
    now: now + 20 * DAY,
    checkValidity: false,
  });
  assert.equal(expired.pin, good.pin);
  // Combined file text (cert + key in one PEM) works for both arguments.
  const both = good.certPem + good.keyPem;
  assert.equal((await parseCertificate(both, both, opts)).pin, good.pin);
});

test.run();
