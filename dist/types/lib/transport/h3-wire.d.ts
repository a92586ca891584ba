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
export declare const STREAM_CONTROL = 0n;
/** QPACK encoder / decoder stream types (held open, never read). */
export declare const STREAM_QPACK_ENCODER = 2n;
/** QPACK decoder stream type. */
export declare const STREAM_QPACK_DECODER = 3n;
/** Signal value opening a WebTransport bidirectional stream. */
export declare const WT_BIDI = 65n;
/** Stream type of a WebTransport unidirectional stream. */
export declare const WT_UNI = 84n;
/**
 * Encodes a QUIC variable-length integer (RFC 9000 §16).
 *
 * @example
 * ```ts
 * import { encodeVarint } from "./h3-wire.js";
 * console.assert(encodeVarint(0x41n).join() === "64,65");
 * ```
 */
export declare function encodeVarint(value: bigint | number): Uint8Array;
/**
 * Decodes a varint at `offset`; returns the value and the bytes used, or
 * `undefined` when `bytes` ends first.
 *
 * @example
 * ```ts
 * import { decodeVarint } from "./h3-wire.js";
 * console.assert(decodeVarint(Uint8Array.of(0x40, 0x41), 0)?.value === 0x41n);
 * ```
 */
export declare function decodeVarint(bytes: Uint8Array, offset: number): {
    value: bigint;
    size: number;
} | undefined;
/**
 * The opening bytes of a client control stream: stream type and a SETTINGS
 * frame that enables extended CONNECT, datagrams and WebTransport (both the
 * current and the draft-era setting ids, as Chromium and web-transport-rs send).
 *
 * @example
 * ```ts
 * import { controlStreamPreamble } from "./h3-wire.js";
 * console.assert(controlStreamPreamble()[0] === 0 && controlStreamPreamble()[1] === 4);
 * ```
 */
export declare function controlStreamPreamble(): Uint8Array;
/**
 * A HEADERS frame carrying the WebTransport extended CONNECT request for `url`.
 *
 * @example
 * ```ts
 * import { connectRequest } from "./h3-wire.js";
 * console.assert(connectRequest(new URL("https://127.0.0.1:4433/geomesh"))[0] === 1);
 * ```
 */
export declare function connectRequest(url: URL): Uint8Array;
/**
 * Parses the CONNECT response at the start of `bytes`. Returns the HTTP
 * status once a whole HEADERS frame is there, `undefined` if more bytes are
 * needed. Only the `:status` field is interpreted.
 *
 * @example
 * ```ts
 * import { parseConnectResponse } from "./h3-wire.js";
 * console.assert(parseConnectResponse(Uint8Array.of(1, 3, 0, 0, 0xd9)) === 200);
 * ```
 */
export declare function parseConnectResponse(bytes: Uint8Array): number | undefined;
/**
 * Reads one varint from a BYOB reader without consuming anything after it,
 * so the stream can be handed on untouched. `undefined` at end of stream.
 *
 * @example
 * ```ts
 * import { readVarint } from "./h3-wire.js";
 * const s = new ReadableStream({ type: "bytes", start(c) { c.enqueue(Uint8Array.of(5, 9)); c.close(); } });
 * console.assert(await readVarint(s.getReader({ mode: "byob" })) === 5n);
 * ```
 */
export declare function readVarint(reader: ReadableStreamBYOBReader): Promise<bigint | undefined>;
