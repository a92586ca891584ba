import { ByteWriter } from "./writer.js";
/** Default frame size limit: 1 MiB, the default `maxMessageSize`. */
export declare const DEFAULT_MAX_FRAME_SIZE: number;
/** Options shared by the frame encoders and the decoder. */
export interface FrameOptions {
    /** Largest body in bytes (default 1 MiB, at most 2^53-1). */
    maxFrameSize?: number;
}
/**
 * Frames one body: `varint(length) || body`.
 *
 * @throws {MessageTooLargeError} when the body exceeds `maxFrameSize`.
 *
 * @example
 * ```ts
 * import { encodeFrame } from "./frame.js";
 * const frame = encodeFrame(new Uint8Array(200));
 * console.assert(frame.length === 202 && frame[0] === 0xc8 && frame[1] === 0x01);
 * ```
 */
export declare function encodeFrame(body: Uint8Array, options?: FrameOptions): Uint8Array;
/**
 * Frames many bodies into one buffer (one allocation, one stream write).
 *
 * @throws {MessageTooLargeError} when a body exceeds `maxFrameSize`.
 *
 * @example
 * ```ts
 * import { FrameDecoder, writeFrames } from "./frame.js";
 * const bytes = writeFrames([new Uint8Array([1]), new Uint8Array([2, 3])]);
 * console.assert(bytes.length === 5);
 * console.assert(new FrameDecoder().push(bytes).length === 2);
 * ```
 */
export declare function writeFrames(bodies: readonly Uint8Array[], options?: FrameOptions): Uint8Array;
/**
 * Coalesces frames into one growing buffer; {@linkcode FrameEncoder.flush} hands
 * out everything written so far as one `Uint8Array` for a single stream write.
 * {@linkcode FrameEncoder.addEncoded} encodes a body (e.g. a message with
 * `writeMessage`) directly in place, so a batch of messages costs no allocation
 * but the flushed buffer.
 *
 * @example
 * ```ts
 * import { FrameDecoder, FrameEncoder } from "./frame.js";
 * import { decodeMessage, writeMessage } from "./messages.js";
 * const enc = new FrameEncoder();
 * enc.add(new Uint8Array([1, 2, 3]));
 * enc.addEncoded(writeMessage, { type: "ping", seq: 9 });
 * const frames = new FrameDecoder().push(enc.flush());
 * console.assert(frames.length === 2 && decodeMessage(frames[1]).type === "ping");
 * ```
 */
export declare class FrameEncoder {
    #private;
    constructor(options?: FrameOptions & {
        initialSize?: number;
    });
    /** Bytes waiting to be flushed. */
    get byteLength(): number;
    /** Frames waiting to be flushed. */
    get frameCount(): number;
    /** Appends one frame holding a copy of `body`. */
    add(body: Uint8Array): void;
    /**
     * Appends one frame whose body `write(writer, value)` produces in place.
     * If `write` throws, or the body exceeds `maxFrameSize` (or the smaller
     * per-call `maxSize`, e.g. the peer's limit), nothing is appended.
     * Returns the body length.
     */
    addEncoded<T>(write: (w: ByteWriter, value: T) => void, value: T, maxSize?: number): number;
    /**
     * Returns all pending frames as one buffer and starts over. A well-filled
     * buffer is handed out as it is and replaced by a fresh one (bulk traffic:
     * no copy of every byte); a mostly empty one is copied out instead, so a
     * small flush never costs an allocation of the whole capacity.
     */
    flush(): Uint8Array;
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
 * import { encodeFrame, FrameDecoder } from "./frame.js";
 * import { MessageTooLargeError } from "../errors.js";
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
export declare class FrameDecoder {
    #private;
    constructor(options?: FrameOptions);
    /** Bytes held for an incomplete frame (prefix bytes plus buffered body bytes). */
    get buffered(): number;
    /** The size of the buffer allocated for the frame being assembled (0 if none). */
    get pendingFrameSize(): number;
    /** Whether an earlier error made this decoder unusable. */
    get failed(): boolean;
    /**
     * Consumes `chunk` and returns the frames it completes (possibly none).
     *
     * @throws {MessageTooLargeError} a declared length exceeds `maxFrameSize`.
     * @throws {DecodeError} a malformed length prefix, or the decoder already failed.
     */
    push(chunk: Uint8Array): Uint8Array[];
    /**
     * Declares the end of the stream.
     *
     * @throws {DecodeError} the stream ended inside a frame (truncated).
     */
    finish(): void;
}
