/**
 * The CBOR encoder of the value model (see `cbor.ts`): a recursive writer, at most
 * `maxDepth` levels deep, straight into a {@linkcode ByteWriter}.
 *
 * @module
 */
import { ByteWriter } from "./writer.ts";

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
 * import { writeValue } from "./encode.ts";
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
