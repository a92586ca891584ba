/**
 * Strict CBOR for geomesh values.
 *
 * **Value model** ({@linkcode Value}): `null`, booleans, numbers, strings, `Uint8Array`,
 * arrays and plain objects with string keys. Nothing else:
 * - Integers travel as CBOR integers only inside the safe range (|n| <= 2^53-1);
 *   other numbers (fractions, larger magnitudes, -0, NaN, ±Infinity) as floats in
 *   the shortest IEEE width that holds them exactly, so every number round-trips
 *   bit for bit (including -0). `bigint` is refused: the decoder never produces
 *   one (64-bit integers beyond the safe range are a `DecodeError`), so accepting
 *   them on encode would break the round trip.
 * - No `undefined`, no tags (none at all, so no Date/bigint/typed-array tags), no
 *   other simple values, no `Map`, no class instances, no typed arrays other
 *   than `Uint8Array`, no `__proto__` key, no strings with lone surrogates.
 * - **Indefinite-length items are refused**: the encoder never writes them and
 *   accepting them would only add break-token states for a peer to abuse.
 *
 * **Encoding is deterministic**: shortest heads, shortest exact floats, map keys
 * sorted length-first then bytewise (RFC 7049 canonical, the order cborg's
 * `encode` uses, and byte-identical to it except that cborg writes -0 as 0), so
 * re-encoding a decoded value gives the same bytes; signatures over re-encoded
 * values therefore verify.
 *
 * **Decoding is strict and bounded**: cborg's tokenizer (strict mode: minimal
 * integer and length encodings) feeds an iterative builder, so nesting is
 * limited by `maxDepth` (default 32) and never by the call stack; declared
 * lengths are checked against the bytes that remain before anything is built;
 * UTF-8 must be valid (no silent U+FFFD, no BOM stripping); duplicate and
 * `__proto__` keys, non-string keys, tags, undefined and trailing bytes are
 * refused. Every rejection of the bytes is a `DecodeError`; input longer than
 * `maxBytes` is a `MessageTooLargeError`. Decoded objects are ordinary `{}`
 * objects (only own keys, prototype untouched); byte strings are copies, never
 * views of the input.
 *
 * @module
 */
import { Tokenizer, Type } from "../deps/cborg.ts";
import type { Token } from "../deps/cborg.ts";
import { DecodeError, MessageTooLargeError } from "../errors.ts";
import { ByteWriter } from "./writer.ts";

/** A value the codec can carry. */
export type Value =
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | Value[]
  | { [key: string]: Value };

/** Default nesting cap (containers inside containers) for encode and decode. */
export const DEFAULT_MAX_DEPTH = 32;
/** Default size cap of {@linkcode decodeValue}'s input: 1 MiB, the default `maxMessageSize`. */
export const DEFAULT_MAX_BYTES = 1 << 20;
/** Highest `maxDepth` accepted; the encoder recurses once per level. */
export const MAX_DEPTH_LIMIT = 1024;

/** Options of {@linkcode encodeValue}. */
export interface EncodeValueOptions {
  /** Maximum container nesting (default 32, at most 1024). */
  maxDepth?: number;
}

/** Options of {@linkcode decodeValue}. */
export interface DecodeValueOptions {
  /** Maximum container nesting (default 32); deeper input is a `DecodeError`. */
  maxDepth?: number;
  /** Maximum input length in bytes (default 1 MiB); longer input is a `MessageTooLargeError`. */
  maxBytes?: number;
  /**
   * `true` (default): byte strings are fresh copies. `false`: they are views of
   * `bytes` (no allocation; much faster in Deno, where every ArrayBuffer costs
   * ~0.3-2 us), valid only while the caller does not reuse `bytes`, and each
   * keeps all of `bytes`' buffer alive. For hot paths that consume payloads at once.
   */
  copyBytes?: boolean;
}

/** Checks a depth option; shared with the message codec. */
export function checkDepthOption(maxDepth: number | undefined): number {
  if (maxDepth === undefined) return DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_DEPTH_LIMIT) {
    throw new RangeError(`maxDepth must be an integer in 0..${MAX_DEPTH_LIMIT}, got ${maxDepth}`);
  }
  return maxDepth;
}

/** Checks a size option; shared with the message codec. */
export function checkBytesOption(maxBytes: number | undefined): number {
  if (maxBytes === undefined) return DEFAULT_MAX_BYTES;
  if (!(maxBytes >= 0) || (maxBytes !== Infinity && !Number.isSafeInteger(maxBytes))) {
    throw new RangeError(`maxBytes must be a non-negative integer or Infinity, got ${maxBytes}`);
  }
  return maxBytes;
}

// ---------------------------------------------------------------- encoding

/** UTF-8 length of a well-formed string (lone surrogates count 3, as TextEncoder writes them). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // 4 bytes for 2 code units
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** Canonical key order: UTF-8 length first, then UTF-8 bytes (= code point order). */
function compareKeys(a: string, b: string): number {
  const la = utf8Length(a);
  const lb = utf8Length(b);
  if (la !== lb) return la - lb;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return 0;
}

function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v !== "object" || v === null) return typeof v;
  return Object.prototype.toString.call(v).slice(8, -1);
}

/**
 * Writes `v` into `w` (internal building block of the message and frame codecs).
 * Throws `TypeError` for values outside the value model and `RangeError` when
 * nesting exceeds `depthLeft` (which also catches circular structures).
 *
 * @example
 * ```ts
 * import { writeValue } from "./cbor.ts";
 * import { ByteWriter } from "./writer.ts";
 * const w = new ByteWriter();
 * writeValue(w, [1, "a"], 32);
 * console.assert(w.pos === 4);
 * ```
 */
export function writeValue(w: ByteWriter, v: unknown, depthLeft: number): void {
  switch (typeof v) {
    case "number":
      // -0 is a safe integer but must stay a float to survive the round trip.
      if (Number.isSafeInteger(v) && (v !== 0 || 1 / v > 0)) w.int(v);
      else w.float(v);
      return;
    case "string":
      w.string(v);
      return;
    case "boolean":
      w.ensure(1);
      w.buf[w.pos++] = v ? 0xf5 : 0xf4;
      return;
    case "object": {
      if (v === null) {
        w.ensure(1);
        w.buf[w.pos++] = 0xf6;
        return;
      }
      if (v instanceof Uint8Array) {
        w.bytes(v);
        return;
      }
      if (depthLeft <= 0) {
        throw new RangeError("value nests deeper than maxDepth (or is circular)");
      }
      if (Array.isArray(v)) {
        const n = v.length;
        w.head(4, n);
        for (let i = 0; i < n; i++) writeValue(w, v[i], depthLeft - 1);
        return;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`cannot encode ${describe(v)}: only plain objects are allowed`);
      }
      const keys = Object.keys(v);
      if (keys.length > 1) keys.sort(compareKeys);
      w.head(5, keys.length);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (key === "__proto__") throw new TypeError('cannot encode the key "__proto__"');
        w.string(key);
        writeValue(w, (v as Record<string, unknown>)[key], depthLeft - 1);
      }
      return;
    }
    default:
      throw new TypeError(`cannot encode ${describe(v)}`);
  }
}

const shared = new ByteWriter(4096);
let sharedBusy = false;

/**
 * Lends the module's scratch writer (or a fresh one if it is in use, e.g. when a
 * getter re-enters the encoder). Pair with {@linkcode releaseWriter}.
 */
export function acquireWriter(): ByteWriter {
  if (sharedBusy) return new ByteWriter(256);
  sharedBusy = true;
  shared.pos = 0;
  return shared;
}

/** Returns a writer from {@linkcode acquireWriter}; drops an oversized scratch buffer. */
export function releaseWriter(w: ByteWriter): void {
  if (w !== shared) return;
  sharedBusy = false;
  if (w.buf.length > 1 << 20) w.buf = new Uint8Array(4096);
}

/**
 * Encodes a value as deterministic CBOR.
 *
 * @throws {TypeError} for anything outside the value model (undefined, bigint,
 *   Map, class instances, other typed arrays, `__proto__` keys, lone surrogates).
 * @throws {RangeError} when nesting exceeds `maxDepth` (also circular values).
 *
 * @example
 * ```ts
 * import { decodeValue, encodeValue } from "./cbor.ts";
 * const bytes = encodeValue({ b: [1, 2.5, null], a: new Uint8Array([7]) });
 * const back = decodeValue(bytes) as { a: Uint8Array; b: unknown[] };
 * console.assert(back.a[0] === 7 && back.b[1] === 2.5);
 * ```
 */
export function encodeValue(value: unknown, options?: EncodeValueOptions): Uint8Array {
  const maxDepth = checkDepthOption(options?.maxDepth);
  const w = acquireWriter();
  try {
    writeValue(w, value, maxDepth);
    return w.copy();
  } finally {
    releaseWriter(w);
  }
}

// ---------------------------------------------------------------- decoding

const TOKEN_OPTIONS = {
  strict: true,
  allowUndefined: false,
  allowIndefinite: false,
  allowBigInt: false,
  allowNaN: true,
  allowInfinity: true,
};

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes taken by the head of the item starting with `initial`. */
function headLength(initial: number): number {
  const minor = initial & 31;
  return minor < 24 ? 1 : minor === 24 ? 2 : minor === 25 ? 3 : minor === 26 ? 5 : 9;
}

/**
 * cborg decodes text with a lenient TextDecoder (invalid bytes become U+FFFD, a
 * leading BOM is dropped). A string as long as its byte length without U+FFFD
 * is pure ASCII and exact (multi-byte characters and a dropped BOM make it
 * shorter); anything else is decoded again, strictly.
 */
function checkedString(bytes: Uint8Array, start: number, end: number, s: string): string {
  const byteLength = end - start - headLength(bytes[start]);
  if (s.length === byteLength && s.indexOf("\ufffd") === -1) return s;
  try {
    return strictUtf8.decode(bytes.subarray(end - byteLength, end));
  } catch (cause) {
    throw new DecodeError(`invalid UTF-8 in text string at byte ${start}`, { cause });
  }
}

/**
 * End offset of the definite-length byte string whose head starts at `start`,
 * with cborg's strict rules: minimal length encoding, length within the input.
 */
function byteStringEnd(bytes: Uint8Array, start: number, initial: number): number {
  const minor = initial & 31;
  const h = headLength(initial);
  const size = bytes.length;
  if (size - start < h) throw new DecodeError(`not enough data for the byte string at ${start}`);
  const p = start + 1;
  let len: number;
  if (minor < 24) len = minor;
  else if (minor === 24) len = bytes[p];
  else if (minor === 25) len = (bytes[p] << 8) | bytes[p + 1];
  else if (minor === 26) {
    len = ((bytes[p] << 24) >>> 0) + ((bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]);
  } else {
    const hi = ((bytes[p] << 24) >>> 0) +
      ((bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]);
    const lo = ((bytes[p + 4] << 24) >>> 0) +
      ((bytes[p + 5] << 16) | (bytes[p + 6] << 8) | bytes[p + 7]);
    len = hi * 0x100000000 + lo;
    if (hi > 0x1fffff) throw new DecodeError(`byte string length at ${start} exceeds 2^53-1`);
  }
  if (
    minor >= 24 &&
    len < (minor === 24 ? 24 : minor === 25 ? 0x100 : minor === 26 ? 0x10000 : 0x100000000)
  ) {
    throw new DecodeError(`byte string length at ${start} encoded in more bytes than necessary`);
  }
  if (len > size - start - h) {
    throw new DecodeError(`not enough data for the byte string at ${start}`);
  }
  return start + h + len;
}

const ARRAY = Symbol("array");
const EXPECT_KEY = Symbol("key");
type Slot = string | typeof ARRAY | typeof EXPECT_KEY;

/**
 * Decodes one strict CBOR value that must span `bytes` exactly.
 *
 * @throws {DecodeError} for malformed or disallowed input (see the module doc).
 * @throws {MessageTooLargeError} when `bytes.length > maxBytes`.
 * @throws {TypeError|RangeError} for bad arguments.
 *
 * @example
 * ```ts
 * import { decodeValue } from "./cbor.ts";
 * import { DecodeError } from "../errors.ts";
 * const arr = decodeValue(new Uint8Array([0x82, 0x01, 0x61, 0x61])) as unknown[];
 * console.assert(arr[1] === "a");
 * try {
 *   decodeValue(new Uint8Array([0xc1, 0x00])); // tag 1
 * } catch (err) {
 *   console.assert(err instanceof DecodeError);
 * }
 * ```
 */
export function decodeValue(bytes: Uint8Array, options?: DecodeValueOptions): Value {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be a Uint8Array");
  return readValue(
    bytes,
    checkDepthOption(options?.maxDepth),
    checkBytesOption(options?.maxBytes),
    options?.copyBytes ?? true,
  );
}

/**
 * {@linkcode decodeValue} with already validated limits (internal building block
 * of the message codec, which allows one extra level for its envelope).
 *
 * @example
 * ```ts
 * import { readValue } from "./cbor.ts";
 * const empty = readValue(new Uint8Array([0x80]), 1, 16) as unknown[];
 * console.assert(empty.length === 0);
 * ```
 */
export function readValue(
  bytes: Uint8Array,
  maxDepth: number,
  maxBytes: number,
  copyBytes = true,
): Value {
  const size = bytes.length;
  if (size > maxBytes) {
    throw new MessageTooLargeError(`input of ${size} bytes exceeds maxBytes ${maxBytes}`);
  }
  if (size === 0) throw new DecodeError("empty input");
  if (bytes.constructor !== Uint8Array) {
    // A subclass such as Node's Buffer has a `slice` that returns a view, which
    // would make cborg's byte-string copies alias the input.
    bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, size);
  }
  const t = new Tokenizer(bytes, TOKEN_OPTIONS);
  // Explicit stack instead of recursion: container, items left, and the slot
  // (ARRAY, EXPECT_KEY, or the pending key of a map entry).
  const conts: (Value[] | Record<string, Value>)[] = [];
  const left: number[] = [];
  const slots: Slot[] = [];
  let depth = 0;
  for (;;) {
    const start = t.pos();
    if (start >= size) throw new DecodeError(`unexpected end of input at byte ${start}`);
    const initial = bytes[start];
    let value: Value;
    if (!copyBytes && initial <= 0x5b && initial >= 0x40) {
      // A definite-length byte string, read here as a view (cborg would copy it).
      if (depth > 0 && slots[depth - 1] === EXPECT_KEY) {
        throw new DecodeError(`map key at byte ${start} is a bytes, not a text string`);
      }
      const end = byteStringEnd(bytes, start, initial);
      value = bytes.subarray(start + headLength(initial), end);
      (t as unknown as { _pos: number })._pos = end; // cborg 6's tokenizer position
    } else {
      let tok: Token;
      try {
        tok = t.next();
      } catch (cause) {
        throw new DecodeError(`invalid CBOR at byte ${start}: ${(cause as Error).message}`, {
          cause,
        });
      }
      const type = tok.type;
      if (depth > 0 && slots[depth - 1] === EXPECT_KEY && type !== Type.string) {
        throw new DecodeError(`map key at byte ${start} is a ${type.name}, not a text string`);
      }
      switch (type.major) {
        case 0:
        case 1:
          value = tok.value as number;
          break;
        case 2:
          // cborg returns one shared instance for every empty byte string.
          value = (tok.value as Uint8Array).length === 0 ? new Uint8Array(0) : tok.value;
          break;
        case 3:
          value = checkedString(bytes, start, t.pos(), tok.value as string);
          break;
        case 4:
        case 5: {
          const isMap = type.major === 5;
          const n = tok.value as number;
          if (depth >= maxDepth) {
            throw new DecodeError(`nesting deeper than maxDepth ${maxDepth} at byte ${start}`);
          }
          // Each item needs at least one byte: refuse impossible counts up front.
          const remaining = size - t.pos();
          if ((isMap ? n * 2 : n) > remaining) {
            throw new DecodeError(
              `${type.name} at byte ${start} declares ${n} entries but only ${remaining} bytes remain`,
            );
          }
          if (n > 0) {
            conts[depth] = isMap ? {} : [];
            left[depth] = n;
            slots[depth] = isMap ? EXPECT_KEY : ARRAY;
            depth++;
            continue;
          }
          value = isMap ? {} : [];
          break;
        }
        case 6:
          throw new DecodeError(`tags are not allowed (tag ${tok.value} at byte ${start})`);
        default:
          if (type === Type.float) value = tok.value as number;
          else if (type === Type.true) value = true;
          else if (type === Type.false) value = false;
          else if (type === Type.null) value = null;
          else throw new DecodeError(`${type.name} is not allowed (byte ${start})`);
      }
    }
    // Attach the value to its parent; completed containers bubble up.
    for (;;) {
      if (depth === 0) {
        if (t.pos() !== size) {
          throw new DecodeError(`${size - t.pos()} trailing bytes after the value`);
        }
        return value;
      }
      const i = depth - 1;
      const slot = slots[i];
      const cont = conts[i];
      if (slot === ARRAY) {
        (cont as Value[]).push(value);
      } else if (slot === EXPECT_KEY) {
        const key = value as string;
        if (key === "__proto__") throw new DecodeError('map key "__proto__" is not allowed');
        if (Object.hasOwn(cont, key)) {
          throw new DecodeError(`duplicate map key ${JSON.stringify(key)}`);
        }
        slots[i] = key;
        break; // the entry's value comes next
      } else {
        (cont as Record<string, Value>)[slot] = value;
        slots[i] = EXPECT_KEY;
      }
      if (--left[i] > 0) break;
      value = cont;
      conts[i] = undefined as never; // do not keep finished containers alive
      depth--;
    }
  }
}
