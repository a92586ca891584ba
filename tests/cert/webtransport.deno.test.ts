/**
 * A generated certificate's pin is accepted by a real Deno WebTransport
 * session (HTTP/3 over QUIC), an echo works over it, and a wrong pin is
 * refused. Deno-only: native WebTransport behind --unstable-net.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  certificatePins,
  loadOrCreateCertificates,
  type TlsCertificate,
  updateCertificates,
} from "../../lib/cert/mod.ts";

interface Server {
  port: number;
  close(): Promise<void>;
}

/** Echo server: every bidirectional stream gets its bytes back. Always accepts or refuses each
 * incoming connection at once (a QUIC Incoming left alone makes the client time out). */
function startServer(cert: TlsCertificate): Server {
  const endpoint = new Deno.QuicEndpoint({ hostname: "127.0.0.1", port: 0 });
  const listener = endpoint.listen({
    cert: cert.certPem,
    key: cert.keyPem,
    alpnProtocols: ["h3"],
  });
  const sessions: WebTransport[] = [];
  const loop = (async () => {
    for await (const incoming of listener) {
      (async () => {
        try {
          const conn = await incoming.accept();
          const wt = await Deno.upgradeWebTransport(conn);
          sessions.push(wt);
          await wt.ready;
          for await (const stream of wt.incomingBidirectionalStreams) {
            // Echo chunk by chunk; nothing waits for FIN (Deno does not deliver it reliably).
            stream.readable.pipeTo(stream.writable).catch(() => {});
          }
        } catch {
          // A client that refused our certificate aborts the handshake: expected here.
        }
      })();
    }
  })();
  return {
    port: (endpoint.addr as Deno.NetAddr).port,
    async close() {
      for (const wt of sessions) {
        try {
          wt.close();
        } catch { /* already closed */ }
      }
      endpoint.close();
      await loop.catch(() => {});
    },
  };
}

function connect(port: number, pins: Uint8Array[]): WebTransport {
  const wt = new WebTransport(`https://127.0.0.1:${port}/`, {
    serverCertificateHashes: pins.map((value) => ({
      algorithm: "sha-256",
      value: value as Uint8Array<ArrayBuffer>,
    })),
  });
  wt.closed.catch(() => {});
  return wt;
}

async function echo(wt: WebTransport, text: string): Promise<string> {
  const stream = await wt.createBidirectionalStream();
  const writer = stream.writable.getWriter();
  const payload = new TextEncoder().encode(text);
  await writer.write(payload);
  const reader = stream.readable.getReader();
  const received: number[] = [];
  while (received.length < payload.length) {
    const { value, done } = await reader.read();
    if (done) break;
    received.push(...value);
  }
  reader.releaseLock();
  writer.releaseLock();
  return new TextDecoder().decode(new Uint8Array(received));
}

async function refused(wt: WebTransport): Promise<Error> {
  try {
    await wt.ready;
  } catch (err) {
    return err as Error;
  }
  wt.close();
  throw new Error("a session with a wrong pin was accepted");
}

const certPath = await mkdtemp(join(tmpdir(), "geomesh-wt-"));
const T0 = Date.now();
const pair = await loadOrCreateCertificates({ certPath, hostnames: ["127.0.0.1"], now: T0 });

test("the current certificate's pin opens a session and an echo works", async () => {
  const server = startServer(pair.current);
  try {
    const wt = connect(server.port, [pair.current.pin]);
    await wt.ready;
    assert.is(await echo(wt, "hello over HTTP/3"), "hello over HTTP/3");
    assert.is(await echo(wt, "x".repeat(40_000)), "x".repeat(40_000));
    wt.close();
    // Both advertised pins (as a peer holds them from the address): accepted too.
    const both = connect(server.port, certificatePins(pair));
    await both.ready;
    assert.is(await echo(both, "both pins"), "both pins");
    both.close();
  } finally {
    await server.close();
  }
});

test("a wrong pin is refused (fast: the server accepts every Incoming)", async () => {
  const server = startServer(pair.current);
  try {
    const wrong = pair.current.pin.slice();
    wrong[0] ^= 1;
    const err = await refused(connect(server.port, [wrong]));
    assert.is(err.name, "WebTransportError");
    assert.match(err.message, /certificate|handshake/i);
    // The next certificate's pin alone does not open the current certificate's server.
    const onlyNext = await refused(connect(server.port, [pair.next.pin]));
    assert.is(onlyNext.name, "WebTransportError");
    // The server is still fine for the right pin afterwards.
    const ok = connect(server.port, [pair.current.pin]);
    await ok.ready;
    assert.is(await echo(ok, "still up"), "still up");
    ok.close();
  } finally {
    await server.close();
  }
});

test("after rotation the promoted certificate serves peers holding the old address's pins", async () => {
  // A pair made 12 days ago is due now: its next is promoted (and is valid now).
  const DAY = 86_400_000;
  const old = await updateCertificates({}, {
    hostnames: ["127.0.0.1"],
    now: Date.now() - 12 * DAY,
  });
  const oldAddressPins = certificatePins(old);
  const rotated = await updateCertificates(old, { hostnames: ["127.0.0.1"] });
  assert.ok(rotated.rotated);
  const server = startServer(rotated.current);
  try {
    const wt = connect(server.port, oldAddressPins);
    await wt.ready;
    assert.is(await echo(wt, "rotated"), "rotated");
    wt.close();
    const stale = await refused(connect(server.port, [old.current.pin]));
    assert.is(stale.name, "WebTransportError");
  } finally {
    await server.close();
  }
  // Why next must be valid when promoted: a pinned certificate outside its validity period
  // is refused by the client even with the right pin (Deno says NotValidYet / Expired).
  const fresh = await updateCertificates({}, { hostnames: ["127.0.0.1"] });
  const early = startServer(fresh.next);
  try {
    assert.ok(fresh.next.notBefore.getTime() > Date.now(), "a fresh pair's next starts later");
    const err = await refused(connect(early.port, [fresh.next.pin]));
    assert.match(err.message, /NotValidYet|certificate/);
  } finally {
    await early.close();
  }
});

test.after(async () => {
  await rm(certPath, { recursive: true, force: true });
});

test.run();
