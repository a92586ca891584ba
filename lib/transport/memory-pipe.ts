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
export const DEFAULT_WINDOW = 1 << 20;

/**
 * A unidirectional byte pipe.
 *
 * @example
 * ```ts
 * import { Pipe } from "./memory-pipe.ts";
 * const pipe = new Pipe({ forward: queueMicrotask, back: queueMicrotask });
 * const w = pipe.writable.getWriter();
 * await w.write(new Uint8Array([1, 2]));
 * await w.close();
 * const { value } = await pipe.readable.getReader().read();
 * console.assert(value?.length === 2);
 * ```
 */
export class Pipe {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #inFlight = 0;
  #waiters: Array<() => void> = [];
  /** Set once the reader stopped (cancel) or the session died: writes reject with it. */
  #stopped?: Error;
  /** Set once the reading side is finished (closed, errored or cancelled). */
  #readDone = false;
  #writeDone = false;
  /** Called once both halves are finished, so owners can forget the pipe. */
  onSettled?: () => void;

  constructor(links: PipeLinks, window = DEFAULT_WINDOW) {
    this.readable = new ReadableStream<Uint8Array>({
      start: (c) => {
        this.#controller = c;
      },
      pull: () => this.#wake(),
      cancel: (reason) => {
        this.#setReadDone();
        const err = new Error(`stream stopped by the peer`, { cause: reason });
        links.back(() => this.#stop(err));
      },
    }, { highWaterMark: window, size: (chunk) => chunk.byteLength });

    this.writable = new WritableStream<Uint8Array>({
      write: async (chunk) => {
        if (this.#stopped) throw this.#stopped;
        if (!(chunk instanceof Uint8Array)) throw new TypeError("chunks must be Uint8Array");
        const copy = chunk.slice();
        this.#inFlight += copy.byteLength;
        links.forward(() => {
          this.#inFlight -= copy.byteLength;
          if (!this.#readDone) this.#controller.enqueue(copy);
          this.#wake();
        });
        while (!this.#stopped && (this.#controller.desiredSize ?? 0) <= this.#inFlight) {
          await new Promise<void>((r) => this.#waiters.push(r));
        }
        if (this.#stopped) throw this.#stopped;
      },
      close: () => {
        if (this.#stopped) throw this.#stopped;
        this.#setWriteDone();
        links.forward(() => {
          if (this.#readDone) return;
          this.#setReadDone();
          this.#controller.close();
        });
      },
      abort: (reason) => {
        this.#setWriteDone();
        links.forward(() =>
          this.#errorReader(new Error("stream reset by the peer", { cause: reason }))
        );
      },
    });
  }

  #setReadDone(): void {
    this.#readDone = true;
    if (this.#writeDone) this.#settle();
  }

  #setWriteDone(): void {
    this.#writeDone = true;
    if (this.#readDone) this.#settle();
  }

  #settle(): void {
    const done = this.onSettled;
    this.onSettled = undefined;
    done?.();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #stop(err: Error): void {
    this.#stopped ??= err;
    this.#wake();
    this.#setWriteDone();
  }

  #errorReader(err: Error): void {
    if (this.#readDone) return;
    this.#setReadDone();
    this.#controller.error(err);
  }

  /** The writing end's session ended: further writes reject with `err`. */
  failWriter(err: Error): void {
    this.#stop(err);
  }

  /**
   * The reading end's session ended: reads reject with `err` (unread data is
   * lost, as in QUIC). The writer learns when its own session ends.
   */
  failReader(err: Error): void {
    this.#errorReader(err);
  }
}
