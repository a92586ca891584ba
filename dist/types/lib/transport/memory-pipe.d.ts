/**
 * One direction of an in-memory stream: a `WritableStream` on the sending
 * side, a `ReadableStream` on the receiving side, with byte-counted flow
 * control (a write settles while the bytes in flight plus unread stay below
 * the window), FIN (`close`), RESET (`abort`) and STOP_SENDING (`cancel`).
 * Chunks are copied on write, as a real transport copies into its send buffer.
 *
 * @module
 */
/** How events travel: `forward` toward the reader, `back` toward the writer, both in order. */
export interface PipeLinks {
    forward(run: () => void): void;
    back(run: () => void): void;
}
/** Default per-stream window (bytes in flight plus unread). */
export declare const DEFAULT_WINDOW: number;
/**
 * A unidirectional byte pipe.
 *
 * @example
 * ```ts
 * import { Pipe } from "./memory-pipe.js";
 * const pipe = new Pipe({ forward: queueMicrotask, back: queueMicrotask });
 * const w = pipe.writable.getWriter();
 * await w.write(new Uint8Array([1, 2]));
 * await w.close();
 * const { value } = await pipe.readable.getReader().read();
 * console.assert(value?.length === 2);
 * ```
 */
export declare class Pipe {
    #private;
    readonly readable: ReadableStream<Uint8Array>;
    readonly writable: WritableStream<Uint8Array>;
    /** Called once both halves are finished, so owners can forget the pipe. */
    onSettled?: () => void;
    constructor(links: PipeLinks, window?: number);
    /** The writing end's session ended: further writes reject with `err`. */
    failWriter(err: Error): void;
    /**
     * The reading end's session ended: reads reject with `err` (unread data is
     * lost, as in QUIC). The writer learns when its own session ends.
     */
    failReader(err: Error): void;
}
