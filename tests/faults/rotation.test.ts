/**
 * Fault: the TLS certificate rotates while traffic flows, through the real
 * path: the node's rotator timer (`lib/cert/rotator.ts`) fires, promotes the
 * `next` certificate, re-signs the pin binding and swaps the listener's
 * certificate. A steady request stream on a session opened before the switch
 * loses nothing; after it, new dials verify against the new pins (an address
 * with only the new current pin connects, one with only the old pin is
 * refused) and an address learned before the rotation still connects (it
 * carried the next pin).
 *
 * How rotation is triggered within a test: `renewBeforeMs`, `validityMs` and
 * the rotator's clock are not `QuicConfig` options, so the cert path is
 * seeded with a `current` certificate that expires 2 days (the default
 * `renewBeforeMs`) plus a few seconds from now: the rotator, started by
 * `createNode`, schedules the rotation for those few seconds later.
 *
 * h3 and h2 on Deno (the dual listener swaps both), h2 on Bun. WebSocket:
 * neither Deno nor Bun has a `ws` dialer (only browsers), so it is not tested here.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { join } from "node:path";
import { formatAddress, parseAddress, type Protocol } from "../../mod.ts";
import {
  CURRENT_CERT_FILE,
  DEFAULT_RENEW_BEFORE_MS,
  generateCertificate,
  NEXT_CERT_FILE,
  pinToString,
  saveCertificateFile,
} from "../../lib/cert/mod.ts";
import {
  closeAll,
  type FaultNode,
  latencyFigures,
  realNode,
  removeTempDirs,
  requestStream,
  RUNTIME,
  sleep,
  tempDir,
  until,
} from "./helpers.ts";

const DAY = 86_400_000;
/** When the seeded certificate is due for rotation, from the test's start. */
const ROTATE_IN_MS = 3000;

/** A cert path whose current certificate is due for rotation in `inMs`. */
async function seededCertPath(inMs: number): Promise<{ certPath: string; oldPin: string }> {
  const certPath = await tempDir("geomesh-rotation-");
  const now = Date.now();
  const current = await generateCertificate({
    hostnames: ["127.0.0.1"],
    notBefore: now + DEFAULT_RENEW_BEFORE_MS + inMs - 14 * DAY,
    validityMs: 14 * DAY,
  });
  const next = await generateCertificate({ hostnames: ["127.0.0.1"], now });
  await saveCertificateFile(join(certPath, CURRENT_CERT_FILE), current);
  await saveCertificateFile(join(certPath, NEXT_CERT_FILE), next);
  return { certPath, oldPin: pinToString(current.pin) };
}

/** `address` offering only `protocols` and carrying only `pins`. */
function restricted(address: string, protocols: Protocol[], pins?: string[]): string {
  const a = parseAddress(address);
  return formatAddress({ ...a, protocols, pins: pins ?? a.pins });
}

const protocols: Protocol[] = RUNTIME === "deno" ? ["h3", "h2"] : ["h2"];

for (const protocol of protocols) {
  test(`${RUNTIME}/${protocol}: rotation while requests flow: none fails, new dials use the new pins`, async () => {
    const { certPath, oldPin } = await seededCertPath(ROTATE_IN_MS);
    const nodes: FaultNode[] = [];
    try {
      const server = await realNode({ certPath, mode: "server" });
      nodes.push(server);
      server.handle((p) => p);
      const oldAddress = server.address;
      const oldPins = parseAddress(oldAddress).pins;
      assert.is(oldPins[0], oldPin, "the seeded certificate is served");
      const client = await realNode({ mode: "client" });
      nodes.push(client);
      const id = await client.connect(restricted(oldAddress, [protocol]));
      assert.is(client.peers()[0].protocol, protocol);
      const stream = requestStream(client, () => id, { gapMs: 2, concurrency: 2 });
      // The real timer: nothing here calls the rotator.
      await until(() => server.address !== oldAddress, ROTATE_IN_MS + 15_000, "the rotation");
      const switchedAt = performance.now();
      const rotated = server.log.lines.some((l) => l.msg === "certificates rotated");
      await sleep(1000); // traffic goes on across and after the switch
      const figures = await stream.stop();
      const newPins = parseAddress(server.address).pins;
      const before = figures.samples.filter((s) => s.at < switchedAt).map((s) => s.ms);
      const after = figures.samples.filter((s) => s.at >= switchedAt).map((s) => s.ms);
      console.log(
        `[rotation ${RUNTIME}/${protocol}] pins ${oldPins.map((p) => p.slice(0, 6))} -> ` +
          `${newPins.map((p) => p.slice(0, 6))}; requests sent=${figures.sent} ok=${figures.ok} ` +
          `failed=${figures.failed}; before switch ${JSON.stringify(latencyFigures(before))}, ` +
          `after ${JSON.stringify(latencyFigures(after))} (ms) ${
            JSON.stringify(figures.errors.slice(0, 3))
          }`,
      );
      assert.ok(rotated, "the rotator logged no rotation");
      assert.is(newPins[0], oldPins[1], "the next certificate was promoted");
      assert.is.not(newPins[1], oldPins[1], "a new next certificate is advertised");
      assert.is(figures.failed, 0, figures.errors.join("; "));
      assert.ok(before.length > 0 && after.length > 0, "traffic on both sides of the switch");
      // New dials after the switch: the served certificate is the new current one.
      const errors: string[] = [];
      const dial = async (address: string) => {
        const n = await realNode({ mode: "client", connectTimeoutMs: 3000 });
        nodes.push(n);
        return await n.connect(address).then(
          async (peer) => (await n.request(peer, "hi")) === "hi" ? "ok" : "bad reply",
          (e) => {
            errors.push(`${e.code}: ${e.message}`);
            return String(e.code ?? e);
          },
        );
      };
      assert.is(await dial(restricted(server.address, [protocol])), "ok", "the new address");
      assert.is(
        await dial(restricted(server.address, [protocol], [newPins[0]])),
        "ok",
        "only the new current pin",
      );
      assert.is(
        await dial(restricted(oldAddress, [protocol])),
        "ok",
        `an address from before the rotation (it carried the next pin): ${errors.join("; ")}`,
      );
      const stale = await dial(restricted(oldAddress, [protocol], [oldPin]));
      assert.ok(
        ["PIN_MISMATCH", "CONNECT_FAILED", "TIMEOUT"].includes(stale),
        `only the old pin: ${stale}`,
      );
      console.log(`[rotation ${RUNTIME}/${protocol}] dial with only the old pin: ${stale}`);
      assert.is(await client.request(id, "still"), "still", "the old session still works");
    } finally {
      await closeAll(...nodes);
    }
  });
}

test.after(removeTempDirs);
test.run();
