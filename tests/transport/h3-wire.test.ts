/**
 * The HTTP/3 wire helpers of the deno adapter (pure functions, both runtimes).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import {
  connectRequest,
  controlStreamPreamble,
  decodeVarint,
  encodeVarint,
  parseConnectResponse,
  readVarint,
} from "../../lib/transport/h3-wire.ts";

test("varints round-trip at every size boundary", () => {
  for (const v of [0n, 63n, 64n, 16383n, 16384n, 1073741823n, 1073741824n, 4611686018427387903n]) {
    const bytes = encodeVarint(v);
    assert.equal(decodeVarint(bytes, 0), { value: v, size: bytes.length });
  }
  assert.equal([...encodeVarint(0x41n)], [0x40, 0x41]);
  assert.is(decodeVarint(Uint8Array.of(0x40), 0), undefined, "truncated");
  assert.throws(() => encodeVarint(-1n), RangeError);
  assert.throws(() => encodeVarint(1n << 62n), RangeError);
});

test("control stream opens with a SETTINGS frame enabling WebTransport", () => {
  const p = controlStreamPreamble();
  assert.is(p[0], 0x00);
  assert.is(p[1], 0x04);
  const len = decodeVarint(p, 2)!;
  assert.is(p.length, 2 + len.size + Number(len.value));
});

test("CONNECT request carries method, scheme, authority, path and protocol", () => {
  const req = connectRequest(new URL("https://127.0.0.1:4433/geomesh?x=1"));
  assert.is(req[0], 0x01);
  const text = new TextDecoder().decode(req);
  for (const s of ["127.0.0.1:4433", "/geomesh?x=1", ":protocol", "webtransport"]) {
    assert.ok(text.includes(s), s);
  }
  assert.ok(
    req.includes(0xc0 | 15) && req.includes(0xc0 | 23),
    "CONNECT and https from the static table",
  );
});

test("CONNECT responses: indexed, literal with name reference, literal name, partial", () => {
  assert.is(parseConnectResponse(Uint8Array.of(0x01, 0x03, 0, 0, 0xd9)), 200);
  assert.is(parseConnectResponse(Uint8Array.of(0x01, 0x03, 0, 0, 0xdb)), 404);
  // :status (static 24) with literal value "200"
  assert.throws(
    () => parseConnectResponse(Uint8Array.of(0x01, 0x06, 0, 0, 0x5f, 0x09, 3, 50)),
    RangeError,
  );
  assert.is(parseConnectResponse(Uint8Array.of(0x01, 0x08, 0, 0, 0x5f, 0x09, 3, 50, 48, 48)), 200);
  const name = new TextEncoder().encode(":status");
  const lit = Uint8Array.of(
    0x01,
    2 + 2 + name.length + 1 + 3,
    0,
    0,
    0x27,
    0x00,
    ...name,
    3,
    53,
    48,
    51,
  );
  assert.is(parseConnectResponse(lit), 503);
  assert.is(parseConnectResponse(Uint8Array.of(0x01, 0x05, 0, 0)), undefined, "frame incomplete");
  assert.throws(() => parseConnectResponse(Uint8Array.of(0x00, 0x01, 0)), RangeError);
  assert.throws(() => parseConnectResponse(Uint8Array.of(0x01, 0x03, 0, 0, 0x80)), RangeError);
});

test("readVarint leaves the rest of the stream untouched", async () => {
  const stream = new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(Uint8Array.of(0x40, 0x41, 0x00, 7, 8));
      c.close();
    },
  });
  const reader = stream.getReader({ mode: "byob" });
  assert.is(await readVarint(reader), 0x41n);
  assert.is(await readVarint(reader), 0n);
  reader.releaseLock();
  const rest: number[] = [];
  for await (const chunk of stream) rest.push(...chunk);
  assert.equal(rest, [7, 8]);
});

test.run();
