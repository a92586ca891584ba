/**
 * The `fails` listener beyond conformance: WebSocket sessions on the same
 * port, admission (`maxSessions`, `retryToken` rate limit, unknown paths),
 * explicit ports, closing, argument checks, full-size datagrams.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { connect as tlsConnect } from "node:tls";
import { createServer } from "node:net";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { failsTransport } from "../../lib/transport/fails.ts";
import { AddressRateLimiter, splitHostPort } from "../../lib/transport/fails-admission.ts";
import type { Listener, TransportSession } from "../../lib/transport/types.ts";

const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
const pins = { certificateHashes: [cert.pin] };
const url = (l: Listener, path = "/geomesh") => `https://127.0.0.1:${l.port}${path}`;

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: ${what}`)), ms);
    }),
  ]);
}

const failure = (p: Promise<unknown>) =>
  p.then((v) => {
    (v as TransportSession)?.close?.();
    return undefined;
  }, (e) => e as Error & { code?: string });

/** Accepts sessions and echoes their bidirectional streams and datagrams. */
function echo(listener: Listener): TransportSession[] {
  const seen: TransportSession[] = [];
  (async () => {
    for await (const s of listener.sessions) {
      seen.push(s);
      (async () => {
        for await (const st of s.incomingBidirectionalStreams) {
          st.readable.pipeTo(st.writable).catch(() => {});
        }
      })().catch(() => {});
      s.datagrams.readable.pipeTo(s.datagrams.writable).catch(() => {});
    }
  })();
  return seen;
}

const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const varint = (v: number) =>
  v < 64
    ? Uint8Array.of(v)
    : v < 16384
    ? Uint8Array.of(0x40 | (v >> 8), v & 0xff)
    : Uint8Array.of(0x80 | (v >>> 24), (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
const WT_STREAM = 0x190b4d3b, WT_STREAM_FIN = 0x190b4d3c, WT_MAX_DATA = 0x190b4d3d;
const WT_MAX_STREAM_DATA = 0x190b4d3e, DATAGRAM = 0;

/** One masked client frame carrying one capsule (the library's WebSocket mapping). */
function wsFrame(capsule: Uint8Array): Uint8Array {
  const mask = crypto.getRandomValues(new Uint8Array(4));
  const n = capsule.length;
  const head = n < 126
    ? Uint8Array.of(0x82, 0x80 | n)
    : Uint8Array.of(0x82, 0x80 | 126, n >> 8, n & 0xff);
  return cat(head, mask, capsule.map((b, i) => b ^ mask[i % 4]));
}

/** Parses the server's (unmasked) frames into capsules: [type, body]. */
function* capsules(buf: { data: Uint8Array }): Generator<[number, Uint8Array]> {
  for (;;) {
    const d = buf.data;
    if (d.length < 2) return;
    let len = d[1] & 0x7f, at = 2;
    if (len === 126) [len, at] = [(d[2] << 8) | d[3], 4];
    if (len === 127) return; // not sent by this test's server
    if (d.length < at + len) return;
    const payload = d.subarray(at, at + len);
    buf.data = d.subarray(at + len);
    if ((d[0] & 0x0f) !== 0x2) continue;
    const tlen = 1 << (payload[0] >> 6);
    let type = payload[0] & 0x3f;
    for (let i = 1; i < tlen; i++) type = type * 256 + payload[i];
    yield [type, payload.subarray(tlen)];
  }
}

test("WebSocket session on the same port: protocol ws, stream echo with FIN, datagram", async () => {
  const listener = await failsTransport.listen({ certificate: cert });
  const seen = echo(listener);
  const sock = tlsConnect({
    host: "127.0.0.1",
    port: listener.port,
    rejectUnauthorized: false,
    ALPNProtocols: ["http/1.1"],
  });
  sock.on("error", () => {});
  try {
    await within(new Promise((r) => sock.once("secureConnect", r)), 5000, "tls");
    sock.write(
      `GET /geomesh HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${btoa("0123456789abcdef")}\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Protocol: webtransport_kDraft2\r\n\r\n`,
    );
    const buf = { data: new Uint8Array(0) };
    let gotHead = false;
    const stream: Uint8Array[] = [];
    let fin = false, dgram: Uint8Array | undefined;
    let upgraded!: () => void;
    const switched = new Promise<void>((r) => upgraded = r);
    const done = new Promise<void>((resolve) => {
      sock.on("data", (d: Uint8Array) => {
        buf.data = cat(buf.data, new Uint8Array(d));
        if (!gotHead) {
          const text = new TextDecoder().decode(buf.data);
          const end = text.indexOf("\r\n\r\n");
          if (end < 0) return;
          assert.ok(text.startsWith("HTTP/1.1 101"), text);
          buf.data = buf.data.subarray(end + 4);
          gotHead = true;
          upgraded();
        }
        for (const [type, body] of capsules(buf)) {
          if ((type === WT_STREAM || type === WT_STREAM_FIN) && body[0] === 1) {
            stream.push(body.slice(1));
            fin ||= type === WT_STREAM_FIN;
          }
          if (type === DATAGRAM) dgram = body.slice();
        }
        if (fin && dgram) resolve();
      });
    });
    await within(switched, 5000, "101 Switching Protocols");
    // Client-opened bidirectional stream 1, then credit for the server to answer on it.
    const hello = new TextEncoder().encode("hello over websocket");
    sock.write(cat(
      wsFrame(cat(varint(WT_STREAM), varint(1), hello)),
      wsFrame(cat(varint(WT_MAX_STREAM_DATA), varint(1), varint(1 << 20))),
      wsFrame(cat(varint(WT_MAX_DATA), varint(1 << 20))),
      wsFrame(cat(varint(WT_STREAM_FIN), varint(1))),
      wsFrame(cat(varint(DATAGRAM), Uint8Array.of(7, 8, 9))),
    ));
    await within(done, 5000, "echo over websocket");
    assert.equal(cat(...stream), hello);
    assert.equal(dgram, Uint8Array.of(7, 8, 9));
    assert.is(seen[0].protocol, "ws");
    assert.is(splitHostPort(seen[0].remoteAddress).host, "127.0.0.1");
  } finally {
    sock.destroy();
    await listener.close();
  }
});

test("maxSessions: further sessions are refused until one closes", async () => {
  const listener = await failsTransport.listen({ certificate: cert, maxSessions: 2 });
  const seen = echo(listener);
  try {
    const a = await failsTransport.dial(url(listener), pins);
    const b = await failsTransport.dial(url(listener), pins);
    const refused = await failure(failsTransport.dial(url(listener), pins));
    assert.is(refused?.code, "CONNECT_FAILED");
    assert.match(refused!.message, "503");
    a.close({ closeCode: 0, reason: "make room" });
    await within(seen[0].closed, 5000, "server notices the close");
    const c = await failsTransport.dial(url(listener), pins);
    b.close();
    c.close();
  } finally {
    await listener.close();
  }
});

test("retryToken: connections beyond the per-address rate are closed before TLS", async () => {
  const listener = await failsTransport.listen({
    certificate: cert,
    retryToken: true,
    rateLimit: { burst: 3, perSecond: 0.01 },
  });
  echo(listener);
  try {
    const ok = [];
    for (let i = 0; i < 3; i++) ok.push(await failsTransport.dial(url(listener), pins));
    const limited = await failure(failsTransport.dial(url(listener), { ...pins, timeoutMs: 3000 }));
    assert.is(limited?.code, "CONNECT_FAILED", String(limited));
    for (const s of ok) s.close();
  } finally {
    await listener.close();
  }
});

test("AddressRateLimiter refills over time and forgets the least recently seen", () => {
  const limit = new AddressRateLimiter({ burst: 2, perSecond: 2, maxAddresses: 2 });
  assert.ok(limit.take("a", 0) && limit.take("a", 0));
  assert.not.ok(limit.take("a", 100));
  assert.ok(limit.take("a", 600)); // 0.5 s at 2/s refilled one token
  limit.take("b", 600);
  limit.take("c", 600); // evicts "a"
  assert.is(limit.size, 2);
  assert.ok(limit.take("a", 600) && limit.take("a", 600)); // a fresh bucket
  assert.throws(() => new AddressRateLimiter({ burst: 0 }), RangeError);
});

test("unknown path is refused (404); bad dial arguments are TypeError/RangeError", async () => {
  const listener = await failsTransport.listen({ certificate: cert });
  echo(listener);
  try {
    const err = await failure(failsTransport.dial(url(listener, "/elsewhere"), pins));
    assert.is(err?.code, "CONNECT_FAILED");
    assert.match(err!.message, "404");
    assert.instance(await failure(failsTransport.dial("not a url")), TypeError);
    assert.instance(
      await failure(failsTransport.dial(`http://127.0.0.1:${listener.port}/`)),
      TypeError,
    );
    const short = { certificateHashes: [new Uint8Array(31)] };
    assert.instance(await failure(failsTransport.dial(url(listener), short)), TypeError);
    assert.instance(
      await failure(failsTransport.dial(url(listener), { timeoutMs: 0 })),
      RangeError,
    );
  } finally {
    await listener.close();
  }
});

test("explicit hostname and port; a port in use rejects listen", async () => {
  const probe = createServer();
  const port = await new Promise<number>((r) =>
    probe.listen(0, "127.0.0.1", () => r((probe.address() as { port: number }).port))
  );
  await new Promise((r) => probe.close(r));
  const listener = await failsTransport.listen({ certificate: cert, hostname: "127.0.0.1", port });
  try {
    assert.is(listener.port, port);
    assert.is(listener.hostname, "127.0.0.1");
    assert.equal([...listener.protocols], ["h2", "ws"]);
    const err = await failure(failsTransport.listen({ certificate: cert, port }));
    assert.ok(err instanceof Error, "second listen on the same port must fail");
  } finally {
    await listener.close();
  }
});

test("closing the listener ends its sessions and its session stream; abort signal closes", async () => {
  const ac = new AbortController();
  const listener = await failsTransport.listen({ certificate: cert, signal: ac.signal });
  const accepted = listener.sessions.getReader();
  const session = await failsTransport.dial(url(listener), pins);
  const { value: server } = await accepted.read();
  assert.ok(server);
  ac.abort();
  const info = await within(session.closed, 5000, "client sees the listener close");
  assert.is(typeof info.closeCode, "number");
  assert.ok((await within(accepted.read(), 5000, "session stream ends")).done);
  await within(listener.close(), 5000, "close is idempotent");
  const err = await failure(failsTransport.dial(url(listener), { ...pins, timeoutMs: 2000 }));
  assert.is(err?.code, "CONNECT_FAILED", "the port is released");
});

test("a full-size datagram (maxDatagramSize) arrives intact", async () => {
  const listener = await failsTransport.listen({ certificate: cert });
  echo(listener);
  const session = await failsTransport.dial(url(listener), pins);
  try {
    const max = session.datagrams.maxDatagramSize;
    assert.is(max, 16384);
    const big = crypto.getRandomValues(new Uint8Array(max));
    const reader = session.datagrams.readable.getReader();
    await session.datagrams.writable.getWriter().write(big);
    const { value } = await within(reader.read(), 5000, "datagram echo");
    assert.equal(value, big);
  } finally {
    session.close();
    await listener.close();
  }
});

test.run();
