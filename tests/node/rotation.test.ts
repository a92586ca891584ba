/**
 * Certificate rotation reaches the listener: after `updateCertificates` new
 * handshakes get the new certificate (h3 on Deno, h2 on Bun), sessions
 * already open keep working, and an address with only the old pins is refused.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNode } from "../../lib/runtime/create.ts";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { createPinBinding } from "../../lib/cert/binding.ts";
import { loadOrCreateIdentity } from "../../lib/identity/store.ts";
import { captureLogger } from "./helpers.ts";

test("a rotated certificate is served to new sessions; old sessions survive", async () => {
  const certPath = await mkdtemp(join(tmpdir(), "geomesh-rotation-"));
  const log = captureLogger();
  const server = await createNode({
    mode: "server",
    port: 0,
    keepAliveMs: 0,
    logger: log,
    certPath,
  });
  const quiet = {
    mode: "client",
    keepAliveMs: 0,
    logger: captureLogger(),
    connectTimeoutMs: 2000,
  } as const;
  const before = await createNode(quiet);
  const after = await createNode(quiet);
  const stale = await createNode(quiet);
  try {
    server.handle((p) => p);
    const oldAddress = server.address;
    await before.connect(oldAddress);
    // What the rotator does: a new certificate, its pin bound by the node's own key.
    const identity = await loadOrCreateIdentity({ certPath });
    assert.is(identity.id, server.id);
    const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
    const binding = await createPinBinding(identity, { pins: [cert.pin], notAfter: cert.notAfter });
    server.updateCertificates([cert.pin], binding, cert);
    assert.not.ok(log.lines.some((l) => /cannot swap/.test(String(l.msg))), "the listener swapped");
    assert.is.not(server.address, oldAddress);
    // A new session gets the new certificate.
    const id = await after.connect(server.address);
    assert.is(await after.request(id, "new"), "new");
    // The session opened before the rotation keeps working.
    assert.is(await before.request(server.id, "still"), "still");
    // An address carrying only the old pins no longer matches what is served.
    const refused = await stale.connect(oldAddress).then(() => null, (e) => e);
    assert.ok(
      refused && ["PIN_MISMATCH", "CONNECT_FAILED", "TIMEOUT"].includes(refused.code),
      String(refused),
    );
  } finally {
    await stale.close();
    await after.close();
    await before.close();
    await server.close();
    await rm(certPath, { recursive: true, force: true });
  }
});

test.run();
