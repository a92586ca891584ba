import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import fc from "npm:fast-check@4.10.2";
import { encodeValue } from "../../lib/codec/cbor.ts";
import {
  CATALOG,
  decodeMessage,
  encodeMessage,
  type MessageType,
  type PingMessage,
  type ResponseMessage,
  type WireMessage,
  writeMessage,
} from "../../lib/codec/messages.ts";
import { ByteWriter } from "../../lib/codec/writer.ts";
import { DecodeError, MessageTooLargeError, ProtocolError } from "../../lib/errors.ts";
import { hex, same, valueArb } from "./helpers.ts";

const kindArbs: Record<string, fc.Arbitrary<unknown>> = {
  uint: fc.oneof(fc.nat(1000), fc.maxSafeNat()),
  string: fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 60 })),
  bytes: fc.uint8Array({ maxLength: 70 }),
  "bytes[]": fc.array(fc.uint8Array({ maxLength: 16 }), { maxLength: 4 }),
  "uint[]": fc.array(fc.oneof(fc.nat(1000), fc.maxSafeNat()), { maxLength: 6 }),
  any: valueArb,
  mode: fc.constantFrom("client", "server", "hybrid"),
  error: fc.record({ code: fc.string(), message: fc.string() }),
};

/** An arbitrary for any message type, derived from the catalog itself. */
function messageArb(type: MessageType): fc.Arbitrary<WireMessage> {
  const spec = CATALOG[type][1] as Record<string, string>;
  const model: Record<string, fc.Arbitrary<unknown>> = { type: fc.constant(type) };
  const required = ["type"];
  for (const [field, kind] of Object.entries(spec)) {
    const optional = kind.endsWith("?");
    model[field] = kindArbs[optional ? kind.slice(0, -1) : kind];
    if (!optional) required.push(field);
  }
  return fc.record(model, { requiredKeys: required }) as unknown as fc.Arbitrary<WireMessage>;
}
const types = Object.keys(CATALOG) as MessageType[];
const anyMessageArb = fc.oneof(...types.map(messageArb));

function protocolError(value: unknown, match: RegExp): void {
  const bytes = encodeValue(value);
  try {
    decodeMessage(bytes);
  } catch (err) {
    assert.instance(err, ProtocolError, `${JSON.stringify(value)}: ${err}`);
    assert.match((err as Error).message, match, (err as Error).message);
    return;
  }
  assert.unreachable(`${JSON.stringify(value)} decoded`);
}

test("the catalog has the decision record's types plus the protocol's", () => {
  assert.equal(types, [
    "hello",
    "auth",
    "welcome",
    "ping",
    "pong",
    "discover",
    "discovery-response",
    "message",
    "broadcast",
    "request",
    "response",
    "goodbye",
    "ihave",
    "graft",
    "prune",
  ]);
  const codes = types.map((t) => CATALOG[t][0]);
  assert.is(new Set(codes).size, codes.length);
});

test("property: every message type round-trips exactly (absent stays absent)", () => {
  fc.assert(
    fc.property(anyMessageArb, (msg) => {
      const back = decodeMessage(encodeMessage(msg));
      assert.ok(same(back, msg), JSON.stringify(msg));
      for (const key of Object.keys(back)) assert.is.not((back as never)[key], undefined);
    }),
    { numRuns: 2000 },
  );
});

test("property: writeMessage into a writer produces the same bytes as encodeMessage", () => {
  const w = new ByteWriter(8);
  fc.assert(
    fc.property(anyMessageArb, (msg) => {
      w.pos = 0;
      writeMessage(w, msg);
      assert.equal(w.copy(), encodeMessage(msg));
    }),
    { numRuns: 300 },
  );
});

test("wire form: [code, presence, ...fields]", () => {
  assert.equal(encodeMessage({ type: "ping", seq: 1 }), hex("83 04 00 01"));
  assert.equal(encodeMessage({ type: "pong", seq: 2, ts: 3 }), hex("84 05 01 02 03"));
  assert.equal(encodeMessage({ type: "welcome", nodeId: "n" }), hex("83 03 00 616e"));
  assert.equal(encodeMessage({ type: "discover" }), hex("82 06 00"));
  // Optional fields with gaps: message with from, to (bits 0, 1) and hops (bit 3) set.
  assert.equal(
    encodeMessage({ type: "message", from: "a", to: "b", payload: null, hops: 2 }),
    hex("86 08 0b f6 6161 6162 02"),
  );
  // Plumtree control: sequence numbers as an array of uints, prune without fields.
  assert.equal(
    encodeMessage({ type: "ihave", origin: "o", seqs: [1, 24] }),
    hex("84 0d 00 616f 82 01 1818"),
  );
  assert.equal(encodeMessage({ type: "graft", origin: "o", seqs: [] }), hex("84 0e 00 616f 80"));
  assert.equal(encodeMessage({ type: "prune" }), hex("82 0f 00"));
  // The error object travels as [code, message].
  assert.equal(
    encodeMessage({ type: "response", id: 1, error: { code: "X", message: "y" } }),
    hex("84 0b 02 01 82 6158 6179"),
  );
});

test("a null payload is distinct from an absent one", () => {
  const withNull = decodeMessage(encodeMessage({ type: "response", id: 1, payload: null }));
  const without = decodeMessage(encodeMessage({ type: "response", id: 1 }));
  assert.ok("payload" in withNull && (withNull as ResponseMessage).payload === null);
  assert.not.ok("payload" in without);
});

test("well-formed CBOR that is not a valid message is a ProtocolError", () => {
  protocolError({ type: "ping" }, /must be an array/);
  protocolError([], /must be an array/);
  protocolError([4], /must be an array/);
  protocolError("ping", /must be an array/);
  protocolError([99, 0], /unknown message type code 99/);
  protocolError([0, 0], /unknown message type code 0/);
  protocolError(["ping", 0, 1], /unknown message type code "ping"/);
  protocolError([4.5, 0, 1], /unknown message type/);
  protocolError([4, 2, 1, 1], /presence bits 2 name unknown fields/);
  protocolError([3, 1, "n", "extra"], /presence bits 1/);
  protocolError([4, -1, 1], /presence/);
  protocolError([4, null, 1], /presence/);
  protocolError([4, 0], /0 fields where 1 are declared/); // missing seq
  protocolError([4, 0, 1, 2], /2 fields where 1/); // extra field
  protocolError([4, 1, 1], /1 fields where 2/); // ts announced, missing
  protocolError([4, 0, "1"], /seq must be uint/);
  protocolError([4, 0, -1], /seq must be uint/);
  protocolError([4, 0, 1.5], /seq must be uint/);
  protocolError([4, 0, -0], /seq must be uint/);
  protocolError([4, 0, 2 ** 53], /seq must be uint/);
  protocolError([3, 0, new Uint8Array(1)], /nodeId must be string/);
  protocolError([1, 0, 1, "id", new Uint8Array(1), new Uint8Array(1), "peer"], /mode must be mode/);
  protocolError([7, 0, [new Uint8Array(1), "x"]], /peers must be bytes\[\]/);
  protocolError([7, 0, new Uint8Array(1)], /peers must be bytes\[\]/);
  protocolError([11, 2, 1, ["X"]], /error must be error/);
  protocolError([11, 2, 1, { code: "X", message: "y" }], /error must be error/);
  protocolError([11, 2, 1, ["X", 1]], /error must be error/);
  protocolError([9, 0, "o", 1, "p", 1, "not bytes"], /sig must be bytes/);
  protocolError([13, 0, "o", [1, -1]], /seqs must be uint\[\]/);
  protocolError([13, 0, "o", [1.5]], /seqs must be uint\[\]/);
  protocolError([14, 0, "o", 7], /seqs must be uint\[\]/);
  protocolError([15, 0, 1], /1 fields where 0/);
  // Peer data is never converted to a string: a map with toString/valueOf keys
  // (found by the fuzz test) must not turn into a TypeError.
  protocolError([{ toString: 1, valueOf: 1 }, 0], /unknown message type code a map/);
  protocolError([4, { toString: "x" }, 1], /presence bits a map/);
});

test("bytes that are not strict CBOR stay a DecodeError; size and depth limits apply", () => {
  assert.throws(() => decodeMessage(hex("83 04 00")), (e: unknown) => e instanceof DecodeError);
  assert.throws(
    () => decodeMessage(hex("83 04 00 01 00")),
    (e: unknown) => e instanceof DecodeError,
  );
  assert.throws(
    () => decodeMessage(hex("83 04 00 c1 01")),
    (e: unknown) => e instanceof DecodeError,
  );
  const big = encodeMessage({ type: "message", from: "a", to: "b", payload: new Uint8Array(2000) });
  assert.throws(
    () => decodeMessage(big, { maxBytes: 1000 }),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
  // maxDepth counts inside the payload; the envelope is free.
  const nested = (n: number) => {
    let v: unknown = 0;
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  const ok = encodeMessage({ type: "message", from: "a", to: "b", payload: nested(32) });
  assert.ok(same(decodeMessage(ok), { type: "message", from: "a", to: "b", payload: nested(32) }));
  assert.throws(
    () => decodeMessage(ok, { maxDepth: 31 }),
    (e: unknown) => e instanceof DecodeError,
  );
  assert.throws(
    () => encodeMessage({ type: "message", from: "a", to: "b", payload: nested(33) }),
    RangeError,
  );
  const hand = encodeValue([8, 0, "a", "b", nested(33)], { maxDepth: 34 });
  assert.throws(() => decodeMessage(hand), (e: unknown) => e instanceof DecodeError);
});

test("encoding a malformed message object is a TypeError", () => {
  const bad: unknown[] = [
    null,
    "ping",
    {},
    { type: "nope" },
    { type: "ping" },
    { type: "ping", seq: "1" },
    { type: "ping", seq: -1 },
    { type: "ping", seq: 1.5 },
    { type: "ping", seq: 1, ts: null },
    {
      type: "hello",
      version: 1,
      nodeId: "x",
      publicKey: [1],
      nonce: new Uint8Array(1),
      mode: "client",
    },
    {
      type: "hello",
      version: 1,
      nodeId: "x",
      publicKey: new Uint8Array(1),
      nonce: new Uint8Array(1),
      mode: "peer",
    },
    { type: "message", from: "a", to: "b" },
    { type: "message", from: "a", to: "b", payload: undefined },
    { type: "message", from: "a", to: "b", payload: new Map() },
    { type: "discovery-response", peers: [new Uint8Array(1), null] },
    { type: "response", id: 1, error: { code: "X" } },
    { type: "broadcast", origin: "o", seq: 1, payload: 1, ttl: 3 },
  ];
  for (const msg of bad) {
    assert.throws(() => encodeMessage(msg as WireMessage), TypeError, JSON.stringify(msg));
  }
});

test("the TypeScript types follow the catalog", () => {
  const ping: PingMessage = { type: "ping", seq: 1 };
  // @ts-expect-error seq is required
  const noSeq: PingMessage = { type: "ping" };
  // @ts-expect-error ts is a number
  const badTs: PingMessage = { type: "ping", seq: 1, ts: "x" };
  const msg = decodeMessage(encodeMessage(ping));
  if (msg.type === "ping") {
    const seq: number = msg.seq; // narrowed by the discriminant
    assert.is(seq, 1);
  } else {
    assert.unreachable("wrong type");
  }
  assert.ok(noSeq && badTs);
});

test.run();
