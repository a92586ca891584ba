/**
 * A small async queue of received messages, used while the handshake runs
 * (before the node's dispatcher takes over the channel).
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";

/**
 * Buffers pushed messages and hands them out with `next()`.
 *
 * @example
 * ```ts
 * import { Inbox } from "./inbox.ts";
 * const inbox = new Inbox();
 * inbox.push({ type: "ping", seq: 1 });
 * console.assert((await inbox.next()).type === "ping");
 * ```
 */
export class Inbox {
  #items: WireMessage[] = [];
  #waiters: Array<{ resolve: (m: WireMessage) => void; reject: (e: Error) => void }> = [];
  #error: Error | null = null;

  /** Adds a message, waking one waiter. */
  push(msg: WireMessage): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(msg);
    else this.#items.push(msg);
  }

  /** Next message; rejects once the inbox failed and is empty. */
  next(): Promise<WireMessage> {
    const item = this.#items.shift();
    if (item) return Promise.resolve(item);
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Rejects current and future waiters with `err`. */
  fail(err: Error): void {
    this.#error ??= err;
    for (const w of this.#waiters.splice(0)) w.reject(err);
  }

  /** Removes and returns what is buffered. */
  drain(): WireMessage[] {
    return this.#items.splice(0);
  }
}
