/**
 * A growable output buffer with the CBOR and varint primitives the codec needs.
 * The encoders write straight into it (no token tree, no chunk list) so that
 * encoding a small message costs a few hundred nanoseconds and the only
 * allocation is the final copy (or none, when many frames are coalesced).
 *
 * @module
 */

/** Scratch space for float conversions, shared because encoding is synchronous. */
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** Whether typed arrays use little-endian byte order (true on every platform we target). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Strings up to this length are encoded by a JS loop; longer ones go through TextEncoder. */
const SHORT_STRING = 64;
const textEncoder = new TextEncoder();

/**
 * Returns the IEEE half-precision bits of `x` when `x` is exactly representable
 * as a half (including ±0, ±Infinity and NaN, which becomes the canonical 0x7e00),
 * otherwise -1.
 */
function toHalf(x: number): number {
  if (x !== x) return 0x7e00;
  if (x === Infinity) return 0x7c00;
  if (x === -Infinity) return 0xfc00;
  f32[0] = x;
  if (f32[0] !== x) return -1; // not even a float32
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127;
  const mant = bits & 0x7fffff;
  if (exp === -127 && mant === 0) return sign; // ±0
  if (exp >= -14 && exp <= 15) {
    return (mant & 0x1fff) === 0 ? sign | ((exp + 15) << 10) | (mant >>> 13) : -1;
  }
  if (exp >= -24 && exp < -14) {
    // Half subnormal: the value is m * 2^-24 with m < 1024.
    const full = 0x800000 | mant;
    const shift = -exp - 1; // 14..23
    return (full & ((1 << shift) - 1)) === 0 ? sign | (full >>> shift) : -1;
  }
  return -1;
}

/**
 * Number of bytes a CBOR head (initial byte plus argument) takes for `n`.
 *
 * @example
 * ```ts
 * import { headSize } from "./writer.ts";
 * console.assert(headSize(23) === 1 && headSize(24) === 2 && headSize(65536) === 5);
 * ```
 */
export function headSize(n: number): number {
  return n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9;
}

/**
 * Growable byte buffer with CBOR primitives. Not thread-safe and not re-entrant:
 * one encode at a time per instance.
 *
 * @example
 * ```ts
 * import { ByteWriter } from "./writer.ts";
 * const w = new ByteWriter(16);
 * w.head(4, 2); // array of 2
 * w.uint(1);
 * w.string("hi");
 * console.assert(w.pos === 5 && w.buf[0] === 0x82);
 * ```
 */
export class ByteWriter {
  /** The buffer; valid bytes are `buf[0..pos)`. Replaced when it grows. */
  buf: Uint8Array;
  /** Write position. */
  pos = 0;

  constructor(initialSize = 1024) {
    this.buf = new Uint8Array(initialSize);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.#grow(n);
  }

  #grow(n: number): void {
    const size = Math.max(this.buf.length * 2, this.pos + n);
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** A copy of the written bytes (the one allocation an encode makes). */
  copy(from = 0): Uint8Array {
    return this.buf.slice(from, this.pos);
  }

  /** Writes a CBOR head: major type (0..7) and argument `n` (0 <= n <= 2^53-1). */
  head(major: number, n: number): void {
    this.ensure(9);
    const b = this.buf;
    let p = this.pos;
    const m = major << 5;
    if (n < 24) {
      b[p++] = m | n;
    } else if (n < 0x100) {
      b[p++] = m | 24;
      b[p++] = n;
    } else if (n < 0x10000) {
      b[p++] = m | 25;
      b[p++] = n >>> 8;
      b[p++] = n & 0xff;
    } else if (n < 0x100000000) {
      b[p++] = m | 26;
      b[p++] = n >>> 24;
      b[p++] = (n >>> 16) & 0xff;
      b[p++] = (n >>> 8) & 0xff;
      b[p++] = n & 0xff;
    } else {
      const hi = Math.floor(n / 0x100000000);
      const lo = n >>> 0;
      b[p++] = m | 27;
      b[p++] = hi >>> 24;
      b[p++] = (hi >>> 16) & 0xff;
      b[p++] = (hi >>> 8) & 0xff;
      b[p++] = hi & 0xff;
      b[p++] = lo >>> 24;
      b[p++] = (lo >>> 16) & 0xff;
      b[p++] = (lo >>> 8) & 0xff;
      b[p++] = lo & 0xff;
    }
    this.pos = p;
  }

  /** Writes a non-negative safe integer. */
  uint(n: number): void {
    this.head(0, n);
  }

  /** Writes any safe integer (major 0 or 1); -0 must go through {@linkcode float}. */
  int(n: number): void {
    if (n >= 0) this.head(0, n);
    else this.head(1, -1 - n);
  }

  /** Writes a float in the shortest IEEE width that holds it exactly (16, 32 or 64 bits). */
  float(x: number): void {
    this.ensure(9);
    const b = this.buf;
    const p = this.pos;
    const half = toHalf(x);
    if (half >= 0) {
      b[p] = 0xf9;
      b[p + 1] = half >>> 8;
      b[p + 2] = half & 0xff;
      this.pos = p + 3;
      return;
    }
    f32[0] = x;
    if (f32[0] === x) {
      const bits = u32[0];
      b[p] = 0xfa;
      b[p + 1] = bits >>> 24;
      b[p + 2] = (bits >>> 16) & 0xff;
      b[p + 3] = (bits >>> 8) & 0xff;
      b[p + 4] = bits & 0xff;
      this.pos = p + 5;
      return;
    }
    f64[0] = x;
    b[p] = 0xfb;
    for (let i = 0; i < 8; i++) b[p + 1 + i] = f64Bytes[LITTLE_ENDIAN ? 7 - i : i];
    this.pos = p + 9;
  }

  /** Writes a byte string (major 2). */
  bytes(v: Uint8Array): void {
    const n = v.length;
    this.head(2, n);
    this.ensure(n);
    this.buf.set(v, this.pos);
    this.pos += n;
  }

  /** Writes raw bytes with no head. */
  raw(v: Uint8Array): void {
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }

  /**
   * Writes a text string (major 3). Throws `TypeError` on a lone surrogate: such a
   * string has no UTF-8 form and would silently change on the way through.
   */
  string(s: string): void {
    const n = s.length;
    if (n <= SHORT_STRING) {
      // Optimistic ASCII path: head for n bytes, then one byte per code unit.
      const start = this.pos;
      this.head(3, n);
      this.ensure(n);
      const b = this.buf;
      let p = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[p++] = c;
      }
      if (i === n) {
        this.pos = p;
        return;
      }
      this.pos = start; // non-ASCII: start over on the general path
    }
    if (!s.isWellFormed()) throw new TypeError("string contains a lone surrogate");
    // Reserve the head for the worst case (3 bytes per code unit), encode, then
    // move the bytes left if the real head is shorter.
    const maxHead = headSize(n * 3);
    this.ensure(9 + n * 3); // 9 covers head()'s own ensure, so no regrow below

    const start = this.pos;
    const { written } = textEncoder.encodeInto(s, this.buf.subarray(start + maxHead));
    const h = headSize(written);
    this.head(3, written);
    if (h !== maxHead) this.buf.copyWithin(start + h, start + maxHead, start + maxHead + written);
    this.pos = start + h + written;
  }

  /** Writes an unsigned LEB128 varint (0 <= n <= 2^53-1). */
  varint(n: number): void {
    this.ensure(8);
    const b = this.buf;
    let p = this.pos;
    while (n >= 0x80) {
      b[p++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    b[p++] = n;
    this.pos = p;
  }
}

/**
 * Bytes an unsigned LEB128 varint takes for `n`.
 *
 * @example
 * ```ts
 * import { varintSize } from "./writer.ts";
 * console.assert(varintSize(127) === 1 && varintSize(128) === 2);
 * ```
 */
export function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}
