/**
 * The certificate half of the transport contract on Deno's HTTP/3 and the
 * dual listener: accepted sessions name the certificate they were served
 * (current when the connection came in), across a rotation; a dialed HTTP/3
 * session has no `peerCertificateHash` (Deno hides the certificate and
 * enforces the pins itself, which the handshake then relies on).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { pinToString } from "../../lib/cert/pin.ts";
import { denoTransport } from "../../lib/transport/deno.ts";
import { dualTransport } from "../../lib/transport/dual.ts";
import type { Listener, TransportSession } from "../../lib/transport/types.ts";

const show = (h: Uint8Array | undefined) => h ? pinToString(h) : "none";

async function accepted(listener: Listener): Promise<TransportSession> {
  const reader = listener.sessions.getReader();
  try {
    const { value } = await reader.read();
    if (!value) throw new Error("listener ended");
    return value;
  } finally {
    reader.releaseLock();
  }
}

test("h3: accepted sessions name the certificate served; a rotation changes new ones only", async () => {
  const [current, next] = await Promise.all([
    generateCertificate({ hostnames: ["127.0.0.1"] }),
    generateCertificate({ hostnames: ["127.0.0.1"] }),
  ]);
  const listener = await denoTransport.listen({ certificate: current });
  const url = `https://127.0.0.1:${listener.port}/geomesh`;
  const sessions: TransportSession[] = [];
  try {
    const a = await denoTransport.dial(url, { certificateHashes: [current.pin] });
    const atA = await accepted(listener);
    sessions.push(a, atA);
    assert.is(a.peerCertificateHash, undefined, "Deno's QUIC does not show the certificate");
    assert.is(show(atA.localCertificateHash), show(current.pin));
    listener.setCertificate!(next);
    const b = await denoTransport.dial(url, { certificateHashes: [next.pin] });
    const atB = await accepted(listener);
    sessions.push(b, atB);
    assert.is(show(atB.localCertificateHash), show(next.pin));
    assert.is(show(atA.localCertificateHash), show(current.pin));
  } finally {
    for (const s of sessions) s.close();
    await listener.close();
  }
});

test("dual: h3 and h2 sessions on one port both name the certificate served", async () => {
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  const listener = await dualTransport.listen({ certificate: cert });
  const url = `https://127.0.0.1:${listener.port}/geomesh`;
  const sessions: TransportSession[] = [];
  try {
    for (const protocol of ["h3", "h2"] as const) {
      const s = await dualTransport.dial(url, { certificateHashes: [cert.pin], protocol });
      const at = await accepted(listener);
      sessions.push(s, at);
      assert.is(at.protocol, protocol);
      assert.is(show(at.localCertificateHash), show(cert.pin), protocol);
      // h2 shows the certificate it was presented; h3 leaves it to Deno's pin check.
      assert.is(show(s.peerCertificateHash), protocol === "h2" ? show(cert.pin) : "none");
    }
  } finally {
    for (const s of sessions) s.close();
    await listener.close();
  }
});

test.run();
