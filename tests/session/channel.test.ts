/**
 * MessageChannel on a hand-made stream: order under backpressure, the bound
 * on bytes queued for a stream that does not drain, and typed errors.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { FrameDecoder } from "../../lib/codec/frame.ts";
import { decodeMessage, type WireMessage } from "../../lib/codec/messages.ts";
import { MessageChannel } from "../../lib/session/channel.ts";

/** A stream whose written chunks are kept; with `stall`, no write ever completes. */
function fakeStream(stall = false) {
  const chunks: Uint8Array[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const writable = new WritableStream<Uint8Array>({
    async write(chunk) {
      chunks.push(chunk.slice());
      if (stall) await gate;
    },
  });
  const readable = new ReadableStream<Uint8Array>({ start() {} });
  return { stream: { readable, writable }, chunks, release };
}

function frames(chunks: Uint8Array[]): WireMessage[] {
  const decoder = new FrameDecoder({ maxFrameSize: 1 << 20 });
  return chunks.flatMap((c) => decoder.push(c)).map((f) => decodeMessage(f));
}

const msg = (i: number, size = 55): WireMessage => ({
  type: "message",
  payload: new Uint8Array(size).fill(i),
});

test("messages keep their order when sends wait for the stream to drain", async () => {
  const { stream, chunks } = fakeStream();
  const channel = new MessageChannel(stream, { maxMessageSize: 4096, highWaterMark: 100 });
  const sends = [];
  for (let i = 0; i < 10; i++) sends.push(channel.send(msg(i)));
  // A send issued from another microtask while the first ten wait must not overtake them.
  sends.push(Promise.resolve().then(() => channel.send(msg(10))));
  await Promise.all(sends);
  await channel.drain();
  const order = frames(chunks).map((m) => (m as { payload: Uint8Array }).payload[0]);
  assert.equal(order, Array.from({ length: 11 }, (_, i) => i));
  assert.ok(chunks.length > 1, "the high-water mark split the writes");
  channel.close();
});

test("bytes queued for a stream that never drains are bounded: OVERLOADED, channel intact", async () => {
  const { stream, release } = fakeStream(true);
  const channel = new MessageChannel(stream, {
    maxMessageSize: 4096,
    highWaterMark: 2000,
    maxQueuedBytes: 20_000,
  });
  const outcomes: Array<string> = [];
  for (let i = 0; i < 100; i++) {
    channel.send(msg(i, 1000)).then(() => outcomes.push("sent"), (e) => outcomes.push(e.code));
  }
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(outcomes.includes("OVERLOADED"), outcomes.join(","));
  assert.not.ok(channel.isClosed, "the channel survives");
  assert.ok(channel.queuedBytes <= 20_000, String(channel.queuedBytes));
  release();
  channel.close();
});

test("a message that cannot be encoded or is too large rejects only its own send", async () => {
  const { stream, chunks } = fakeStream();
  const channel = new MessageChannel(stream, { maxMessageSize: 4096 });
  const bad = channel.send({ type: "message", payload: new Date() } as never).then(
    () => "sent",
    (e) => e.name,
  );
  const big = channel.send(msg(1, 5000)).then(() => "sent", (e) => e.code);
  await channel.send(msg(2));
  assert.is(await bad, "TypeError");
  assert.is(await big, "MESSAGE_TOO_LARGE");
  assert.equal(frames(chunks).length, 1);
  channel.close();
});

test.run();
