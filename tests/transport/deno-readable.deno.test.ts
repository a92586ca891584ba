/**
 * Deno's HTTP/3 adapter hands out readables a plain default reader can hold
 * open cheaply: a raw QUIC stream is a byte stream whose default reader
 * allocates 64 KiB per `read()` (and a long-lived stream always has one
 * pending, bench W7). Here every stream the adapter gives out (dialled and
 * accepted bidirectional, accepted unidirectional) is read with
 * `getReader()`: small frames arrive in small buffers, bulk data intact in
 * chunks that may be kept, and cancelling reaches the peer.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { denoTransport } from "../../lib/transport/deno.ts";
import type { Listener, TransportSession } from "../../lib/transport/types.ts";

/** Deno's byte streams allocate this much per default read. */
const DENO_AUTO_ALLOCATE = 64 * 1024;

async function first<T>(stream: ReadableStream<T>): Promise<T> {
  const reader = stream.getReader();
  try {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended");
    return value;
  } finally {
    reader.releaseLock();
  }
}

/** A dialled session and the listener's side of it; `stop` closes both and the listener. */
async function pair(): Promise<{
  client: TransportSession;
  server: TransportSession;
  stop: () => Promise<void>;
}> {
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  const listener: Listener = await denoTransport.listen({ certificate: cert });
  let client: TransportSession | undefined;
  try {
    client = await denoTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
      certificateHashes: [cert.pin],
    });
    const server = await first(listener.sessions);
    const c = client;
    return {
      client: c,
      server,
      stop: async () => {
        c.close();
        server.close();
        await listener.close();
      },
    };
  } catch (err) {
    client?.close();
    await listener.close();
    throw err;
  }
}

/** Writes `count` frames of `size` bytes one at a time, each read (default reader) before the next. */
async function pingPong(
  writer: WritableStreamDefaultWriter<Uint8Array>,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  count: number,
  size: number,
): Promise<number[]> {
  const buffers: number[] = [];
  for (let i = 0; i < count; i++) {
    await writer.write(new Uint8Array(size).fill(i));
    let got = 0;
    while (got < size) {
      const { value, done } = await reader.read();
      assert.not.ok(done, "stream ended early");
      assert.ok(value!.every((b) => b === i), "bytes intact");
      got += value!.length;
      buffers.push(value!.buffer.byteLength);
    }
    assert.is(got, size);
  }
  return buffers;
}

test("small frames arrive in small buffers on dialled and accepted bidirectional streams", async () => {
  const { client, server, stop } = await pair();
  try {
    const out = await client.createBidirectionalStream();
    const outWriter = out.writable.getWriter();
    await outWriter.write(new Uint8Array([0xff])); // the peer sees a stream once data flows
    const back = await first(server.incomingBidirectionalStreams);
    const backReader = back.readable.getReader();
    assert.equal([...(await backReader.read()).value!], [0xff]);
    const atServer = await pingPong(outWriter, backReader, 20, 40);
    const atClient = await pingPong(back.writable.getWriter(), out.readable.getReader(), 20, 40);
    console.log(
      `  40-byte frames: buffers at the server ${Math.max(...atServer)} B max, ` +
        `at the client ${
          Math.max(...atClient)
        } B max (a raw QUIC default reader: ${DENO_AUTO_ALLOCATE} B)`,
    );
    for (const size of [...atServer, ...atClient]) {
      assert.ok(size <= 4096, `a 40-byte frame pinned a ${size}-byte buffer`);
    }
  } finally {
    await stop();
  }
});

test("accepted unidirectional streams: small buffers, data and end intact", async () => {
  const { client, server, stop } = await pair();
  try {
    const uni = await client.createUnidirectionalStream();
    const writer = uni.getWriter();
    await writer.write(new TextEncoder().encode("hello"));
    const incoming = await first(server.incomingUnidirectionalStreams);
    const reader = incoming.getReader();
    const { value } = await reader.read();
    assert.is(new TextDecoder().decode(value), "hello");
    console.log(`  uni stream: 5 bytes in a ${value!.buffer.byteLength}-byte buffer`);
    assert.ok(value!.buffer.byteLength <= 4096, `pinned ${value!.buffer.byteLength} bytes`);
    await writer.close();
    assert.ok((await reader.read()).done, "FIN reaches the reader");
  } finally {
    await stop();
  }
});

test("bulk data: intact, in kept chunks that later reads do not overwrite, buffers growing", async () => {
  const { client, server, stop } = await pair();
  try {
    const total = 4 * 1024 * 1024;
    const out = await client.createBidirectionalStream();
    const writer = out.writable.getWriter();
    const writing = (async () => {
      const block = 64 * 1024;
      for (let off = 0; off < total; off += block) {
        const chunk = new Uint8Array(block);
        for (let i = 0; i < block; i++) chunk[i] = (off + i) % 251;
        await writer.write(chunk);
      }
      await writer.close();
    })();
    const incoming = await first(server.incomingBidirectionalStreams);
    const reader = incoming.readable.getReader();
    const kept: Uint8Array[] = [];
    let biggest = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      kept.push(value);
      biggest = Math.max(biggest, value.buffer.byteLength);
    }
    await writing;
    let pos = 0;
    let wrong = 0;
    for (const chunk of kept) {
      for (const b of chunk) if (b !== pos++ % 251) wrong++;
    }
    console.log(`  4 MiB in ${kept.length} chunks, largest buffer ${biggest} B`);
    assert.is(pos, total);
    assert.is(wrong, 0, "kept chunks still hold their bytes");
    assert.ok(biggest > 2048, "the buffer grows under bulk traffic");
  } finally {
    await stop();
  }
});

test("cancelling a readable stops the peer's writes", async () => {
  const { client, server, stop } = await pair();
  try {
    const out = await client.createBidirectionalStream();
    const writer = out.writable.getWriter();
    await writer.write(new Uint8Array([1]));
    const incoming = await first(server.incomingBidirectionalStreams);
    await incoming.readable.cancel("not wanted");
    let failed = false;
    const deadline = Date.now() + 10_000;
    while (!failed && Date.now() < deadline) {
      try {
        await writer.write(new Uint8Array(1024));
        await new Promise((r) => setTimeout(r, 10));
      } catch {
        failed = true;
      }
    }
    assert.ok(failed, "the writer saw STOP_SENDING");
  } finally {
    await stop();
  }
});

test.run();
