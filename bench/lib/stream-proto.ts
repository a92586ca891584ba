/**
 * The byte protocol the stream-level benchmarks (raw WebTransport and the
 * transport adapters) speak on one long-lived bidirectional stream, so every
 * stream-level system does the same work. The first byte picks the mode:
 *
 * - `ECHO` (W2): the server writes back every byte it reads.
 * - `SINK` (W3): 8 bytes total length follow; the server counts that many
 *   bytes, then writes one ack byte.
 * - `FRAMES` (W4): 4 bytes message count follow, then varint-length-prefixed
 *   messages; the server walks the frames (one counted event per message),
 *   then writes one ack byte.
 *
 * Nothing waits for end-of-stream (Deno's WebTransport may never deliver FIN).
 *
 * @module
 */
import { summarize } from "./stats.ts";

/** Mode bytes. */
export const Mode = { ECHO: 1, SINK: 2, FRAMES: 3 } as const;

/** The two halves of a bidirectional stream, as Web streams. */
export interface Duplex {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
}

/** Reads exactly `n` bytes (across chunks), keeping any surplus for the next call. */
export class ExactReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #rest: Uint8Array = new Uint8Array(0);

  constructor(readable: ReadableStream<Uint8Array>) {
    this.#reader = readable.getReader();
  }

  /** Next chunk of any size (the surplus first). Throws on end of stream. */
  async chunk(): Promise<Uint8Array> {
    if (this.#rest.length) {
      const r = this.#rest;
      this.#rest = new Uint8Array(0);
      return r;
    }
    const { value, done } = await this.#reader.read();
    if (done) throw new Error("stream ended");
    return value;
  }

  /** Exactly `n` bytes. */
  async exact(n: number): Promise<Uint8Array> {
    let have = this.#rest;
    this.#rest = new Uint8Array(0);
    while (have.length < n) {
      const { value, done } = await this.#reader.read();
      if (done) throw new Error("stream ended");
      if (have.length === 0) have = value;
      else {
        const joined = new Uint8Array(have.length + value.length);
        joined.set(have);
        joined.set(value, have.length);
        have = joined;
      }
    }
    if (have.length > n) this.#rest = have.subarray(n);
    return have.subarray(0, n);
  }

  /** Releases the reader. */
  release(): void {
    try {
      this.#reader.releaseLock();
    } catch { /* pending read */ }
  }
}

/**
 * Serves one stream: reads the mode byte and runs that mode until the stream
 * ends. Returns quietly when the peer goes away.
 *
 * @example
 * ```ts ignore
 * for await (const stream of session.incomingBidirectionalStreams) serveStream(stream);
 * ```
 */
export async function serveStream(stream: Duplex): Promise<void> {
  const reader = new ExactReader(stream.readable);
  const writer = stream.writable.getWriter();
  try {
    const mode = (await reader.exact(1))[0];
    if (mode === Mode.ECHO) {
      for (;;) await writer.write((await reader.chunk()).slice());
    } else if (mode === Mode.SINK) {
      const h = await reader.exact(8);
      const view = new DataView(h.buffer, h.byteOffset, 8);
      const total = view.getUint32(0) * 2 ** 32 + view.getUint32(4);
      let got = 0;
      while (got < total) got += (await reader.chunk()).length;
      await writer.write(new Uint8Array([1]));
    } else if (mode === Mode.FRAMES) {
      const h = await reader.exact(4);
      const count = new DataView(h.buffer, h.byteOffset, 4).getUint32(0);
      let seen = 0;
      // Frame walker state: remaining body bytes, or the varint being read.
      let body = 0, len = 0, shift = 0, inPrefix = true;
      let events = 0;
      const onMessage = () => void events++;
      while (seen < count) {
        const c = await reader.chunk();
        let p = 0;
        while (p < c.length) {
          if (inPrefix) {
            const b = c[p++];
            len |= (b & 0x7f) << shift;
            shift += 7;
            if (b < 0x80) {
              inPrefix = false;
              body = len;
              len = 0;
              shift = 0;
            }
          } else {
            const take = Math.min(body, c.length - p);
            p += take;
            body -= take;
          }
          if (!inPrefix && body === 0) {
            onMessage();
            seen++;
            inPrefix = true;
          }
        }
      }
      await writer.write(new Uint8Array([events === count ? 1 : 0]));
    }
    // Keep the stream open until the peer goes away; never wait for FIN.
    for (;;) await reader.chunk();
  } catch {
    // Peer gone or session closed.
  } finally {
    reader.release();
  }
}

/** Results of the stream-level client runs. */
export interface RttResult {
  p50Us: number;
  p95Us: number;
  p99Us: number;
  n: number;
}

/**
 * W2 on a stream: `n` sequential round trips of `size` bytes; microseconds.
 *
 * @example
 * ```ts ignore
 * const r = await rttOnStream(await session.createBidirectionalStream(), 10000, 64);
 * ```
 */
export async function rttOnStream(stream: Duplex, n: number, size: number): Promise<RttResult> {
  const writer = stream.writable.getWriter();
  const reader = new ExactReader(stream.readable);
  await writer.write(new Uint8Array([Mode.ECHO]));
  const times: number[] = new Array(n);
  const msg = new Uint8Array(size).fill(7);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await writer.write(msg.slice());
    await reader.exact(size);
    times[i] = (performance.now() - t) * 1000;
  }
  reader.release();
  writer.releaseLock();
  const s = summarize(times);
  return { p50Us: s.p50, p95Us: s.p95, p99Us: s.p99, n };
}

/**
 * W3 on a stream: `total` bytes as `chunk`-byte writes, until the server's ack; MB/s.
 *
 * @example
 * ```ts ignore
 * const { mbPerS } = await bulkOnStream(stream, 256 << 20, 64 << 10);
 * ```
 */
export async function bulkOnStream(
  stream: Duplex,
  total: number,
  chunk: number,
): Promise<{ mbPerS: number; seconds: number; bytes: number }> {
  const writer = stream.writable.getWriter();
  const reader = new ExactReader(stream.readable);
  const header = new Uint8Array(9);
  header[0] = Mode.SINK;
  const view = new DataView(header.buffer);
  view.setUint32(1, Math.floor(total / 2 ** 32));
  view.setUint32(5, total >>> 0);
  const t = performance.now();
  await writer.write(header);
  let sent = 0;
  while (sent < total) {
    const n = Math.min(chunk, total - sent);
    await writer.ready;
    // A fresh buffer per write, as an application producing data would have.
    writer.write(new Uint8Array(n)).catch(() => {});
    sent += n;
  }
  const ack = await reader.exact(1);
  const seconds = (performance.now() - t) / 1000;
  reader.release();
  writer.releaseLock();
  if (ack[0] !== 1) throw new Error("bad ack");
  return { mbPerS: total / 1e6 / seconds, seconds, bytes: total };
}

/**
 * W4 on a stream: `n` messages of `size` bytes, varint-prefixed and coalesced
 * into writes of about `writeBytes` (1 = one write per message); messages/s.
 *
 * @example
 * ```ts ignore
 * const { perS } = await smallOnStream(stream, 200_000, 100, 64 << 10);
 * ```
 */
export async function smallOnStream(
  stream: Duplex,
  n: number,
  size: number,
  writeBytes: number,
): Promise<{ perS: number; seconds: number; messages: number }> {
  if (size >= 128 * 128) throw new RangeError("size must fit a 2-byte varint");
  const writer = stream.writable.getWriter();
  const reader = new ExactReader(stream.readable);
  const header = new Uint8Array(5);
  header[0] = Mode.FRAMES;
  new DataView(header.buffer).setUint32(1, n);
  const frame = size < 128 ? 1 + size : 2 + size;
  const perWrite = Math.max(1, Math.floor(writeBytes / frame));
  const payload = new Uint8Array(size).fill(3);
  const t = performance.now();
  await writer.write(header);
  let sent = 0;
  while (sent < n) {
    const k = Math.min(perWrite, n - sent);
    const buf = new Uint8Array(k * frame);
    let p = 0;
    for (let i = 0; i < k; i++) {
      if (size < 128) buf[p++] = size;
      else {
        buf[p++] = (size & 0x7f) | 0x80;
        buf[p++] = size >> 7;
      }
      buf.set(payload, p);
      p += size;
    }
    await writer.ready;
    writer.write(buf).catch(() => {});
    sent += k;
  }
  const ack = await reader.exact(1);
  const seconds = (performance.now() - t) / 1000;
  reader.release();
  writer.releaseLock();
  if (ack[0] !== 1) throw new Error("server counted a different number of messages");
  return { perS: n / seconds, seconds, messages: n };
}
