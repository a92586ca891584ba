/**
 * The browser transport's logic with stand-in WebTransport constructors (so
 * it runs under Deno and Bun): URL forms, argument checks, error mapping,
 * timeout and abort, and the session wrapper's close and datagram rules.
 * The real thing runs in Chromium in the other files of this folder.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { browserTransport, dialBrowser } from "../../lib/transport/browser.ts";

interface FakeInit {
  serverCertificateHashes?: { algorithm: string; value: Uint8Array }[];
}

/** A controllable stand-in for `WebTransport`. */
class Fake {
  static last: Fake | undefined;
  static mode: "ok" | "fail" | "hang" = "ok";
  readonly url: string;
  readonly init: FakeInit;
  readonly ready: Promise<void>;
  readonly closed: Promise<{ closeCode: number; reason: string }>;
  closedWith?: { closeCode?: number; reason?: string };
  closeCalls = 0;
  sent: Uint8Array[] = [];
  endClosed!: (v: { closeCode: number; reason: string }) => void;
  failClosed!: (e: Error) => void;
  datagrams = {
    readable: new ReadableStream<Uint8Array>(),
    maxDatagramSize: 100,
    createWritable: () => new WritableStream<Uint8Array>({ write: (c) => void this.sent.push(c) }),
  };
  incomingBidirectionalStreams = new ReadableStream();
  incomingUnidirectionalStreams = new ReadableStream();
  constructor(url: string, init: FakeInit) {
    this.url = url;
    this.init = init;
    Fake.last = this;
    this.ready = Fake.mode === "ok"
      ? Promise.resolve()
      : Fake.mode === "fail"
      ? Promise.reject(new Error("Opening handshake failed."))
      : new Promise(() => {});
    this.closed = new Promise((resolve, reject) => {
      this.endClosed = resolve;
      this.failClosed = reject;
    });
  }
  createBidirectionalStream() {
    const t = new TransformStream<Uint8Array, Uint8Array>();
    return Promise.resolve({ readable: t.readable, writable: t.writable });
  }
  createUnidirectionalStream() {
    return Promise.resolve(new WritableStream<Uint8Array>());
  }
  close(info?: { closeCode?: number; reason?: string }) {
    this.closeCalls++;
    this.closedWith = info;
    this.endClosed({ closeCode: info?.closeCode ?? 0, reason: info?.reason ?? "" });
  }
}

const pin = new Uint8Array(32).fill(7);
const opts = { WebTransport: Fake as never, Ponyfill: Fake as never, certificateHashes: [pin] };

test("URL forms pick the protocol; the adapter always opens https URLs", async () => {
  Fake.mode = "ok";
  for (
    const [url, protocol] of [
      ["https://127.0.0.1:4433/geomesh", "h3"],
      ["h3://127.0.0.1:4433/geomesh", "h3"],
      ["wss://127.0.0.1:4433/geomesh", "ws"],
    ] as const
  ) {
    const s = await dialBrowser(url, opts);
    assert.is(s.protocol, protocol);
    assert.is(s.remoteAddress, "127.0.0.1:4433");
    assert.is(Fake.last!.url, "https://127.0.0.1:4433/geomesh");
    assert.equal(Fake.last!.init.serverCertificateHashes, [{ algorithm: "sha-256", value: pin }]);
    s.close();
  }
  assert.is((await dialBrowser("https://h/geomesh", { ...opts, protocol: "ws" })).protocol, "ws");
});

test("bad arguments are TypeErrors / RangeErrors", async () => {
  const err = (p: Promise<unknown>) => p.then(() => undefined, (e) => e as Error);
  assert.instance(await err(dialBrowser("ftp://x/y", opts)), TypeError);
  assert.instance(await err(dialBrowser("not a url", opts)), TypeError);
  assert.instance(await err(dialBrowser("https://x/y", { ...opts, protocol: "h2" })), TypeError);
  assert.instance(await err(dialBrowser("wss://x/y", { ...opts, protocol: "h3" })), TypeError);
  assert.instance(
    await err(dialBrowser("https://x/y", { ...opts, certificateHashes: [new Uint8Array(3)] })),
    TypeError,
  );
  assert.instance(await err(dialBrowser("https://x/y", { ...opts, timeoutMs: -1 })), RangeError);
  assert.instance(await err(browserTransport.listen({} as never)), TypeError);
});

test("failures map to typed errors: CONNECT_FAILED naming the causes, TIMEOUT, ABORTED", async () => {
  Fake.mode = "fail";
  const h3 = await dialBrowser("https://127.0.0.1:1/geomesh", opts).catch((e) => e);
  assert.is(h3.code, "CONNECT_FAILED");
  assert.match(h3.message, /matches none of the pins/);
  const ws = await dialBrowser("wss://127.0.0.1:1/geomesh", opts).catch((e) => e);
  assert.is(ws.code, "CONNECT_FAILED");
  assert.match(ws.message, /does not trust its certificate.*https:\/\/127\.0\.0\.1:1\//);
  if (!("WebTransport" in globalThis)) {
    // Bun: no native WebTransport to fall back to.
    const none = await dialBrowser("https://127.0.0.1:1/geomesh", {
      ...opts,
      WebTransport: undefined,
    }).catch((e) => e);
    assert.match(none.message, /no WebTransport; dial a wss:\/\/ \(WebSocket\) address/);
  }
  Fake.mode = "hang";
  const slow = await dialBrowser("https://127.0.0.1:1/g", { ...opts, timeoutMs: 30 }).catch((e) =>
    e
  );
  assert.is(slow.code, "TIMEOUT");
  assert.is(Fake.last!.closeCalls, 1, "the attempt is closed");
  const ac = new AbortController();
  const pending = dialBrowser("https://127.0.0.1:1/g", { ...opts, signal: ac.signal });
  ac.abort();
  assert.is((await pending.catch((e) => e)).code, "ABORTED");
});

test("sessions: close once, closed settles with the info, nothing opens after, datagrams capped", async () => {
  Fake.mode = "ok";
  const s = await dialBrowser("https://127.0.0.1:1/g", opts);
  const fake = Fake.last!;
  const w = s.datagrams.writable.getWriter();
  await w.write(new Uint8Array(100));
  await w.write(new Uint8Array(101)); // over maxDatagramSize: dropped, as in WebTransport
  assert.equal(fake.sent.map((d) => d.length), [100]);
  assert.is(s.datagrams.maxDatagramSize, 100);
  assert.throws(() => s.close({ closeCode: -1 }), RangeError);
  s.close({ closeCode: 5, reason: "bye" });
  s.close({ closeCode: 6, reason: "again" });
  assert.is(fake.closeCalls, 1);
  assert.equal(await s.closed, { closeCode: 5, reason: "bye" });
  assert.is((await s.createBidirectionalStream().catch((e) => e)).code, "SESSION_CLOSED");
  // A session that dies settles `closed` with an error instead of rejecting.
  const t = await dialBrowser("https://127.0.0.1:1/g", opts);
  Fake.last!.failClosed(new Error("Connection lost."));
  const info = await t.closed;
  assert.equal([info.closeCode, info.reason, info.error?.name], [
    0,
    "Connection lost.",
    "SessionClosedError",
  ]);
});

test.run();
