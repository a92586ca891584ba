/**
 * A long-lived `fails` session keeps nothing per read or write: every stream
 * operation races the end of the session, and that race once hung a reaction
 * (holding the chunk read) on one promise that settles only when the session
 * ends. The soak's live heap grew ~0.6 MiB/min on every node that had a
 * long-lived HTTP/2 session (all of Bun's; Deno's to Bun). Here chunks read
 * through the adapter must be collectable while the session stays open.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import v8 from "node:v8";
import vm from "node:vm";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { failsTransport } from "../../lib/transport/fails.ts";
import type { TransportSession } from "../../lib/transport/types.ts";

const CHUNKS = 400;
const TRACKED = 200;

/** A full collection: `Bun.gc(true)`, or V8's `gc` exposed at run time. */
function collector(): () => void {
  const bun = (globalThis as { Bun?: { gc(sync: boolean): void } }).Bun;
  if (bun) return () => bun.gc(true);
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

test("chunks read on a long-lived fails session are not kept by the session", async () => {
  const gc = collector();
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  const listener = await failsTransport.listen({ certificate: cert, maxSessions: 4 });
  let client: TransportSession | undefined;
  let server: TransportSession | undefined;
  try {
    const accepted = listener.sessions.getReader().read();
    client = await failsTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
      certificateHashes: [cert.pin],
    });
    const stream = await client.createBidirectionalStream();
    const writer = stream.writable.getWriter();
    await writer.write(new Uint8Array([0])); // the stream reaches the server with data
    server = (await accepted).value!;
    const incoming = (await server.incomingBidirectionalStreams.getReader().read()).value!;
    const reader = incoming.readable.getReader();

    // Each write goes out alone (its own read on the other side, mostly).
    const refs: WeakRef<Uint8Array>[] = [];
    let bytes = 0, reads = 0;
    const want = 1 + CHUNKS * 64;
    const reading = (async () => {
      while (bytes < want) {
        const { value, done } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (++reads % 2 === 0 && refs.length < TRACKED) refs.push(new WeakRef(value));
      }
    })();
    for (let i = 0; i < CHUNKS; i++) {
      await writer.write(new Uint8Array(64).fill(i & 0xff));
      await new Promise((r) => setTimeout(r, 0));
    }
    await reading;
    assert.is(bytes, want, "every byte arrived");
    assert.ok(refs.length >= 20, `enough reads tracked (${reads} reads, ${refs.length} tracked)`);

    // The session and both streams stay open: only the chunks' own references are gone.
    await new Promise((r) => setTimeout(r, 10));
    gc();
    await new Promise((r) => setTimeout(r, 10));
    gc();
    const kept = refs.filter((r) => r.deref() !== undefined).length;
    console.log(
      `fails race: ${reads} reads on one open session, ${kept} of ${refs.length} tracked chunks still reachable after GC`,
    );
    // Before the fix every chunk stayed reachable (kept = tracked). A
    // conservative stack scan (Bun) may pin a stray one or two.
    assert.ok(kept <= refs.length / 4, `${kept} of ${refs.length} chunks kept by the session`);
    writer.releaseLock();
    reader.releaseLock();
  } finally {
    client?.close();
    server?.close();
    await listener.close();
  }
});

test.run();
