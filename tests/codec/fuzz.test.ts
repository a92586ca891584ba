/**
 * 100,000 random and mutated inputs to decodeValue, decodeMessage and
 * FrameDecoder: each must either throw a typed error (DecodeError,
 * ProtocolError, MessageTooLargeError) or return a result that is itself
 * valid (re-encodes and decodes to the same thing). Deterministic: a fixed
 * seed, so a failure names the input that caused it.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import fc from "npm:fast-check@4.10.2";
import { decodeValue, encodeValue } from "../../lib/codec/cbor.ts";
import { FrameDecoder, writeFrames } from "../../lib/codec/frame.ts";
import {
  CATALOG,
  decodeMessage,
  encodeMessage,
  type MessageType,
  type WireMessage,
} from "../../lib/codec/messages.ts";
import { isTypedDecodeError, prng, same, valueArb } from "./helpers.ts";

const INPUTS = 100_000;
const NOT_DECODED = Symbol("not decoded");
const SEED = 0x9e3779b9;
const rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);

// Bytes that steer a decoder into its interesting states.
const INTERESTING = [
  0x00,
  0x17,
  0x18,
  0x19,
  0x1a,
  0x1b,
  0x1f,
  0x20,
  0x3b,
  0x40,
  0x5b,
  0x5f,
  0x60,
  0x7b,
  0x7f,
  0x80,
  0x81,
  0x9b,
  0x9f,
  0xa0,
  0xa1,
  0xbb,
  0xbf,
  0xc0,
  0xc1,
  0xd8,
  0xdb,
  0xf4,
  0xf5,
  0xf6,
  0xf7,
  0xf8,
  0xf9,
  0xfa,
  0xfb,
  0xff,
  0x7e,
  0xc3,
  0xed,
  0xef,
  0xbb,
];

function corpus(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const type of Object.keys(CATALOG) as MessageType[]) {
    const spec = CATALOG[type][1] as Record<string, string>;
    const sample = fc.sample(
      fc.record(
        Object.fromEntries(
          Object.entries(spec).map(([k, kind]) => [k, arbFor(kind.replace("?", ""))]),
        ),
      ),
      { numRuns: 20, seed: SEED },
    );
    for (const fields of sample) out.push(encodeMessage({ type, ...fields } as WireMessage));
  }
  for (const v of fc.sample(valueArb, { numRuns: 200, seed: SEED })) out.push(encodeValue(v));
  return out;
}

function arbFor(kind: string): fc.Arbitrary<unknown> {
  switch (kind) {
    case "uint":
      return fc.oneof(fc.nat(30), fc.maxSafeNat());
    case "string":
      return fc.string({ maxLength: 40 });
    case "bytes":
      return fc.uint8Array({ maxLength: 40 });
    case "bytes[]":
      return fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 3 });
    case "uint[]":
      return fc.array(fc.oneof(fc.nat(30), fc.maxSafeNat()), { maxLength: 3 });
    case "mode":
      return fc.constantFrom("client", "server", "hybrid");
    case "error":
      return fc.record({ code: fc.string(), message: fc.string() });
    default:
      return valueArb;
  }
}

function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rand() < 0.3 ? INTERESTING[int(INTERESTING.length)] : int(256);
  return b;
}

function mutate(src: Uint8Array, pool: Uint8Array[]): Uint8Array {
  let b: Uint8Array = src.slice();
  const rounds = 1 + int(3);
  for (let r = 0; r < rounds; r++) {
    const p = int(b.length + 1);
    switch (int(7)) {
      case 0: // bit flip
        if (b.length) b[int(b.length)] ^= 1 << int(8);
        break;
      case 1: // interesting byte
        if (b.length) b[int(b.length)] = INTERESTING[int(INTERESTING.length)];
        break;
      case 2: // truncate
        b = b.slice(0, p);
        break;
      case 3: { // insert random bytes
        const ins = randomBytes(1 + int(8));
        b = concat3(b.subarray(0, p), ins, b.subarray(p));
        break;
      }
      case 4: { // delete a range
        const end = Math.min(b.length, p + 1 + int(8));
        b = concat3(b.subarray(0, p), new Uint8Array(0), b.subarray(end));
        break;
      }
      case 5: { // duplicate a slice
        const end = Math.min(b.length, p + 1 + int(16));
        b = concat3(b.subarray(0, end), b.subarray(p, end), b.subarray(end));
        break;
      }
      default: { // splice with another valid encoding
        const other = pool[int(pool.length)];
        b = concat3(b.subarray(0, p), other.subarray(int(other.length + 1)), new Uint8Array(0));
      }
    }
  }
  return b;
}

function concat3(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + c.length);
  out.set(a, 0);
  out.set(b, a.length);
  out.set(c, a.length + b.length);
  return out;
}

function hexOf(b: Uint8Array): string {
  return Array.from(b.subarray(0, 64), (x) => x.toString(16).padStart(2, "0")).join("");
}

test(`${INPUTS} random and mutated inputs: typed errors or valid results, nothing else`, () => {
  const pool = corpus();
  const failures: string[] = [];
  const fail = (what: string, input: Uint8Array, err: unknown) => {
    if (failures.length < 5) failures.push(`${what} on ${hexOf(input)}: ${String(err)}`);
  };
  const counts = { value: 0, message: 0, frames: 0, typed: 0 };
  for (let i = 0; i < INPUTS; i++) {
    const input = rand() < 0.15 ? randomBytes(int(48)) : mutate(pool[int(pool.length)], pool);

    let copied: unknown = NOT_DECODED;
    try {
      copied = decodeValue(input);
      counts.value++;
      if (!same(decodeValue(encodeValue(copied)), copied)) fail("value not stable", input, copied);
    } catch (err) {
      if (isTypedDecodeError(err)) counts.typed++;
      else fail("decodeValue", input, err);
    }
    // Differential: the zero-copy byte string path must agree with cborg's.
    try {
      const viewed = decodeValue(input, { copyBytes: false });
      if (!same(viewed, copied)) fail("copyBytes false disagrees", input, viewed);
    } catch (err) {
      if (!isTypedDecodeError(err)) fail("decodeValue(copyBytes false)", input, err);
      else if (copied !== NOT_DECODED) fail("copyBytes false refused", input, err);
    }

    try {
      const m = decodeMessage(input);
      counts.message++;
      if (!same(decodeMessage(encodeMessage(m)), m)) fail("message not stable", input, m);
    } catch (err) {
      if (isTypedDecodeError(err)) counts.typed++;
      else fail("decodeMessage", input, err);
    }

    // As a byte stream: fed raw, in up to three chunks, to a small-limit decoder;
    // each frame it yields goes on to the message decoder.
    try {
      const dec = new FrameDecoder({ maxFrameSize: 256 });
      const a = int(input.length + 1);
      const b = a + int(input.length - a + 1);
      for (const chunk of [input.subarray(0, a), input.subarray(a, b), input.subarray(b)]) {
        for (const frame of dec.push(chunk)) {
          counts.frames++;
          try {
            decodeMessage(frame);
          } catch (err) {
            if (!isTypedDecodeError(err)) fail("decodeMessage(frame)", frame, err);
          }
        }
      }
      dec.finish();
    } catch (err) {
      if (isTypedDecodeError(err)) counts.typed++;
      else fail("FrameDecoder", input, err);
    }
  }
  assert.equal(failures, [], failures.join("\n"));
  // The corpus mutations must also produce successes, or the test proves little.
  assert.ok(
    counts.value > 1000 && counts.message > 100 && counts.frames > 1000,
    JSON.stringify(counts),
  );
  assert.ok(counts.typed > INPUTS, JSON.stringify(counts));
});

test("mutated framed message streams: typed errors or the frames decode", () => {
  const pool = corpus();
  let typed = 0;
  for (let i = 0; i < 2000; i++) {
    const frames = Array.from({ length: 1 + int(5) }, () => pool[int(pool.length)]);
    const stream = mutate(writeFrames(frames), pool);
    const dec = new FrameDecoder({ maxFrameSize: 4096 });
    try {
      let p = 0;
      while (p < stream.length) {
        const n = 1 + int(40);
        for (const f of dec.push(stream.subarray(p, p + n))) {
          try {
            decodeMessage(f);
          } catch (err) {
            if (!isTypedDecodeError(err)) throw err;
          }
        }
        p += n;
      }
      dec.finish();
    } catch (err) {
      assert.ok(isTypedDecodeError(err), `${hexOf(stream)}: ${err}`);
      typed++;
    }
  }
  assert.ok(typed > 0);
});

test.run();
