/**
 * The adaptive chunk reader: byte streams grow and shrink its buffer; other
 * streams pass through. `chunkedReadable` offers it behind a plain default
 * reader (how the Deno adapter hands out its QUIC streams).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { chunkedReadable, chunkReader } from "../../lib/transport/chunk-reader.ts";

/** A byte stream fed by hand: `push` makes bytes available to the next read. */
function byteSource() {
  let controller!: ReadableByteStreamController;
  const stream = new ReadableStream({
    type: "bytes",
    start(c) {
      controller = c;
    },
  });
  return {
    stream,
    push: (n: number) => controller.enqueue(new Uint8Array(n).fill(7)),
    end: () => controller.close(),
  };
}

test("byte streams: small first buffer, doubling while reads fill it, halving when idle", async () => {
  const src = byteSource();
  const reader = chunkReader(src.stream, { minChunk: 1024, maxChunk: 8192 });
  const sizes: number[] = [];
  let total = 0;
  const readOne = async () => {
    const { value } = await reader.read();
    sizes.push(value!.buffer.byteLength);
    total += value!.length;
    assert.ok(value!.every((b) => b === 7), "bytes intact");
  };
  src.push(100_000); // bulk: every read fills its buffer
  for (let i = 0; i < 6; i++) await readOne();
  assert.equal(sizes, [1024, 2048, 4096, 8192, 8192, 8192]);
  while (total < 100_000) await readOne();
  assert.is(total, 100_000);
  sizes.length = 0;
  for (let i = 0; i < 4; i++) {
    src.push(10); // small messages: the buffer shrinks back
    await readOne();
  }
  assert.equal(sizes, [8192, 4096, 2048, 1024]);
  src.end();
  assert.ok((await reader.read()).done);
});

test("chunks are fresh buffers: a kept chunk is not overwritten by the next read", async () => {
  const src = byteSource();
  const reader = chunkReader(src.stream);
  src.push(5);
  const first = (await reader.read()).value!;
  src.push(5);
  const second = (await reader.read()).value!;
  assert.ok(first.buffer !== second.buffer);
  assert.equal([...first], [7, 7, 7, 7, 7]);
});

test("streams that are not byte streams are read as they are", async () => {
  const chunks = [new Uint8Array([1]), new Uint8Array([2, 3])];
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      const next = chunks.shift();
      if (next) c.enqueue(next);
      else c.close();
    },
  });
  const reader = chunkReader(stream);
  assert.equal([...(await reader.read()).value!], [1]);
  assert.equal([...(await reader.read()).value!], [2, 3]);
  assert.ok((await reader.read()).done);
  reader.releaseLock();
});

/**
 * A byte stream like Deno's QUIC streams: a default read gets a 64 KiB buffer
 * that the source fills. Counts pulls, records cancels.
 */
function denoLikeSource() {
  const log = { pulls: 0, cancelled: undefined as unknown };
  let controller!: ReadableByteStreamController;
  const stream = new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 65536,
    start(c) {
      controller = c;
    },
    pull() {
      log.pulls++;
    },
    cancel(reason) {
      log.cancelled = reason;
    },
  });
  return {
    stream,
    log,
    /** Fills the pending read's buffer when there is one, as Deno's streams do. */
    push(bytes: number[]) {
      const request = controller.byobRequest;
      if (!request?.view) return controller.enqueue(new Uint8Array(bytes));
      new Uint8Array(request.view.buffer, request.view.byteOffset).set(bytes);
      request.respond(bytes.length);
    },
    end: () => controller.close(),
    fail: (err: Error) => controller.error(err),
  };
}

test("chunkedReadable: a default reader gets small fresh buffers, bytes and end intact", async () => {
  const plain = denoLikeSource();
  const plainReader = plain.stream.getReader();
  const rawRead = plainReader.read(); // pending, as on a long-lived stream
  plain.push([9]);
  const raw = (await rawRead).value!;
  const source = denoLikeSource();
  const wrapped = chunkedReadable(source.stream).getReader();
  const readA = wrapped.read();
  source.push([1, 2, 3]);
  const a = (await readA).value!;
  const readB = wrapped.read();
  source.push([4]);
  const b = (await readB).value!;
  console.log(
    `  3-byte chunk: ${a.buffer.byteLength}-byte buffer (default reader of the source: ${raw.buffer.byteLength})`,
  );
  assert.ok(a.buffer.byteLength < raw.buffer.byteLength);
  assert.is(a.buffer.byteLength, 2048);
  assert.ok(a.buffer !== b.buffer, "fresh buffer per chunk");
  assert.equal([...a], [1, 2, 3]);
  assert.equal([...b], [4]);
  source.end();
  assert.ok((await wrapped.read()).done);
});

test("chunkedReadable: reads nothing ahead; cancel and errors cross it", async () => {
  const source = denoLikeSource();
  const wrapped = chunkedReadable(source.stream);
  await new Promise((r) => setTimeout(r, 20));
  assert.is(source.log.pulls, 0, "no read before the caller reads");
  const reader = wrapped.getReader();
  const pending = reader.read();
  source.push([5]);
  assert.equal([...(await pending).value!], [5]);
  await new Promise((r) => setTimeout(r, 20));
  assert.is(source.log.pulls, 1, "one pull per caller read, none after it");
  await reader.cancel("done here");
  assert.is(source.log.cancelled, "done here");

  const failing = denoLikeSource();
  const failingReader = chunkedReadable(failing.stream).getReader();
  const read = failingReader.read();
  failing.fail(new Error("reset by peer"));
  const err = await read.then(() => undefined, (e: Error) => e);
  assert.is(err?.message, "reset by peer");
});

test.run();
