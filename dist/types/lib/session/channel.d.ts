import { type WireMessage } from "../codec/messages.js";
import type { BidirectionalStream } from "../transport/types.js";
import type { NodeMetrics } from "../metrics.js";
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
export declare class MessageChannel {
    #private;
    /** Settles with the error that ended the channel, or null for a local close. Never rejects. */
    readonly closed: Promise<Error | null>;
    constructor(stream: BidirectionalStream, options: MessageChannelOptions);
    /** Lowers the largest message sent to what the peer accepts. */
    setSendLimit(bytes: number): void;
    /** Starts the read loop; `onMessage` runs synchronously for each message in order. */
    start(onMessage: (msg: WireMessage) => void): void;
    /** Bytes encoded and not yet handed to the stream. */
    get queuedBytes(): number;
    /** True while more than the high-water mark is queued: fire-and-forget senders should hold off. */
    get backlogged(): boolean;
    /**
     * Queues a message; messages queued in the same tick (or while the previous
     * write is in flight) go out as one stream write. Resolves once the write
     * carrying it is handed to the stream; rejects with `MessageTooLargeError`
     * (nothing sent), `TypeError` (not a valid message), `OverloadedError`
     * (over `maxQueuedBytes`, nothing sent) or `SessionClosedError`.
     */
    send(msg: WireMessage): Promise<void>;
    /** Queues an already encoded message body (e.g. a broadcast being forwarded). */
    sendEncoded(body: Uint8Array): Promise<void>;
    /** Stops the channel; queued messages are dropped (their sends reject). */
    close(reason?: string): void;
    /** Resolves once every queued message has been handed to the stream. */
    drain(): Promise<void>;
    /** Whether the channel has failed or was closed. */
    get isClosed(): boolean;
}
