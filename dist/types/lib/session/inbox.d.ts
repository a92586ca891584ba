/**
 * A small async queue of received messages, used while the handshake runs
 * (before the node's dispatcher takes over the channel).
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.js";
/**
 * Buffers pushed messages and hands them out with `next()`.
 *
 * @example
 * ```ts
 * import { Inbox } from "./inbox.js";
 * const inbox = new Inbox();
 * inbox.push({ type: "ping", seq: 1 });
 * console.assert((await inbox.next()).type === "ping");
 * ```
 */
export declare class Inbox {
    #private;
    /** Adds a message, waking one waiter. */
    push(msg: WireMessage): void;
    /** Next message; rejects once the inbox failed and is empty. */
    next(): Promise<WireMessage>;
    /** Rejects current and future waiters with `err`. */
    fail(err: Error): void;
    /** Removes and returns what is buffered. */
    drain(): WireMessage[];
}
