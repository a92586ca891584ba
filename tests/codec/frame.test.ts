import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import fc from "npm:fast-check@4.10.2";
import { encodeFrame, FrameDecoder, FrameEncoder, writeFrames } from "../../lib/codec/frame.ts";
import { decodeMessage, encodeMessage, writeMessage } from "../../lib/codec/messages.ts";
import { DecodeError, MessageTooLargeError } from "../../lib/errors.ts";
import { concat, hex } from "./helpers.ts";

const bodiesArb = fc.array(
  fc.oneof(
    fc.uint8Array({ maxLength: 20 }),
    fc.uint8Array({ minLength: 120, maxLength: 400 }), // 2-byte prefixes
    fc.constant(new Uint8Array(0)),
  ),
  { maxLength: 12 },
);

/** Splits `bytes` at the given (sorted, deduplicated) cut points. */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.slice(prev, p)); // copies: chunks are independent buffers
    prev = p;
  }
  return out;
}

function bodiesEqual(a: Uint8Array[], b: Uint8Array[]): boolean {
  return a.length === b.length &&
    a.every((x, i) => x.length === b[i].length && x.every((v, j) => v === b[i][j]));
}

test("property: any chunking of concatenated frames yields the same bodies", () => {
  fc.assert(
    fc.property(bodiesArb, fc.array(fc.nat(), { maxLength: 30 }), (bodies, cuts) => {
      const stream = writeFrames(bodies);
      const dec = new FrameDecoder({ maxFrameSize: 1000 });
      const got: Uint8Array[] = [];
      for (const chunk of chunked(stream, cuts)) got.push(...dec.push(chunk));
      dec.finish();
      assert.ok(bodiesEqual(got, bodies));
      assert.is(dec.buffered, 0);
    }),
    { numRuns: 1000 },
  );
});

test("property: FrameEncoder (add and addEncoded) equals writeFrames and encodeFrame", () => {
  fc.assert(
    fc.property(bodiesArb, fc.array(fc.nat({ max: 2 ** 40 }), { maxLength: 5 }), (bodies, seqs) => {
      const enc = new FrameEncoder({ initialSize: 4 }); // force growth
      for (const b of bodies) enc.add(b);
      for (const seq of seqs) enc.addEncoded(writeMessage, { type: "ping", seq });
      assert.is(enc.frameCount, bodies.length + seqs.length);
      const all = [...bodies, ...seqs.map((seq) => encodeMessage({ type: "ping", seq }))];
      const flushed = enc.flush();
      assert.equal(flushed, writeFrames(all));
      assert.equal(flushed, concat(all.map((b) => encodeFrame(b))));
      assert.is(enc.byteLength, 0);
    }),
    { numRuns: 500 },
  );
});

test("addEncoded moves the body when the prefix needs more than one byte", () => {
  const enc = new FrameEncoder();
  const payload = new Uint8Array(70_000).fill(3); // 3-byte prefix
  const len = enc.addEncoded(writeMessage, { type: "message", from: "a", to: "b", payload });
  enc.addEncoded(writeMessage, { type: "ping", seq: 5 });
  const frames = new FrameDecoder().push(enc.flush());
  assert.is(frames.length, 2);
  assert.is(frames[0].length, len);
  const msg = decodeMessage(frames[0]);
  assert.ok(msg.type === "message" && (msg.payload as Uint8Array).every((x) => x === 3));
  assert.equal(decodeMessage(frames[1]), { type: "ping", seq: 5 });
});

test("addEncoded leaves nothing behind when the writer throws or the body is too large", () => {
  const enc = new FrameEncoder({ maxFrameSize: 100 });
  enc.add(new Uint8Array([1]));
  const before = enc.byteLength;
  assert.throws(() => enc.addEncoded(writeMessage, { type: "ping", seq: -1 }), TypeError);
  assert.throws(
    () =>
      enc.addEncoded(writeMessage, {
        type: "message",
        from: "a",
        to: "b",
        payload: new Uint8Array(200),
      }),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
  assert.throws(
    () => enc.add(new Uint8Array(101)),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
  assert.is(enc.byteLength, before);
  assert.is(enc.frameCount, 1);
  assert.equal(enc.flush(), hex("01 01"));
  assert.throws(
    () => encodeFrame(new Uint8Array(11), { maxFrameSize: 10 }),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
  assert.throws(
    () => writeFrames([new Uint8Array(1), new Uint8Array(11)], { maxFrameSize: 10 }),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
});

test("a frame inside one chunk is a view of that chunk; a split one is one exact allocation", () => {
  const stream = writeFrames([new Uint8Array([1, 2, 3]), new Uint8Array(300).fill(9)]);
  const dec = new FrameDecoder();
  const first = dec.push(stream.subarray(0, 50));
  assert.is(first.length, 1);
  assert.is(first[0].buffer, stream.buffer); // no copy
  assert.is(first[0].byteOffset, 1);
  assert.is(dec.pendingFrameSize, 300); // allocated once the prefix was complete
  const [second] = dec.push(stream.subarray(50));
  assert.is.not(second.buffer, stream.buffer);
  assert.is(second.buffer.byteLength, 300);
  assert.ok(second.every((x) => x === 9));
  assert.is(dec.pendingFrameSize, 0);
});

test("zero-length frames are allowed", () => {
  assert.equal(encodeFrame(new Uint8Array(0)), hex("00"));
  const frames = new FrameDecoder().push(hex("00 00 01 07 00"));
  assert.equal(frames.map((f) => Array.from(f)), [[], [], [7], []]);
});

test("a 4 GiB length prefix is refused on the prefix alone, before any body byte or buffer", () => {
  const dec = new FrameDecoder({ maxFrameSize: 1 << 20 });
  // 4 GiB = 0x80 0x80 0x80 0x80 0x10. The third byte already proves >= 2^21 > 1 MiB.
  assert.equal(dec.push(hex("80 80")), []);
  assert.is(dec.pendingFrameSize, 0);
  assert.throws(() => dec.push(hex("80")), (e: unknown) => e instanceof MessageTooLargeError);
  assert.is(dec.pendingFrameSize, 0);
  assert.is(dec.buffered, 0);
  // The whole prefix in one chunk, nothing after it: refused just the same.
  const dec2 = new FrameDecoder({ maxFrameSize: 1 << 20 });
  assert.throws(
    () => dec2.push(hex("80 80 80 80 10")),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
  assert.is(dec2.pendingFrameSize, 0);
  // Exactly the limit is fine, one more is not.
  const dec3 = new FrameDecoder({ maxFrameSize: 300 });
  assert.equal(dec3.push(hex("ac 02")), []); // 300
  assert.is(dec3.pendingFrameSize, 300);
  const dec4 = new FrameDecoder({ maxFrameSize: 300 });
  assert.throws(() => dec4.push(hex("ad 02")), (e: unknown) => e instanceof MessageTooLargeError);
});

test("malformed prefixes are DecodeErrors: overlong, longer than 8 bytes, above 2^53-1", () => {
  const cases: [string, RegExp][] = [
    ["80 00", /not minimal/],
    ["81 80 00", /not minimal/],
    ["ff ff ff ff ff ff ff ff 01", /longer than 8 bytes/],
    ["80 80 80 80 80 80 80 80 80", /longer than 8 bytes/],
    ["ff ff ff ff ff ff ff 10", /exceeds 2\^53-1/],
  ];
  for (const [h, re] of cases) {
    const dec = new FrameDecoder({ maxFrameSize: Number.MAX_SAFE_INTEGER });
    assert.throws(
      () => dec.push(hex(h)),
      (e: unknown) => e instanceof DecodeError && re.test(e.message),
      h,
    );
  }
  // 2^53-1 itself is a legal prefix (only the size limit refuses it).
  const dec = new FrameDecoder({ maxFrameSize: 10 });
  assert.throws(
    () => dec.push(hex("ff ff ff ff ff ff ff 0f")),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
});

test("after an error the decoder is unusable; finish() catches truncated streams", () => {
  const dec = new FrameDecoder({ maxFrameSize: 10 });
  assert.throws(() => dec.push(hex("0b")), (e: unknown) => e instanceof MessageTooLargeError);
  assert.ok(dec.failed);
  assert.throws(
    () => dec.push(hex("01 00")),
    (e: unknown) => e instanceof DecodeError && e.cause instanceof MessageTooLargeError,
  );
  assert.throws(() => dec.finish(), (e: unknown) => e instanceof DecodeError);
  const cut = new FrameDecoder();
  cut.push(hex("05 01 02"));
  assert.is(cut.buffered, 3 - 1);
  assert.throws(
    () => cut.finish(),
    (e: unknown) => e instanceof DecodeError && /inside a frame/.test(e.message),
  );
  const cutPrefix = new FrameDecoder();
  cutPrefix.push(hex("80"));
  assert.throws(() => cutPrefix.finish(), (e: unknown) => e instanceof DecodeError);
});

test("bad arguments are TypeError/RangeError", () => {
  assert.throws(() => new FrameDecoder({ maxFrameSize: -1 }), RangeError);
  assert.throws(() => new FrameDecoder({ maxFrameSize: 2 ** 53 }), RangeError);
  assert.throws(() => new FrameEncoder({ maxFrameSize: 1.5 }), RangeError);
  assert.throws(() => new FrameDecoder().push([1, 2] as unknown as Uint8Array), TypeError);
  assert.throws(() => writeFrames([[1] as unknown as Uint8Array]), TypeError);
});

test.run();
