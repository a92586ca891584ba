/**
 * Reads a byte stream in chunks sized to the traffic. Deno's QUIC streams are
 * byte streams that allocate 64 KiB for every `read()` of a default reader,
 * and a long-lived stream always has one read pending: 64 KiB held per idle
 * session and side (bench W7), and any small frame kept as a view pins the
 * whole 64 KiB. A BYOB reader with an adaptive buffer starts small, doubles
 * while reads fill it (bulk transfer), and halves while they use a quarter
 * or less (idle or request/response traffic).
 *
 * Every read gets a fresh buffer, so returned chunks may be kept as views.
 * Streams that are not byte streams are read as they are.
 *
 * Only the Deno adapter needs this (its streams are handed out through
 * {@linkcode chunkedReadable}, so callers use plain default readers, as the
 * transport contract says).
 *
 * @module
 */
/** Options of {@linkcode chunkReader} and {@linkcode chunkedReadable}. */
export interface ChunkReaderOptions {
    /** Smallest (and first) buffer. Default 2 KiB. */
    minChunk?: number;
    /** Largest buffer. Default 256 KiB. */
    maxChunk?: number;
}
/** The reading half of a reader (what {@linkcode chunkReader} returns). */
export interface ChunkReader {
    read(): Promise<ReadableStreamReadResult<Uint8Array>>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
}
/**
 * A reader for `readable`: adaptive BYOB reads when it is a byte stream, else
 * its default reader.
 *
 * @example
 * ```ts
 * import { chunkReader } from "./chunk-reader.js";
 * const stream = new ReadableStream({
 *   type: "bytes",
 *   start(c) {
 *     c.enqueue(new Uint8Array([1, 2, 3]));
 *     c.close();
 *   },
 * });
 * const reader = chunkReader(stream);
 * const { value } = await reader.read();
 * console.assert(value!.length === 3 && value!.buffer.byteLength === 2048);
 * ```
 */
export declare function chunkReader(readable: ReadableStream<Uint8Array>, options?: ChunkReaderOptions): ChunkReader;
/**
 * `source` as a plain stream whose default reader reads it through
 * {@linkcode chunkReader}: each `read()` holds only a buffer sized to the
 * traffic (2 KiB while idle), never 64 KiB, and every chunk is a fresh buffer.
 * Nothing is read ahead (high-water mark 0): a read reaches `source` only
 * while one is pending on the result, so back-pressure is unchanged.
 * Cancelling the result cancels `source`; an error of `source` errors it.
 *
 * @example
 * ```ts
 * import { chunkedReadable } from "./chunk-reader.js";
 * const source = new ReadableStream({
 *   type: "bytes",
 *   autoAllocateChunkSize: 65536,
 *   start(c) {
 *     c.enqueue(new Uint8Array([1, 2, 3]));
 *     c.close();
 *   },
 * });
 * const { value } = await chunkedReadable(source).getReader().read();
 * console.assert(value!.length === 3 && value!.buffer.byteLength === 2048);
 * ```
 */
export declare function chunkedReadable(source: ReadableStream<Uint8Array>, options?: ChunkReaderOptions): ReadableStream<Uint8Array>;
