/**
 * The few HTTP/3 and WebTransport-over-HTTP/3 wire pieces the `deno` adapter
 * writes itself: QUIC varints, the SETTINGS that enable WebTransport, the
 * extended CONNECT request (QPACK static table and literals only, no dynamic
 * table, no Huffman) and the stream headers that bind a QUIC stream to a
 * session.
 *
 * Why this exists: Deno's `WebTransport` wrapper streams neither send FIN on
 * `close()` nor release their QUIC stream before garbage collection (upstream
 * denoland/deno#36822), so the adapter drives the raw `Deno.QuicConn` streams,
 * which do both, and needs to frame them itself.
 *
 * @module
 */

/** HTTP/3 unidirectional stream type of the control stream. */
export const STREAM_CONTROL = 0x00n;
/** QPACK encoder / decoder stream types (held open, never read). */
export const STREAM_QPACK_ENCODER = 0x02n;
/** QPACK decoder stream type. */
export const STREAM_QPACK_DECODER = 0x03n;
/** Signal value opening a WebTransport bidirectional stream. */
export const WT_BIDI = 0x41n;
/** Stream type of a WebTransport unidirectional stream. */
export const WT_UNI = 0x54n;

const FRAME_HEADERS = 0x01n;
const FRAME_SETTINGS = 0x04n;

/**
 * Encodes a QUIC variable-length integer (RFC 9000 §16).
 *
 * @example
 * ```ts
 * import { encodeVarint } from "./h3-wire.ts";
 * console.assert(encodeVarint(0x41n).join() === "64,65");
 * ```
 */
export function encodeVarint(value: bigint | number): Uint8Array {
  const x = BigInt(value);
  if (x < 0n) throw new RangeError("varint must be non-negative");
  if (x < 64n) return Uint8Array.of(Number(x));
  if (x < 16384n) return Uint8Array.of(0x40 | Number(x >> 8n), Number(x & 0xffn));
  if (x < 1073741824n) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, Number(x) | 0x80000000);
    return out;
  }
  if (x < 4611686018427387904n) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, x | 0xc000000000000000n);
    return out;
  }
  throw new RangeError("varint too large");
}

/**
 * Decodes a varint at `offset`; returns the value and the bytes used, or
 * `undefined` when `bytes` ends first.
 *
 * @example
 * ```ts
 * import { decodeVarint } from "./h3-wire.ts";
 * console.assert(decodeVarint(Uint8Array.of(0x40, 0x41), 0)?.value === 0x41n);
 * ```
 */
export function decodeVarint(
  bytes: Uint8Array,
  offset: number,
): { value: bigint; size: number } | undefined {
  if (offset >= bytes.length) return undefined;
  const size = 1 << (bytes[offset] >> 6);
  if (offset + size > bytes.length) return undefined;
  let value = BigInt(bytes[offset] & 0x3f);
  for (let i = 1; i < size; i++) value = (value << 8n) | BigInt(bytes[offset + i]);
  return { value, size };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function frame(type: bigint, payload: Uint8Array): Uint8Array {
  return concat([encodeVarint(type), encodeVarint(payload.length), payload]);
}

/**
 * The opening bytes of a client control stream: stream type and a SETTINGS
 * frame that enables extended CONNECT, datagrams and WebTransport (both the
 * current and the draft-era setting ids, as Chromium and web-transport-rs send).
 *
 * @example
 * ```ts
 * import { controlStreamPreamble } from "./h3-wire.ts";
 * console.assert(controlStreamPreamble()[0] === 0 && controlStreamPreamble()[1] === 4);
 * ```
 */
export function controlStreamPreamble(): Uint8Array {
  const settings: Array<[bigint, bigint]> = [
    [0x08n, 1n], // SETTINGS_ENABLE_CONNECT_PROTOCOL
    [0x33n, 1n], // SETTINGS_H3_DATAGRAM
    [0xffd277n, 1n], // H3_DATAGRAM (draft, still read by some stacks)
    [0xc671706an, 1n], // SETTINGS_WT_MAX_SESSIONS
    [0x2b603743n, 1n], // WEBTRANSPORT_MAX_SESSIONS (draft)
    [0x2b603742n, 1n], // ENABLE_WEBTRANSPORT (draft)
  ];
  const payload = concat(settings.flatMap(([k, v]) => [encodeVarint(k), encodeVarint(v)]));
  return concat([encodeVarint(STREAM_CONTROL), frame(FRAME_SETTINGS, payload)]);
}

/** QPACK prefixed integer (RFC 9204 §4.1.1). */
function qpackInt(prefixBits: number, flags: number, value: number): number[] {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [flags | value];
  const out = [flags | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest & 127) | 128);
    rest >>= 7;
  }
  out.push(rest);
  return out;
}

const text = new TextEncoder();

function qpackString(prefixBits: number, flags: number, value: string): number[] {
  const bytes = text.encode(value);
  return [...qpackInt(prefixBits, flags, bytes.length), ...bytes];
}

/**
 * A HEADERS frame carrying the WebTransport extended CONNECT request for `url`.
 *
 * @example
 * ```ts
 * import { connectRequest } from "./h3-wire.ts";
 * console.assert(connectRequest(new URL("https://127.0.0.1:4433/geomesh"))[0] === 1);
 * ```
 */
export function connectRequest(url: URL): Uint8Array {
  const block: number[] = [0x00, 0x00]; // required insert count 0, base 0: static only
  block.push(0xc0 | 15); // :method CONNECT (static 15)
  block.push(0xc0 | 23); // :scheme https (static 23)
  block.push(...qpackInt(4, 0x50, 0), ...qpackString(7, 0, url.host)); // :authority
  block.push(...qpackInt(4, 0x50, 1), ...qpackString(7, 0, url.pathname + url.search)); // :path
  block.push(...qpackString(3, 0x20, ":protocol"), ...qpackString(7, 0, "webtransport"));
  block.push(...qpackString(3, 0x20, "origin"), ...qpackString(7, 0, url.origin));
  return frame(FRAME_HEADERS, Uint8Array.from(block));
}

/** QPACK static table entries for `:status` (RFC 9204 Appendix A). */
const STATIC_STATUS: Record<number, string> = {
  24: "103",
  25: "200",
  26: "304",
  27: "404",
  28: "503",
  63: "100",
  64: "204",
  65: "206",
  66: "302",
  67: "400",
  68: "403",
  69: "421",
  70: "425",
  71: "500",
};

function readQpackInt(
  bytes: Uint8Array,
  at: number,
  prefixBits: number,
): { value: number; next: number } {
  const max = (1 << prefixBits) - 1;
  let value = bytes[at] & max;
  let next = at + 1;
  if (value < max) return { value, next };
  let shift = 0;
  for (;;) {
    if (next >= bytes.length || shift > 28) throw new RangeError("bad QPACK integer");
    const b = bytes[next++];
    value += (b & 127) * 2 ** shift;
    shift += 7;
    if ((b & 128) === 0) return { value, next };
  }
}

/**
 * Parses the CONNECT response at the start of `bytes`. Returns the HTTP
 * status once a whole HEADERS frame is there, `undefined` if more bytes are
 * needed. Only the `:status` field is interpreted.
 *
 * @example
 * ```ts
 * import { parseConnectResponse } from "./h3-wire.ts";
 * console.assert(parseConnectResponse(Uint8Array.of(1, 3, 0, 0, 0xd9)) === 200);
 * ```
 */
export function parseConnectResponse(bytes: Uint8Array): number | undefined {
  const type = decodeVarint(bytes, 0);
  if (!type) return undefined;
  const len = decodeVarint(bytes, type.size);
  if (!len) return undefined;
  const start = type.size + len.size;
  const end = start + Number(len.value);
  if (bytes.length < end) return undefined;
  if (type.value !== FRAME_HEADERS) {
    throw new RangeError(`expected HEADERS, got frame ${type.value}`);
  }
  const block = bytes.subarray(start, end);
  let at = readQpackInt(block, 0, 8).next; // required insert count
  at = readQpackInt(block, at, 7).next; // base
  while (at < block.length) {
    const b = block[at];
    if ((b & 0xc0) === 0xc0) {
      const { value, next } = readQpackInt(block, at, 6);
      at = next;
      if (STATIC_STATUS[value]) return Number(STATIC_STATUS[value]);
    } else if ((b & 0xd0) === 0x50) {
      const { value: index, next } = readQpackInt(block, at, 4);
      if (block[next] & 0x80) throw new RangeError("Huffman-coded QPACK value not supported");
      const { value: vlen, next: vstart } = readQpackInt(block, next, 7);
      if (vstart + vlen > block.length) throw new RangeError("truncated QPACK value");
      if (STATIC_STATUS[index]) {
        return Number(new TextDecoder().decode(block.subarray(vstart, vstart + vlen)));
      }
      at = vstart + vlen;
    } else if ((b & 0xe0) === 0x20) {
      if (b & 0x08) throw new RangeError("Huffman-coded QPACK name not supported");
      const { value: nlen, next } = readQpackInt(block, at, 3);
      const name = new TextDecoder().decode(block.subarray(next, next + nlen));
      if (block[next + nlen] & 0x80) {
        throw new RangeError("Huffman-coded QPACK value not supported");
      }
      const { value: vlen, next: vstart } = readQpackInt(block, next + nlen, 7);
      if (vstart + vlen > block.length) throw new RangeError("truncated QPACK value");
      if (name === ":status") {
        return Number(new TextDecoder().decode(block.subarray(vstart, vstart + vlen)));
      }
      at = vstart + vlen;
    } else {
      throw new RangeError("dynamic-table QPACK field in CONNECT response");
    }
  }
  throw new RangeError("CONNECT response without :status");
}

/**
 * Reads one varint from a BYOB reader without consuming anything after it,
 * so the stream can be handed on untouched. `undefined` at end of stream.
 *
 * @example
 * ```ts
 * import { readVarint } from "./h3-wire.ts";
 * const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(Uint8Array.of(5, 9)); c.close(); } });
 * console.assert(await readVarint(s.getReader({ mode: "byob" })) === 5n);
 * ```
 */
export async function readVarint(reader: ReadableStreamBYOBReader): Promise<bigint | undefined> {
  const first = await readExactly(reader, 1);
  if (!first) return undefined;
  const size = 1 << (first[0] >> 6);
  if (size === 1) return BigInt(first[0] & 0x3f);
  const rest = await readExactly(reader, size - 1);
  if (!rest) return undefined;
  const all = new Uint8Array(size);
  all[0] = first[0];
  all.set(rest, 1);
  return decodeVarint(all, 0)!.value;
}

async function readExactly(
  reader: ReadableStreamBYOBReader,
  n: number,
): Promise<Uint8Array | undefined> {
  let buf = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const { value, done } = await reader.read(new Uint8Array(buf.buffer, filled, n - filled));
    if (done || !value) return undefined;
    filled += value.byteLength;
    buf = new Uint8Array(value.buffer, 0, n);
  }
  return buf;
}
