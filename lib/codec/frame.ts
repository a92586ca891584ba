/**
 * Stream framing: every frame is an unsigned LEB128 varint length followed by
 * that many body bytes. Long-lived streams carry many frames (Deno's
 * WebTransport does not deliver FIN reliably, see DESIGN.md), so the frame
 * boundary, never the end of a stream, ends a message.
 *
 * Rules of the format, enforced by {@linkcode FrameDecoder}:
 * - The length is checked against `maxFrameSize` from the prefix alone, before a
 *   single body byte is buffered; a prefix that already proves the length too
 *   large (its continuation bytes) is refused even before it is complete.
 * - The varint must be minimal (no trailing `0x00` group), at most 8 bytes, and at
 *   most 2^53-1; otherwise `DecodeError`.
 * - Zero-length frames are allowed: framing is body-agnostic (an empty body is
 *   not a valid CBOR value, so the message layer refuses it; an upper layer may
 *   use it as a marker). The decoder returns them as empty views.
 *
 * @module
 */
import { DecodeError, MessageTooLargeError } from "../errors.ts";
import { DEFAULT_MAX_BYTES } from "./cbor.ts";
import { ByteWriter, varintSize } from "./writer.ts";

/** Default frame size limit: 1 MiB, the default `maxMessageSize`. */
export const DEFAULT_MAX_FRAME_SIZE = DEFAULT_MAX_BYTES;

/** Options shared by the frame encoders and the decoder. */
export interface FrameOptions {
  /** Largest body in bytes (default 1 MiB, at most 2^53-1). */
  maxFrameSize?: number;
}

function checkMax(max: number | undefined): number {
  if (max === undefined) return DEFAULT_MAX_FRAME_SIZE;
  if (!Number.isSafeInteger(max) || max < 0) {
    throw new RangeError(`maxFrameSize must be a non-negative safe integer, got ${max}`);
  }
  return max;
}

function tooLarge(size: number, max: number, atLeast = false): MessageTooLargeError {
  return new MessageTooLargeError(
    `frame of ${atLeast ? "at least " : ""}${size} bytes exceeds maxFrameSize ${max}`,
  );
}

function writeVarintAt(buf: Uint8Array, p: number, n: number): number {
  while (n >= 0x80) {
    buf[p++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  buf[p++] = n;
  return p;
}

/**
 * Frames one body: `varint(length) || body`.
 *
 * @throws {MessageTooLargeError} when the body exceeds `maxFrameSize`.
 *
 * @example
 * ```ts
 * import { encodeFrame } from "./frame.ts";
 * const frame = encodeFrame(new Uint8Array(200));
 * console.assert(frame.length === 202 && frame[0] === 0xc8 && frame[1] === 0x01);
 * ```
 */
export function encodeFrame(body: Uint8Array, options?: FrameOptions): Uint8Array {
  return writeFrames([body], options);
}

/**
 * Frames many bodies into one buffer (one allocation, one stream write).
 *
 * @throws {MessageTooLargeError} when a body exceeds `maxFrameSize`.
 *
 * @example
 * ```ts
 * import { FrameDecoder, writeFrames } from "./frame.ts";
 * const bytes = writeFrames([new Uint8Array([1]), new Uint8Array([2, 3])]);
 * console.assert(bytes.length === 5);
 * console.assert(new FrameDecoder().push(bytes).length === 2);
 * ```
 */
export function writeFrames(bodies: readonly Uint8Array[], options?: FrameOptions): Uint8Array {
  const max = checkMax(options?.maxFrameSize);
  let total = 0;
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[i];
    if (!(body instanceof Uint8Array)) throw new TypeError("frame bodies must be Uint8Arrays");
    if (body.length > max) throw tooLarge(body.length, max);
    total += varintSize(body.length) + body.length;
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[i];
    p = writeVarintAt(out, p, body.length);
    out.set(body, p);
    p += body.length;
  }
  return out;
}

/**
 * Coalesces frames into one growing buffer; {@linkcode FrameEncoder.flush} hands
 * out everything written so far as one `Uint8Array` for a single stream write.
 * {@linkcode FrameEncoder.addEncoded} encodes a body (e.g. a message with
 * `writeMessage`) directly in place, so a batch of messages costs no allocation
 * but the flushed buffer.
 *
 * @example
 * ```ts
 * import { FrameDecoder, FrameEncoder } from "./frame.ts";
 * import { decodeMessage, writeMessage } from "./messages.ts";
 * const enc = new FrameEncoder();
 * enc.add(new Uint8Array([1, 2, 3]));
 * enc.addEncoded(writeMessage, { type: "ping", seq: 9 });
 * const frames = new FrameDecoder().push(enc.flush());
 * console.assert(frames.length === 2 && decodeMessage(frames[1]).type === "ping");
 * ```
 */
export class FrameEncoder {
  readonly #max: number;
  readonly #w: ByteWriter;
  readonly #initialSize: number;
  #frames = 0;

  constructor(options?: FrameOptions & { initialSize?: number }) {
    this.#max = checkMax(options?.maxFrameSize);
    this.#initialSize = options?.initialSize ?? 64 * 1024;
    // Start small and grow on demand: an idle peer's channel should not hold a 64 KiB
    // buffer (bench W7); a busy one reaches its working size in a few doublings.
    this.#w = new ByteWriter(Math.min(this.#initialSize, 512));
  }

  /** Bytes waiting to be flushed. */
  get byteLength(): number {
    return this.#w.pos;
  }

  /** Frames waiting to be flushed. */
  get frameCount(): number {
    return this.#frames;
  }

  /** Appends one frame holding a copy of `body`. */
  add(body: Uint8Array): void {
    if (!(body instanceof Uint8Array)) throw new TypeError("frame body must be a Uint8Array");
    if (body.length > this.#max) throw tooLarge(body.length, this.#max);
    const w = this.#w;
    w.varint(body.length);
    w.raw(body);
    this.#frames++;
  }

  /**
   * Appends one frame whose body `write(writer, value)` produces in place.
   * If `write` throws, or the body exceeds `maxFrameSize` (or the smaller
   * per-call `maxSize`, e.g. the peer's limit), nothing is appended.
   * Returns the body length.
   */
  addEncoded<T>(write: (w: ByteWriter, value: T) => void, value: T, maxSize?: number): number {
    const w = this.#w;
    const start = w.pos;
    w.ensure(1);
    w.pos = start + 1; // room for a 1-byte prefix; moved below if longer
    try {
      write(w, value);
    } catch (err) {
      w.pos = start;
      throw err;
    }
    const len = w.pos - start - 1;
    const max = maxSize !== undefined && maxSize < this.#max ? maxSize : this.#max;
    if (len > max) {
      w.pos = start;
      throw tooLarge(len, max);
    }
    const extra = varintSize(len) - 1;
    if (extra > 0) {
      w.ensure(extra);
      w.buf.copyWithin(start + 1 + extra, start + 1, w.pos);
      w.pos += extra;
    }
    writeVarintAt(w.buf, start, len);
    this.#frames++;
    return len;
  }

  /**
   * Returns all pending frames as one buffer and starts over. A well-filled
   * buffer is handed out as it is and replaced by a fresh one (bulk traffic:
   * no copy of every byte); a mostly empty one is copied out instead, so a
   * small flush never costs an allocation of the whole capacity.
   */
  flush(): Uint8Array {
    const w = this.#w;
    let out: Uint8Array;
    if (w.pos >= w.buf.length / 2 && w.pos >= 4096) {
      out = w.buf.subarray(0, w.pos);
      w.buf = new Uint8Array(w.buf.length);
    } else {
      out = w.copy();
    }
    w.pos = 0;
    this.#frames = 0;
    // Do not keep a huge buffer around after one burst.
    if (w.buf.length > 16 * this.#initialSize) w.buf = new Uint8Array(this.#initialSize);
    return out;
  }
}

/**
 * Splits a byte stream into frames. Feed chunks in order with
 * {@linkcode FrameDecoder.push}; it returns the frames completed by that chunk.
 * A frame lying entirely inside one chunk is returned as a view of that chunk
 * (no copy), so callers must not reuse chunk buffers while they hold frames; a
 * frame split across chunks is assembled in one allocation of exactly its size,
 * made only once its length prefix is complete and accepted.
 *
 * After any error the decoder is unusable: the stream position is lost, so every
 * later `push`/`finish` throws a `DecodeError` whose `cause` is the first error.
 * Close the stream.
 *
 * @example
 * ```ts
 * import { encodeFrame, FrameDecoder } from "./frame.ts";
 * import { MessageTooLargeError } from "../errors.ts";
 * const dec = new FrameDecoder({ maxFrameSize: 1024 });
 * const f = encodeFrame(new Uint8Array(300));
 * console.assert(dec.push(f.subarray(0, 100)).length === 0);
 * console.assert(dec.push(f.subarray(100))[0].length === 300);
 * try {
 *   dec.push(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x10])); // declares 4 GiB
 * } catch (err) {
 *   console.assert(err instanceof MessageTooLargeError && dec.pendingFrameSize === 0);
 * }
 * ```
 */
export class FrameDecoder {
  readonly #max: number;
  // Varint state: value so far, weight of the next 7-bit group, bytes read.
  #len = 0;
  #mul = 1;
  #prefixBytes = 0;
  // Body being assembled across chunks.
  #body: Uint8Array | null = null;
  #filled = 0;
  #error: unknown = undefined;

  constructor(options?: FrameOptions) {
    this.#max = checkMax(options?.maxFrameSize);
  }

  /** Bytes held for an incomplete frame (prefix bytes plus buffered body bytes). */
  get buffered(): number {
    return this.#prefixBytes + this.#filled;
  }

  /** The size of the buffer allocated for the frame being assembled (0 if none). */
  get pendingFrameSize(): number {
    return this.#body === null ? 0 : this.#body.length;
  }

  /** Whether an earlier error made this decoder unusable. */
  get failed(): boolean {
    return this.#error !== undefined;
  }

  #fail(err: unknown): never {
    this.#error = err;
    // Drop all state (and any partial body) so nothing is held after a failure.
    this.#body = null;
    this.#filled = 0;
    this.#len = 0;
    this.#mul = 1;
    this.#prefixBytes = 0;
    throw err;
  }

  #checkUsable(): void {
    if (this.#error !== undefined) {
      throw new DecodeError("frame decoder is unusable after an earlier error", {
        cause: this.#error,
      });
    }
  }

  /**
   * Consumes `chunk` and returns the frames it completes (possibly none).
   *
   * @throws {MessageTooLargeError} a declared length exceeds `maxFrameSize`.
   * @throws {DecodeError} a malformed length prefix, or the decoder already failed.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    this.#checkUsable();
    if (!(chunk instanceof Uint8Array)) throw new TypeError("chunk must be a Uint8Array");
    const out: Uint8Array[] = [];
    const n = chunk.length;
    const max = this.#max;
    let p = 0;
    while (p < n) {
      let body = this.#body;
      if (body === null) {
        const b = chunk[p++];
        this.#prefixBytes++;
        this.#len += (b & 0x7f) * this.#mul;
        if (b >= 0x80) {
          if (this.#prefixBytes === 8) {
            this.#fail(new DecodeError("frame length prefix longer than 8 bytes"));
          }
          this.#mul *= 0x80;
          // The last group of a minimal varint is non-zero, so the length is at
          // least #mul: refuse as soon as that lower bound is over the limit.
          if (this.#mul > max) this.#fail(tooLarge(this.#mul, max, true));
          continue;
        }
        const len = this.#len;
        if (b === 0 && this.#prefixBytes > 1) {
          this.#fail(new DecodeError("frame length prefix is not minimal (overlong varint)"));
        }
        if (len > Number.MAX_SAFE_INTEGER) {
          this.#fail(new DecodeError("frame length prefix exceeds 2^53-1"));
        }
        if (len > max) this.#fail(tooLarge(len, max));
        this.#len = 0;
        this.#mul = 1;
        this.#prefixBytes = 0;
        if (n - p >= len) {
          out.push(chunk.subarray(p, p + len)); // whole frame in this chunk: no copy
          p += len;
          continue;
        }
        body = this.#body = new Uint8Array(len);
        this.#filled = 0;
      }
      const take = Math.min(n - p, body.length - this.#filled);
      body.set(chunk.subarray(p, p + take), this.#filled);
      this.#filled += take;
      p += take;
      if (this.#filled === body.length) {
        out.push(body);
        this.#body = null;
        this.#filled = 0;
      }
    }
    return out;
  }

  /**
   * Declares the end of the stream.
   *
   * @throws {DecodeError} the stream ended inside a frame (truncated).
   */
  finish(): void {
    this.#checkUsable();
    if (this.buffered > 0) {
      this.#fail(new DecodeError(`stream ended inside a frame (${this.buffered} bytes pending)`));
    }
  }
}
