/**
 * The certificate half of the transport contract (`types.ts`): a dialed
 * session reports the certificate the listener presented
 * (`peerCertificateHash`), an accepted one the certificate it was served
 * (`localCertificateHash`); a rotation changes both for new sessions only.
 * Memory (simulated certificates) and fails (real TLS: HTTP/2 dialer and
 * listener, WebSocket listener), under Deno and Bun.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { certificatePin, pinToString } from "../../lib/cert/pin.ts";
import { failsTransport } from "../../lib/transport/fails.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import type { Listener, TransportSession } from "../../lib/transport/types.ts";
import { captureLogger } from "../node/helpers.ts";
import { connect as http2Connect } from "node:http2";
import { connect as tlsConnect, type TLSSocket } from "node:tls";

const show = (h: Uint8Array | undefined) => h ? pinToString(h) : "none";

/** The next session `listener` accepts. */
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

test("memory: dialer and listener see the same simulated certificate; unique per listener", async () => {
  const net = createMemoryNetwork();
  const a = await net.transport("a").listen({ certificate: { certPem: "", keyPem: "" } });
  const b = await net.transport("b").listen({ certificate: { certPem: "", keyPem: "" } });
  const toA = await net.transport("x").dial("memory://a/geomesh");
  const atA = await accepted(a);
  const toB = await net.transport("x").dial("memory://b/geomesh");
  assert.ok(toA.peerCertificateHash?.length === 32, "dialer sees a certificate hash");
  assert.is(show(atA.localCertificateHash), show(toA.peerCertificateHash));
  assert.is(atA.peerCertificateHash, undefined, "an accepted session has no peer certificate");
  assert.is(toA.localCertificateHash, undefined, "a dialed session serves none");
  assert.is.not(show(toB.peerCertificateHash), show(toA.peerCertificateHash));
  // Pins are checked against the simulated certificate.
  const pinned = await net.transport("y").dial("memory://a/geomesh", {
    certificateHashes: [toA.peerCertificateHash!],
  });
  assert.is(show(pinned.peerCertificateHash), show(toA.peerCertificateHash));
  const wrong = await net.transport("y").dial("memory://a/geomesh", {
    certificateHashes: [toB.peerCertificateHash!],
  }).catch((e) => e);
  assert.is(wrong.code, "PIN_MISMATCH");
  await a.close();
  await b.close();
});

test("memory: a real certPem gives its pin; setCertificate rotates for new sessions only", async () => {
  const net = createMemoryNetwork();
  const [current, next] = await Promise.all([
    generateCertificate({ hostnames: ["127.0.0.1"] }),
    generateCertificate({ hostnames: ["127.0.0.1"] }),
  ]);
  const listener = await net.transport("s").listen({ certificate: current });
  const before = await net.transport("c").dial("memory://s/geomesh");
  const servedBefore = await accepted(listener);
  assert.is(show(before.peerCertificateHash), show(current.pin));
  listener.setCertificate!(next);
  // Dialed right after the call: served the new certificate.
  const after = await net.transport("c").dial("memory://s/geomesh");
  const servedAfter = await accepted(listener);
  assert.is(show(after.peerCertificateHash), show(next.pin));
  assert.is(show(servedAfter.localCertificateHash), show(next.pin));
  // The open session keeps what it was served.
  assert.is(show(servedBefore.localCertificateHash), show(current.pin));
  assert.is(show(before.peerCertificateHash), show(current.pin));
  await listener.close();
});

test("fails h2: both ends name the certificate of their TLS connection, across a rotation", async () => {
  const [current, next] = await Promise.all([
    generateCertificate({ hostnames: ["127.0.0.1"] }),
    generateCertificate({ hostnames: ["127.0.0.1"] }),
  ]);
  const listener = await failsTransport.listen({ certificate: current });
  const url = `https://127.0.0.1:${listener.port}/geomesh`;
  const dial = (pin: Uint8Array) => failsTransport.dial(url, { certificateHashes: [pin] });
  const sessions: TransportSession[] = [];
  try {
    const a = await dial(current.pin);
    const atA = await accepted(listener);
    sessions.push(a, atA);
    assert.is(show(a.peerCertificateHash), show(current.pin));
    assert.is(show(atA.localCertificateHash), show(current.pin));
    listener.setCertificate!(next);
    const b = await dial(next.pin);
    const atB = await accepted(listener);
    sessions.push(b, atB);
    assert.is(show(b.peerCertificateHash), show(next.pin));
    assert.is(show(atB.localCertificateHash), show(next.pin));
    assert.is(show(atA.localCertificateHash), show(current.pin), "unchanged by the rotation");
    // The old pin no longer matches what new connections are served.
    const log = captureLogger();
    const old = await failsTransport.dial(url, { certificateHashes: [current.pin], logger: log })
      .catch((e) => e);
    assert.is(old.code, "PIN_MISMATCH");
    assert.ok(
      log.lines.some((l) =>
        /none of the pins/.test(String(l.msg)) && l.presented === show(next.pin)
      ),
      "a warning names the certificate presented",
    );
    // Without pins (CA trust only) the self-signed certificate is refused.
    const unpinned = await failsTransport.dial(url, { timeoutMs: 3000 }).catch((e) => e);
    assert.instance(unpinned, Error);
  } finally {
    for (const s of sessions) s.close();
    await listener.close();
  }
});

/** A TLS connection to `port`, the certificate it saw, and a way to open a session on it later. */
async function tlsConnection(port: number, alpn: "h2" | "http/1.1") {
  if (alpn === "h2") {
    const client = http2Connect(`https://127.0.0.1:${port}`, {
      rejectUnauthorized: false,
      settings: { enableConnectProtocol: true },
    });
    client.on("error", () => {});
    await new Promise((r) => client.once("remoteSettings", r));
    const socket = client.socket as unknown as TLSSocket;
    return {
      seen: await certificatePin(new Uint8Array(socket.getPeerCertificate(true).raw)),
      open() {
        const req = client.request({
          ":method": "CONNECT",
          ":protocol": "webtransport",
          ":scheme": "https",
          ":path": "/geomesh",
          ":authority": `127.0.0.1:${port}`,
        });
        req.on("error", () => {});
      },
      close: () => client.destroy(),
    };
  }
  const sock = tlsConnect({
    host: "127.0.0.1",
    port,
    rejectUnauthorized: false,
    ALPNProtocols: ["http/1.1"],
  });
  sock.on("error", () => {});
  await new Promise((r) => sock.once("secureConnect", r));
  return {
    seen: await certificatePin(new Uint8Array(sock.getPeerCertificate(true).raw)),
    open() {
      sock.write(
        `GET /geomesh HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${btoa("0123456789abcdef")}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: webtransport_kDraft2\r\n\r\n`,
      );
    },
    close: () => sock.destroy(),
  };
}

for (const alpn of ["h2", "http/1.1"] as const) {
  test(`fails listener (${alpn}): a session names the certificate its TLS connection got, even when opened after a rotation`, async () => {
    const [current, next] = await Promise.all([
      generateCertificate({ hostnames: ["127.0.0.1"] }),
      generateCertificate({ hostnames: ["127.0.0.1"] }),
    ]);
    const listener = await failsTransport.listen({ certificate: current });
    const conns: Array<{ close(): void }> = [];
    const sessions: TransportSession[] = [];
    try {
      // Connected before the rotation, session requested after it.
      const early = await tlsConnection(listener.port, alpn);
      conns.push(early);
      listener.setCertificate!(next);
      const late = await tlsConnection(listener.port, alpn);
      conns.push(late);
      assert.is(show(early.seen), show(current.pin));
      assert.is(show(late.seen), show(next.pin));
      early.open();
      const atEarly = await accepted(listener);
      late.open();
      const atLate = await accepted(listener);
      sessions.push(atEarly, atLate);
      assert.is(atEarly.protocol, alpn === "h2" ? "h2" : "ws");
      assert.is(
        show(atEarly.localCertificateHash),
        show(current.pin),
        "what its socket was served",
      );
      assert.is(show(atLate.localCertificateHash), show(next.pin));
    } finally {
      for (const s of sessions) s.close();
      for (const c of conns) c.close();
      await listener.close();
    }
  });
}

test.run();
