/**
 * Regression tests for `patches/@fails-components+webtransport+1.6.8.patch`,
 * against the library itself (not the adapter), each one failing on the
 * unpatched 1.6.8: session flow-control stall, stream id 0, stream credit never
 * returned, close code and reason lost (Deno), FIN of a split capsule,
 * WebSocket fragments, bytes right behind the upgrade request, malformed
 * WebSocket frames, session close after the application cancelled streams.
 * The pin fix (a CA-trusted certificate passed any pin) needs a trusted CA,
 * so a child process: see `tests/adversarial/pin-mitm.test.ts`.
 * Check: `node scripts/apply-patches.mjs --reverse`, run this file (it fails),
 * `node scripts/apply-patches.mjs` (it passes).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { connect as h2Connect } from "node:http2";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { loadFails } from "../../lib/transport/fails-load.ts";

// deno-lint-ignore no-explicit-any
type Any = any;
// The library itself (via the adapter's quiet loader, which imports lib/deps/fails.ts).
const { Http2Server, WebTransport } = await loadFails();
const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
const server: Any = new Http2Server({
  port: 0,
  host: "127.0.0.1",
  secret: "unused",
  cert: cert.certPem,
  privKey: cert.keyPem,
});
const sessions = (server.sessionStream("/p") as ReadableStream<Any>).getReader();
server.startServer();
await server.ready;
const port: number = server.address().port;

/** Rejects when `p` takes longer than `ms` (a stall shows up as a failure, not a hang). */
function within<T = Any>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stalled: ${what} (${ms} ms)`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Byte comparison with a short message (uvu's diff of large arrays takes minutes). */
function assertBytes(got: Uint8Array, want: Uint8Array, what: string) {
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  if (i === got.length && i === want.length) return;
  assert.unreachable(
    `${what}: got ${got.length} bytes, want ${want.length}, first difference at ${i}`,
  );
}

function pattern(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

/** Writes `data` and closes; the returned promise counts as handled (a test may abandon it). */
function writeAll(w: WritableStream<Uint8Array>, data: Uint8Array): Promise<void> {
  const done = (async () => {
    const writer = w.getWriter();
    for (let i = 0; i < data.length; i += 8192) await writer.write(data.slice(i, i + 8192));
    await writer.close();
  })();
  done.catch(() => {});
  return done;
}

/** Reads to the end; the returned promise counts as handled (a test may abandon it). */
function readAll(r: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const done = (async () => {
    const chunks: Uint8Array[] = [];
    for (const reader = r.getReader();;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) out.set(c, (at += c.length) - c.length);
    return out;
  })();
  done.catch(() => {});
  return done;
}

async function withSession(fn: (client: Any, server: Any) => Promise<void>) {
  const wt: Any = new WebTransport(`https://127.0.0.1:${port}/p`, {
    forceReliable: true,
    serverCertificateHashes: [{ algorithm: "sha-256", value: cert.pin }],
  });
  wt.closed.catch(() => {});
  await within(5000, wt.ready, "client ready");
  const { value: s } = await within(5000, sessions.read(), "server session");
  s.closed.catch(() => {});
  await s.ready;
  try {
    await fn(wt, s);
  } finally {
    wt.close({ closeCode: 0, reason: "" });
    s.close({ closeCode: 0, reason: "" });
  }
}

test("one stream carries 1 MiB (session window: WT_MAX_DATA is sent)", async () => {
  await withSession(async (wt, s) => {
    const data = pattern(1 << 20, 1);
    const st = await wt.createBidirectionalStream();
    const incoming: Promise<Any> = s.incomingBidirectionalStreams.getReader().read();
    const written = writeAll(st.writable, data);
    const { value } = await within<Any>(5000, incoming, "incoming stream");
    const got = await within(10000, readAll(value.readable), "1 MiB through one stream");
    await written;
    assertBytes(got, data, "1 MiB stream");
  });
});

test("10 concurrent streams carry 64 KiB each (session-wide window)", async () => {
  await withSession(async (wt, s) => {
    const reader = s.incomingBidirectionalStreams.getReader();
    const received = (async () => {
      const reads: Promise<Uint8Array>[] = [];
      for (let i = 0; i < 10; i++) reads.push(readAll((await reader.read()).value.readable));
      return await Promise.all(reads);
    })();
    received.catch(() => {}); // awaited below unless the writes already failed
    const streams = await Promise.all(
      Array.from({ length: 10 }, () => wt.createBidirectionalStream()),
    );
    await within(
      10000,
      Promise.all(streams.map((st, i) => writeAll(st.writable, pattern(65536, i)))),
      "writes",
    );
    const got = await within(10000, received, "10 x 64 KiB");
    const total = got.reduce((n, g) => n + g.length, 0);
    assert.is(total, 10 * 65536);
    // Arrival order is not creation order: compare as a set of contents.
    const want = new Set(streams.map((_: Any, i: number) => pattern(65536, i).join()));
    for (const g of got) assert.ok(want.has(g.join()), "unexpected stream content");
  });
});

test("server-opened stream (id 0) carries 256 KiB both ways", async () => {
  await withSession(async (wt, s) => {
    const st = await s.createBidirectionalStream();
    const down = pattern(256 * 1024, 7);
    const up = pattern(256 * 1024, 9);
    const serverRead = readAll(st.readable);
    const serverWrite = writeAll(st.writable, down);
    const { value: cst } = await within<Any>(
      5000,
      wt.incomingBidirectionalStreams.getReader().read(),
      "incoming",
    );
    const clientWrite = writeAll(cst.writable, up);
    assertBytes(
      await within(10000, readAll(cst.readable), "server -> client on id 0"),
      down,
      "down",
    );
    assertBytes(await within(10000, serverRead, "client -> server on id 0"), up, "up");
    await Promise.all([serverWrite, clientWrite]);
  });
});

test("closed bidirectional streams are retired: 150 in a row on one session", async () => {
  await withSession(async (wt, s) => {
    (async () => {
      for await (const st of s.incomingBidirectionalStreams) {
        st.readable.pipeTo(st.writable).catch(() => {});
      }
    })().catch(() => {});
    const run = (async () => {
      for (let i = 0; i < 150; i++) {
        const st = await wt.createBidirectionalStream({ waitUntilAvailable: true });
        const back = readAll(st.readable);
        await writeAll(st.writable, Uint8Array.of(i));
        assertBytes(await back, Uint8Array.of(i), `stream ${i}`);
      }
    })();
    run.catch(() => {});
    await within(10000, run, "150 streams (stream credit returned)");
  });
});

test("close code and reason reach the peer (both directions)", async () => {
  for (const closer of ["client", "server"]) {
    const wt: Any = new WebTransport(`https://127.0.0.1:${port}/p`, {
      forceReliable: true,
      serverCertificateHashes: [{ algorithm: "sha-256", value: cert.pin }],
    });
    wt.closed.catch(() => {});
    await within(5000, wt.ready, "client ready");
    const { value: s } = await within<Any>(5000, sessions.read(), "server session");
    await s.ready;
    const [local, remote] = closer === "client" ? [wt, s] : [s, wt];
    local.close({ closeCode: 4242, reason: `${closer} bye ✓` });
    const info = await within<Any>(5000, remote.closed, "peer closed");
    assert.is(info.closeCode, 4242);
    assert.is(info.reason, `${closer} bye ✓`);
  }
});

const WT_STREAM = 0x190b4d3b;
const WT_STREAM_FIN = 0x190b4d3c;
const DATAGRAM = 0x00;

function varint(v: number): Uint8Array {
  if (v < 64) return Uint8Array.of(v);
  if (v < 16384) return Uint8Array.of(0x40 | (v >> 8), v & 0xff);
  return Uint8Array.of(0x80 | (v >>> 24), (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
}
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("FIN of a capsule split across reads (HTTP/2) ends the stream", async () => {
  const client = h2Connect(`https://127.0.0.1:${port}`, {
    rejectUnauthorized: false,
    settings: { enableConnectProtocol: true },
  });
  client.on("error", () => {});
  try {
    await within(5000, new Promise((r) => client.once("remoteSettings", r)), "settings");
    const req = client.request({
      ":method": "CONNECT",
      ":protocol": "webtransport",
      ":scheme": "https",
      ":path": "/p",
      ":authority": `127.0.0.1:${port}`,
    });
    req.on("error", () => {});
    req.resume();
    const { value: s } = await within(5000, sessions.read(), "server session");
    s.closed.catch(() => {});
    const data = pattern(12000, 3); // within the 16 KiB initial stream window
    const body = cat(varint(1), data); // client bidi stream id 1, then data
    // One WT_STREAM capsule with FIN, its payload sent in two DATA frames.
    req.write(cat(varint(WT_STREAM_FIN), varint(body.length), body.subarray(0, 5000)));
    await sleep(100);
    req.write(body.subarray(5000));
    const { value } = await within<Any>(
      5000,
      s.incomingBidirectionalStreams.getReader().read(),
      "incoming",
    );
    assertBytes(
      await within(5000, readAll(value.readable), "FIN of split capsule"),
      data,
      "split capsule",
    );
    s.close({ closeCode: 0, reason: "" });
  } finally {
    client.destroy();
  }
});

/** A raw WebSocket client (HTTP/1.1 upgrade) that writes hand-made frames. */
async function rawWebSocket(early?: Uint8Array): Promise<TLSSocket> {
  const sock = tlsConnect({
    host: "127.0.0.1",
    port,
    rejectUnauthorized: false,
    ALPNProtocols: ["http/1.1"],
  });
  sock.on("error", () => {});
  await within(5000, new Promise((r) => sock.once("secureConnect", r)), "tls");
  const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  sock.write(
    `GET /p HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Protocol: webtransport_kDraft2\r\n\r\n`,
  );
  if (early) sock.write(early); // right behind the request, before the 101
  const head = await within(
    5000,
    new Promise<string>((r) => sock.once("data", (d) => r(String(d)))),
    "101",
  );
  assert.ok(head.startsWith("HTTP/1.1 101"), head);
  sock.on("data", () => {}); // ignore what the server sends (initial limits)
  return sock;
}

/** One client frame (masked, as RFC 6455 requires). */
function frame(fin: boolean, opcode: number, payload: Uint8Array): Uint8Array {
  const mask = crypto.getRandomValues(new Uint8Array(4));
  const len = payload.length;
  const head = len < 126
    ? Uint8Array.of(0, 0x80 | len)
    : Uint8Array.of(0, 0x80 | 126, len >> 8, len & 0xff);
  head[0] = (fin ? 0x80 : 0) | opcode;
  return cat(head, mask, payload.map((b, i) => b ^ mask[i % 4]));
}

/** Splits `message` into binary fragments at the given offsets. */
function fragments(message: Uint8Array, cuts: number[]): Uint8Array[] {
  const bounds = [0, ...cuts, message.length];
  return bounds.slice(1).map((end, i) =>
    frame(i === bounds.length - 2, i === 0 ? 0x2 : 0x0, message.subarray(bounds[i], end))
  );
}

test("fragmented WebSocket messages are reassembled (even a 2-byte first fragment)", async () => {
  const sock = await rawWebSocket();
  try {
    const { value: s } = await within(5000, sessions.read(), "server session");
    s.closed.catch(() => {});
    const part1 = pattern(3000, 5);
    const part2 = pattern(3000, 6);
    const dgram = pattern(500, 8);
    const m1 = cat(varint(WT_STREAM), varint(1), part1);
    const m2 = cat(varint(WT_STREAM), varint(1), part2);
    const m3 = cat(varint(WT_STREAM_FIN), varint(1));
    const md = cat(varint(DATAGRAM), dgram);
    const [f1, f2, f3] = fragments(m1, [2, 5]); // first fragment shorter than the capsule type
    sock.write(cat(f1, f2, frame(true, 0x9, Uint8Array.of(1, 2)), f3)); // ping between fragments
    await sleep(50);
    for (const f of fragments(m2, [100, 1500])) {
      sock.write(f); // each fragment in its own read
      await sleep(20);
    }
    sock.write(cat(...fragments(md, [1, 250]), ...fragments(m3, [3])));
    const [{ value: st }, { value: dg }] = await within(
      5000,
      Promise.all([
        s.incomingBidirectionalStreams.getReader().read(),
        s.datagrams.readable.getReader().read(),
      ]),
      "stream and datagram",
    );
    assertBytes(
      await within(5000, readAll(st.readable), "fragmented"),
      cat(part1, part2),
      "fragments",
    );
    assertBytes(new Uint8Array(dg), dgram, "datagram");
    s.close({ closeCode: 0, reason: "" });
  } finally {
    sock.destroy();
  }
});

test("bytes sent right behind the WebSocket upgrade request are not lost", async () => {
  const data = pattern(2000, 4);
  const sock = await rawWebSocket(cat(
    frame(true, 0x2, cat(varint(WT_STREAM), varint(1), data)),
    frame(true, 0x2, cat(varint(WT_STREAM_FIN), varint(1))),
  ));
  try {
    const { value: s } = await within<Any>(5000, sessions.read(), "server session");
    s.closed.catch(() => {});
    const { value } = await within<Any>(
      5000,
      s.incomingBidirectionalStreams.getReader().read(),
      "incoming",
    );
    assertBytes(await within(5000, readAll(value.readable), "early data"), data, "early data");
    s.close({ closeCode: 0, reason: "" });
  } finally {
    sock.destroy();
  }
});

test("closing a session whose incoming streams the application cancelled", async () => {
  await withSession(async (wt, s) => {
    await s.incomingBidirectionalStreams.cancel();
    await s.incomingUnidirectionalStreams.cancel();
    await s.datagrams.readable.cancel();
    const closed = s.closed;
    wt.close({ closeCode: 5, reason: "bye" });
    assert.is((await within<Any>(5000, closed, "closed")).closeCode, 5);
  });
});

test("a WebSocket frame shorter than its capsule type fails that session only", async () => {
  const sock = await rawWebSocket();
  try {
    const { value: s } = await within(5000, sessions.read(), "server session");
    const closed = s.closed.then((i: Any) => i, (e: Any) => e);
    // 2-byte binary frame whose 4-byte capsule type runs into the next frame
    sock.write(
      cat(frame(true, 0x2, varint(WT_STREAM).subarray(0, 2)), frame(true, 0x2, pattern(40, 1))),
    );
    await within(5000, closed, "session closed");
  } finally {
    sock.destroy();
  }
  // The server survived and still accepts sessions.
  await withSession(async (wt, s) => {
    const st = await wt.createUnidirectionalStream();
    const incoming: Promise<Any> = s.incomingUnidirectionalStreams.getReader().read();
    await writeAll(st, pattern(1000, 2));
    const { value } = await within<Any>(5000, incoming, "incoming uni");
    assertBytes(await within(5000, readAll(value), "uni data"), pattern(1000, 2), "uni");
  });
});

test.after(async () => {
  server.stopServer();
  await within(5000, server.closed, "server closed").catch(() => {});
});

test.run();
