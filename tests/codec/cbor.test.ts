import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import fc from "npm:fast-check@4.10.2";
import { decode as cborgDecode, encode as cborgEncode } from "../../lib/deps/cborg.ts";
import { decodeValue, encodeValue } from "../../lib/codec/cbor.ts";
import { DecodeError, MessageTooLargeError } from "../../lib/errors.ts";
import { hex, same, valueArb } from "./helpers.ts";

function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function decodeError(bytes: Uint8Array, match: RegExp | string, options?: object): void {
  try {
    decodeValue(bytes, options);
  } catch (err) {
    assert.instance(err, DecodeError, `${toHex(bytes)}: ${err}`);
    assert.match((err as Error).message, match, `${toHex(bytes)}: ${(err as Error).message}`);
    return;
  }
  assert.unreachable(`${toHex(bytes).slice(0, 40)} decoded`);
}

/** -0 -> 0 everywhere: cborg writes -0 as the integer 0, we keep it a float. */
function withoutNegativeZero(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(withoutNegativeZero);
  if (v !== null && typeof v === "object" && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = withoutNegativeZero(x);
    return out;
  }
  return v;
}

test("property: decodeValue(encodeValue(v)) is v exactly (-0, NaN, bytes, unicode)", () => {
  fc.assert(
    fc.property(valueArb, (v) => same(decodeValue(encodeValue(v)), v)),
    { numRuns: 1500 },
  );
});

test("property: encoding is deterministic and byte-identical to cborg's canonical encode", () => {
  fc.assert(
    fc.property(valueArb, (v) => {
      const bytes = encodeValue(v);
      assert.is(toHex(encodeValue(decodeValue(bytes))), toHex(bytes)); // re-encode is stable
      const plain = withoutNegativeZero(v);
      assert.is(toHex(encodeValue(plain)), toHex(cborgEncode(plain)));
      assert.ok(same(cborgDecode(bytes, { useMaps: false }), v) || hasNegativeZero(v));
    }),
    { numRuns: 1000 },
  );
});

function hasNegativeZero(v: unknown): boolean {
  return !same(withoutNegativeZero(v), v);
}

test("RFC 8949 appendix A vectors", () => {
  const vectors: [unknown, string][] = [
    [0, "00"],
    [23, "17"],
    [24, "1818"],
    [100, "1864"],
    [1000, "1903e8"],
    [1000000, "1a000f4240"],
    [Number.MAX_SAFE_INTEGER, "1b001fffffffffffff"],
    [-1, "20"],
    [-1000, "3903e7"],
    [-0, "f98000"],
    [1.5, "f93e00"],
    [65504, "19ffe0"],
    [65504.5, "fa477fe080"],
    [3.4028234663852886e+38, "fa7f7fffff"],
    [1.0e+300, "fb7e37e43c8800759c"],
    [5.960464477539063e-8, "f90001"],
    [0.00006103515625, "f90400"],
    [-4.1, "fbc010666666666666"],
    [Infinity, "f97c00"],
    [NaN, "f97e00"],
    [-Infinity, "f9fc00"],
    [false, "f4"],
    [true, "f5"],
    [null, "f6"],
    ["", "60"],
    ["a", "6161"],
    ["IETF", "6449455446"],
    ["\u00fc", "62c3bc"],
    ["\u6c34", "63e6b0b4"],
    ["\ud800\udd51", "64f0908591"],
    [new Uint8Array([1, 2, 3, 4]), "4401020304"],
    [[], "80"],
    [[1, [2, 3], [4, 5]], "8301820203820405"],
    [{}, "a0"],
    [{ b: [2, 3], a: 1 }, "a26161016162820203"],
  ];
  for (const [value, expected] of vectors) {
    assert.is(toHex(encodeValue(value)), expected, String(value));
    assert.ok(same(decodeValue(hex(expected)), value), expected);
  }
});

test("map keys are sorted length-first then bytewise; numeric-looking keys too", () => {
  const bytes = encodeValue({ aa: 3, b: 1, "1": 4, a: 2, "\u00e9": 5 });
  const keys: string[] = [];
  // Walk the top-level map: every value is a small int, so entries are key + 1 byte.
  let p = 1;
  while (p < bytes.length) {
    const len = bytes[p] & 31;
    keys.push(new TextDecoder().decode(bytes.subarray(p + 1, p + 1 + len)));
    p += 1 + len + 1;
  }
  assert.equal(keys, ["1", "a", "b", "aa", "\u00e9"]);
});

test("10,000 nested arrays or maps are a DecodeError, not a stack overflow", () => {
  const arrays = new Uint8Array(10_001).fill(0x81);
  arrays[10_000] = 0x00;
  decodeError(arrays, /nesting deeper than maxDepth 32/);
  const maps = new Uint8Array(30_001);
  for (let i = 0; i < 10_000; i++) maps.set([0xa1, 0x61, 0x61], i * 3);
  decodeError(maps, /nesting deeper/);
  // Exactly at the limit is fine; one more level is not; the option moves the limit.
  const nest = (n: number) => {
    const b = new Uint8Array(n + 1).fill(0x81);
    b[n] = 0x80;
    return b;
  };
  assert.ok(Array.isArray(decodeValue(nest(31))));
  decodeError(nest(32), /nesting/);
  assert.ok(Array.isArray(decodeValue(nest(32), { maxDepth: 33 })));
  decodeError(new Uint8Array([0x80]), /nesting/, { maxDepth: 0 });
  assert.is(decodeValue(new Uint8Array([0x01]), { maxDepth: 0 }), 1);
});

test("__proto__ keys are refused and Object.prototype stays untouched", () => {
  // {"__proto__": {"polluted": true}} at top level and nested.
  const proto = "695f5f70726f746f5f5f";
  const payload = "a16870 6f6c6c75746564 f5";
  decodeError(hex(`a1 ${proto} ${payload}`), /__proto__/);
  decodeError(hex(`81 a1 ${proto} ${payload}`), /__proto__/);
  decodeError(hex(`a2 6161 01 ${proto} ${payload}`), /__proto__/);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
  // Other prototype-ish names are plain own data.
  const v = decodeValue(encodeValue({ constructor: 1, toString: "x", prototype: [] })) as Record<
    string,
    unknown
  >;
  assert.is(v.constructor, 1);
  assert.is(Object.getPrototypeOf(v), Object.prototype);
  // The encoder refuses what the decoder would refuse.
  assert.throws(() => encodeValue(JSON.parse('{"__proto__": 1}')), TypeError);
});

test("duplicate map keys are refused, at any depth", () => {
  decodeError(hex("a2 6161 01 6161 02"), /duplicate map key "a"/);
  decodeError(hex("81 a3 6161 01 6162 02 6161 03"), /duplicate/);
  assert.equal(decodeValue(hex("a2 6161 01 6162 02")), { a: 1, b: 2 });
});

test("tags are refused: none is understood, known or not", () => {
  for (
    const h of [
      "c0 60",
      "c1 00",
      "c2 41 01",
      "c3 41 01",
      "d8 20 60",
      "d9 d9f7 00",
      "da 00010000 00",
      "db 0000000100000000 00",
      "81 c1 00",
    ]
  ) {
    decodeError(hex(h), /tags are not allowed/);
  }
});

test("undefined, other simple values, indefinite lengths and breaks are refused", () => {
  for (const h of ["f7", "81 f7", "a1 6161 f7"]) decodeError(hex(h), /undefined/);
  for (const h of ["e0", "f0", "f3", "f8 ff", "f8 20"]) decodeError(hex(h), /simple values/);
  for (const h of ["9f ff", "bf ff", "5f ff", "7f ff", "9f 01 ff", "ff", "81 ff"]) {
    decodeError(hex(h), /indefinite|break/);
  }
  for (const h of ["1c", "1d", "1e", "3c", "5c", "7c", "9c", "bc", "dc", "fc"]) {
    decodeError(hex(h), /invalid CBOR/);
  }
});

test("map keys must be text strings", () => {
  for (const h of ["a1 01 02", "a1 80 01", "a1 41 61 01", "a1 f6 01", "a1 a0 01", "a1 f93e00 01"]) {
    decodeError(hex(h), /map key .* not a text string/);
  }
});

test("trailing bytes, truncation and empty input are refused", () => {
  decodeError(hex("00 00"), /1 trailing bytes/);
  decodeError(hex("81 01 02"), /trailing/);
  decodeError(new Uint8Array(0), /empty input/);
  for (const h of ["62 61", "19 01", "82 01", "a1 6161", "fb 0000", "58 20 61"]) {
    decodeError(hex(h), /end of input|not enough data|bytes remain/);
  }
});

test("huge declared lengths are refused before anything is allocated", () => {
  decodeError(hex("5b 0000000100000000 00"), /not enough data/); // 4 GiB of bytes
  decodeError(hex("5a ffffffff 00"), /not enough data/);
  decodeError(hex("7b 001fffffffffffff 61"), /not enough data/);
  decodeError(hex("9a ffffffff 00"), /declares 4294967295 entries but only 1 bytes remain/);
  decodeError(hex("9b 0000000100000000 00"), /declares 4294967296 entries/);
  decodeError(hex("9a 00100000"), /declares 1048576 entries but only 0/);
  decodeError(hex("ba 00080000 6161 01"), /declares 524288 entries/);
  decodeError(hex("5b ffffffffffffffff"), /safe integer|not supported|not enough/);
});

test("integers: minimal encodings only, and only the safe range", () => {
  for (const h of ["18 17", "19 00ff", "1a 0000ffff", "1b 00000000ffffffff", "38 17", "58 01 61"]) {
    decodeError(hex(h), /more bytes than necessary/);
  }
  decodeError(hex("1b 0020000000000000"), /safe integer/);
  decodeError(hex("3b 0020000000000000"), /safe integer/);
  assert.is(decodeValue(hex("3b 001ffffffffffffe")), -Number.MAX_SAFE_INTEGER);
  // Floats of any width are accepted (wide forms decode to the same number).
  assert.is(decodeValue(hex("fb 3ff8000000000000")), 1.5);
});

test("text must be valid UTF-8; nothing is replaced or stripped", () => {
  for (const h of ["62 c328", "61 ff", "63 eda080", "62 c0af", "64 f4908080"]) {
    decodeError(hex(h), /invalid UTF-8/);
  }
  const long = new Uint8Array(41);
  long[0] = 0x78;
  long[1] = 39;
  long.fill(0x61, 2);
  long[20] = 0xfe;
  decodeError(long, /invalid UTF-8/);
  for (const s of ["\ufeffabc", "\ufffd", "x".repeat(31) + "\ufeff", "\ufeff" + "y".repeat(70)]) {
    assert.is(decodeValue(encodeValue(s)), s);
  }
  assert.is(decodeValue(hex("63 efbfbd")), "\ufffd"); // a real U+FFFD is fine
});

test("maxBytes: longer input is a MessageTooLargeError", () => {
  const bytes = encodeValue(new Uint8Array(100));
  assert.throws(
    () => decodeValue(bytes, { maxBytes: 50 }),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
  assert.is((decodeValue(bytes, { maxBytes: 102 }) as Uint8Array).length, 100);
  assert.throws(
    () => decodeValue(new Uint8Array((1 << 20) + 1)),
    (e: unknown) => e instanceof MessageTooLargeError,
  );
});

test("bad arguments are TypeError/RangeError", () => {
  assert.throws(() => decodeValue("00" as unknown as Uint8Array), TypeError);
  assert.throws(() => decodeValue(new Uint8Array([0]), { maxDepth: -1 }), RangeError);
  assert.throws(() => decodeValue(new Uint8Array([0]), { maxDepth: 1.5 }), RangeError);
  assert.throws(() => decodeValue(new Uint8Array([0]), { maxBytes: NaN }), RangeError);
  assert.throws(() => encodeValue(1, { maxDepth: 5000 }), RangeError);
});

test("the encoder refuses everything outside the value model", () => {
  class Point {
    x = 1;
  }
  const bad: unknown[] = [
    undefined,
    [undefined],
    { a: undefined },
    1n,
    new Map([["a", 1]]),
    new Set([1]),
    new Date(0),
    new Point(),
    new Int8Array(2),
    new Uint16Array(2),
    new ArrayBuffer(2),
    new DataView(new ArrayBuffer(2)),
    () => 1,
    Symbol("s"),
    "lone \ud800 surrogate",
    ["\udc00"],
    // deno-lint-ignore no-sparse-arrays
    [1, , 3],
  ];
  for (const v of bad) assert.throws(() => encodeValue(v), TypeError, String(typeof v));
  const circular: unknown[] = [];
  circular.push(circular);
  assert.throws(() => encodeValue(circular), RangeError);
  const obj: Record<string, unknown> = {};
  obj.self = obj;
  assert.throws(() => encodeValue(obj), RangeError);
  let deep: unknown = 1;
  for (let i = 0; i < 33; i++) deep = [deep];
  assert.throws(() => encodeValue(deep), RangeError);
  assert.ok(encodeValue(deep, { maxDepth: 33 }).length > 0);
  // Null-prototype objects and Buffer-like Uint8Array subclasses are fine.
  const np = Object.assign(Object.create(null), { k: 1 });
  assert.equal(decodeValue(encodeValue(np)), { k: 1 });
  class Bytes extends Uint8Array {}
  assert.equal(decodeValue(encodeValue(new Bytes([1, 2]))), new Uint8Array([1, 2]));
});

test("decoded byte strings are fresh copies, never views of the input", () => {
  const input = encodeValue([new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(0)]);
  const [a, e1, e2] = decodeValue(input) as Uint8Array[];
  input.fill(0xff);
  assert.equal(Array.from(a), [1, 2, 3]);
  assert.is.not(a.buffer, input.buffer);
  assert.is.not(e1, e2);
});

test("property: copyBytes false gives the same values, byte strings as views of the input", () => {
  fc.assert(
    fc.property(valueArb, (v) => {
      const bytes = encodeValue(v);
      const views = decodeValue(bytes, { copyBytes: false });
      assert.ok(same(views, v));
      const walk = (x: unknown): void => {
        if (x instanceof Uint8Array) assert.is(x.buffer, bytes.buffer);
        else if (x !== null && typeof x === "object") Object.values(x).forEach(walk);
      };
      walk(views);
    }),
    { numRuns: 500 },
  );
});

test("copyBytes false keeps every strictness rule for byte strings", () => {
  const opts = { copyBytes: false };
  decodeError(hex("58 01 61"), /more bytes than necessary/, opts);
  decodeError(hex("59 0001 61"), /more bytes than necessary/, opts);
  decodeError(hex("5a 0000ffff 61"), /more bytes than necessary/, opts);
  decodeError(hex("5b 00000000ffffffff 61"), /more bytes than necessary/, opts);
  decodeError(hex("5b 0020000000000000"), /exceeds 2\^53-1/, opts);
  decodeError(hex("5a ffffffff 00"), /not enough data/, opts);
  decodeError(hex("59 01"), /not enough data/, opts);
  decodeError(hex("43 0102"), /not enough data/, opts);
  decodeError(hex("a1 41 61 01"), /map key at byte 1 is a bytes/, opts);
  decodeError(hex("5f 41 61 ff"), /indefinite/, opts);
  decodeError(hex("41 61 00"), /trailing/, opts);
  const input = hex("82 43 010203 40");
  const [a, empty] = decodeValue(input, opts) as Uint8Array[];
  assert.equal(Array.from(a), [1, 2, 3]);
  assert.is(a.byteOffset, 2);
  assert.is(empty.length, 0);
});

test("a Uint8Array subclass input (Buffer-like, view-returning slice) still yields copies", () => {
  class ViewSlice extends Uint8Array {
    // deno-lint-ignore no-explicit-any
    override slice(start?: number, end?: number): any {
      return this.subarray(start, end); // what Node's Buffer#slice does
    }
  }
  const src = encodeValue([new Uint8Array([5, 6])]);
  const input = new ViewSlice(src.length);
  input.set(src);
  const [b] = decodeValue(input) as Uint8Array[];
  assert.is(b.constructor, Uint8Array);
  input.fill(0);
  assert.equal(Array.from(b), [5, 6]);
});

test("a getter that re-enters the encoder does not corrupt the output", () => {
  const tricky = {
    get inner() {
      return encodeValue({ z: "nested call" });
    },
    outer: "x".repeat(100),
  };
  const back = decodeValue(encodeValue(tricky)) as { inner: Uint8Array; outer: string };
  assert.equal(decodeValue(back.inner), { z: "nested call" });
  assert.is(back.outer, "x".repeat(100));
});

test("big values grow the buffer correctly", () => {
  const big = {
    s: "é".repeat(100_000),
    b: new Uint8Array(300_000).fill(7),
    a: Array(5000).fill(1.5),
  };
  assert.ok(same(decodeValue(encodeValue(big), { maxBytes: Infinity }), big));
});

test.run();
