/**
 * A framed message channel over one long-lived bidirectional stream: varint
 * length-prefixed CBOR messages both ways, many small messages coalesced into
 * one write, and no reliance on end-of-stream (Deno does not deliver FIN
 * reliably, see DESIGN.md).
 *
 * @module
 */
import { FrameDecoder, FrameEncoder } from "../codec/frame.ts";
import { decodeMessage, encodeMessage, type WireMessage, writeMessage } from "../codec/messages.ts";
import {
  GeomeshError,
  MessageTooLargeError,
  OverloadedError,
  SessionClosedError,
} from "../errors.ts";
import type { BidirectionalStream } from "../transport/types.ts";
import type { NodeMetrics } from "../metrics.ts";

/** Options for {@linkcode MessageChannel}. */
export interface MessageChannelOptions {
  /** Largest frame body accepted or sent. */
  maxMessageSize: number;
  /** Counters to update (optional). */
  metrics?: NodeMetrics;
  /** Bytes queued before `send` waits for the stream to drain. Default 4 MiB. */
  highWaterMark?: number;
  /**
   * Most bytes queued at once (encoded, not yet handed to the stream); a send
   * beyond it rejects with `OverloadedError`. Bounds the memory a peer that
   * stops reading can pin. Default: the larger of 64 MiB and 4 messages.
   */
  maxQueuedBytes?: number;
}

function tooLarge(size: number, max: number): MessageTooLargeError {
  return new MessageTooLargeError(`message of ${size} bytes exceeds the limit of ${max} bytes`);
}

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function newBatch(): Batch {
  let resolve!: () => void, reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits must not raise an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** A message encoded while the queue was over the high-water mark, waiting its turn. */
interface Waiting {
  body: Uint8Array;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Sends and receives {@linkcode WireMessage}s on a bidirectional stream.
 * Messages are handed to `onMessage` in order; the first malformed frame ends
 * the channel with a typed error through `closed` (a length-prefixed stream
 * cannot resynchronise after a bad frame). Sent messages go out in the order
 * of the `send` calls, also while senders wait for the stream to drain.
 *
 * @example
 * ```ts ignore
 * // Not run: needs a transport stream; tests/session/channel.test.ts drives one.
 * const channel = new MessageChannel(stream, { maxMessageSize: 1 << 20 });
 * channel.start((msg) => console.log(msg.type));
 * await channel.send({ type: "ping", seq: 1 });
 * ```
 */
export class MessageChannel {
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #readable: ReadableStream<Uint8Array>;
  readonly #maxMessageSize: number;
  readonly #highWaterMark: number;
  readonly #maxQueued: number;
  readonly #metrics?: NodeMetrics;
  readonly #encoder: FrameEncoder;
  /** Largest body the peer accepts (learned in the hello); never above our own limit. */
  #sendLimit: number;
  #batch: Batch | null = null;
  #flushing = false;
  /** FIFO of messages encoded while over the high-water mark. */
  #waiting: Waiting[] = [];
  #waitingBytes = 0;
  #error: Error | null = null;
  #closedResolve!: (err: Error | null) => void;
  /** Settles with the error that ended the channel, or null for a local close. Never rejects. */
  readonly closed: Promise<Error | null>;

  constructor(stream: BidirectionalStream, options: MessageChannelOptions) {
    this.#writer = stream.writable.getWriter();
    this.#readable = stream.readable;
    this.#maxMessageSize = options.maxMessageSize;
    this.#highWaterMark = options.highWaterMark ?? 4 << 20;
    this.#maxQueued = options.maxQueuedBytes ??
      Math.max(64 << 20, 4 * options.maxMessageSize + this.#highWaterMark);
    this.#metrics = options.metrics;
    this.#encoder = new FrameEncoder({ maxFrameSize: options.maxMessageSize });
    this.#sendLimit = options.maxMessageSize;
    this.closed = new Promise((resolve) => (this.#closedResolve = resolve));
    this.#writer.closed.catch((err) =>
      this.#fail(new SessionClosedError("stream closed", { cause: err }))
    );
  }

  /** Lowers the largest message sent to what the peer accepts. */
  setSendLimit(bytes: number): void {
    this.#sendLimit = Math.min(bytes, this.#maxMessageSize);
  }

  /** Starts the read loop; `onMessage` runs synchronously for each message in order. */
  start(onMessage: (msg: WireMessage) => void): void {
    this.#readLoop(onMessage);
  }

  /** Bytes encoded and not yet handed to the stream. */
  get queuedBytes(): number {
    return this.#encoder.byteLength + this.#waitingBytes;
  }

  /** True while more than the high-water mark is queued: fire-and-forget senders should hold off. */
  get backlogged(): boolean {
    return this.queuedBytes > this.#highWaterMark;
  }

  /**
   * Queues a message; messages queued in the same tick (or while the previous
   * write is in flight) go out as one stream write. Resolves once the write
   * carrying it is handed to the stream; rejects with `MessageTooLargeError`
   * (nothing sent), `TypeError` (not a valid message), `OverloadedError`
   * (over `maxQueuedBytes`, nothing sent) or `SessionClosedError`.
   */
  send(msg: WireMessage): Promise<void> {
    return this.#enqueue(msg, null);
  }

  /** Queues an already encoded message body (e.g. a broadcast being forwarded). */
  sendEncoded(body: Uint8Array): Promise<void> {
    return this.#enqueue(null, body);
  }

  #enqueue(msg: WireMessage | null, body: Uint8Array | null): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    try {
      if (this.#waiting.length || this.#encoder.byteLength > this.#highWaterMark) {
        // Over the high-water mark: encode now (so the size is known and the order fixed)
        // and wait in FIFO order until a flush admits it.
        const bytes = body ?? encodeMessage(msg!);
        if (bytes.length > this.#sendLimit) throw tooLarge(bytes.length, this.#sendLimit);
        if (this.queuedBytes + bytes.length > this.#maxQueued) {
          throw new OverloadedError(
            `${this.queuedBytes} bytes already queued for a stream that is not draining`,
          );
        }
        this.#waitingBytes += bytes.length;
        return new Promise<void>((resolve, reject) =>
          this.#waiting.push({ body: bytes, resolve, reject })
        );
      }
      if (body) {
        if (body.length > this.#sendLimit) throw tooLarge(body.length, this.#sendLimit);
        this.#encoder.add(body);
      } else this.#encoder.addEncoded(writeMessage, msg!, this.#sendLimit);
    } catch (err) {
      return Promise.reject(err);
    }
    const batch = this.#batch ??= newBatch();
    this.#schedule();
    return batch.promise;
  }

  #schedule(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    queueMicrotask(() => this.#flush());
  }

  /** Moves waiting messages, oldest first, into the encoder up to the high-water mark. */
  #admitWaiting(): void {
    while (this.#waiting.length && this.#encoder.byteLength <= this.#highWaterMark) {
      const item = this.#waiting.shift()!;
      this.#waitingBytes -= item.body.length;
      this.#encoder.add(item.body);
      (this.#batch ??= newBatch()).promise.then(item.resolve, item.reject);
    }
  }

  async #flush(): Promise<void> {
    const metrics = this.#metrics;
    try {
      while (this.#encoder.frameCount && !this.#error) {
        // Everything queued so far is one batch; what arrives meanwhile forms the next.
        const batch = this.#batch!;
        this.#batch = null;
        const chunk = this.#encoder.flush();
        // Synchronously, so no send issued meanwhile can overtake a waiting one.
        this.#admitWaiting();
        if (metrics) {
          metrics.writes++;
          metrics.bytesSent += chunk.length;
        }
        try {
          await this.#writer.ready;
          await this.#writer.write(chunk);
          batch.resolve();
        } catch (err) {
          batch.reject(err);
          throw err;
        }
      }
    } catch (err) {
      this.#fail(new SessionClosedError("write failed: stream closed", { cause: err }));
    } finally {
      this.#flushing = false;
      if (this.#encoder.frameCount && !this.#error) this.#schedule();
    }
  }

  async #readLoop(onMessage: (msg: WireMessage) => void): Promise<void> {
    const decoder = new FrameDecoder({ maxFrameSize: this.#maxMessageSize });
    const reader = this.#readable.getReader();
    const metrics = this.#metrics;
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) throw new SessionClosedError("peer ended the stream");
        if (!value.length) continue;
        if (metrics) metrics.bytesReceived += value.length;
        for (const frame of decoder.push(value)) {
          // Byte strings are views into the chunk just read (each read yields a fresh
          // chunk, so nothing is overwritten): no copy per payload (W4: +46%).
          onMessage(decodeMessage(frame, { maxBytes: this.#maxMessageSize, copyBytes: false }));
          if (this.#error) return;
        }
      }
    } catch (err) {
      // Typed errors (bad frame, too large, peer ended) pass through; anything else is the
      // transport failing under us.
      this.#fail(
        err instanceof GeomeshError
          ? err
          : new SessionClosedError("stream read failed", { cause: err }),
      );
    } finally {
      reader.releaseLock?.();
    }
  }

  #fail(err: Error): void {
    if (this.#error) return;
    this.#error = err;
    this.#batch?.reject(err);
    this.#batch = null;
    this.#encoder.flush();
    for (const w of this.#waiting.splice(0)) w.reject(err);
    this.#waitingBytes = 0;
    this.#closedResolve(err);
  }

  /** Stops the channel; queued messages are dropped (their sends reject). */
  close(reason = "channel closed"): void {
    if (this.#error) return;
    this.#fail(new SessionClosedError(reason));
    this.#writer.abort?.(reason).catch(() => {});
    this.#readable.cancel?.(reason).catch(() => {});
  }

  /** Resolves once every queued message has been handed to the stream. */
  async drain(): Promise<void> {
    while ((this.#encoder.frameCount || this.#flushing || this.#waiting.length) && !this.#error) {
      await (this.#batch?.promise ?? new Promise((r) => setTimeout(r, 1)));
    }
  }

  /** Whether the channel has failed or was closed. */
  get isClosed(): boolean {
    return this.#error !== null;
  }
}
