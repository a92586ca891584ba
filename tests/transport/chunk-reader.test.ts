/** The adaptive chunk reader: byte streams grow and shrink its buffer; other streams pass through. */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { chunkReader } from "../../lib/transport/chunk-reader.ts";

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

test.run();
