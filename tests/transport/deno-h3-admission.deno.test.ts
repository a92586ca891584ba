/**
 * Deno HTTP/3 adapter specifics: admission (maxSessions, retryToken), the URL
 * path check, streams retiring (FIN + credit), listener shutdown.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { denoTransport } from "../../lib/transport/deno.ts";
import { generateCertificate } from "../../lib/cert/generate.ts";
import type { H3ListenOptions } from "../../lib/transport/deno.ts";
import type { TransportSession } from "../../lib/transport/types.ts";

const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
const pins = { certificateHashes: [cert.pin] };

async function listen(options: Partial<H3ListenOptions> = {}) {
  const listener = await denoTransport.listen({ certificate: cert, ...options });
  const accepted: TransportSession[] = [];
  (async () => {
    for await (const s of listener.sessions) {
      accepted.push(s);
      (async () => {
        for await (const b of s.incomingBidirectionalStreams) {
          b.readable.pipeTo(b.writable).catch(() => {});
        }
      })().catch(() => {});
    }
  })();
  return { listener, accepted, url: `https://127.0.0.1:${listener.port}/geomesh` };
}

test("beyond maxSessions a dial is refused at once", async () => {
  const { listener, url } = await listen({ maxSessions: 2 });
  const a = await denoTransport.dial(url, pins);
  const b = await denoTransport.dial(url, pins);
  const err = await denoTransport.dial(url, { ...pins, timeoutMs: 3000 }).catch((e) => e);
  assert.is(err.code, "CONNECT_FAILED", err.message);
  a.close();
  await a.closed;
  // The slot frees once the server has seen the close.
  let c: TransportSession | undefined;
  for (let i = 0; i < 20 && !c; i++) {
    c = await denoTransport.dial(url, pins).catch(() => undefined);
    if (!c) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(c, "a slot frees after a session closes");
  b.close();
  c!.close();
  await listener.close();
});

test("with retryToken, connections beyond the limit are ignored (the dialer times out)", async () => {
  const { listener, url } = await listen({ maxSessions: 1, retryToken: true });
  const a = await denoTransport.dial(url, pins);
  const err = await denoTransport.dial(url, { ...pins, timeoutMs: 400, idleTimeoutMs: 1000 }).catch(
    (e) => e,
  );
  assert.is(err.code, "TIMEOUT", err.message);
  a.close();
  await listener.close();
});

test("another path is refused with code 404 (at dial, or right after)", async () => {
  const { listener } = await listen();
  try {
    for (let i = 0; i < 5; i++) {
      // The server answers the CONNECT before it learns the path (Deno's API),
      // then closes: the dial fails if the close overtakes the answer.
      const s = await denoTransport.dial(`https://127.0.0.1:${listener.port}/elsewhere`, pins)
        .catch((e) => e);
      if (s instanceof Error) {
        assert.is((s as { code?: string }).code, "CONNECT_FAILED");
        assert.match(s.message, "404 unknown path /elsewhere");
      } else {
        const info = await s.closed;
        assert.is(info.closeCode, 404);
        assert.match(info.reason, "/elsewhere");
      }
    }
  } finally {
    await listener.close();
  }
});

test("finished streams retire: 300 streams in turn through a limit of 8", async () => {
  const { listener, url } = await listen({ maxIncomingBidirectionalStreams: 8 });
  const s = await denoTransport.dial(url, pins);
  for (let i = 0; i < 300; i++) {
    const b = await s.createBidirectionalStream();
    const w = b.writable.getWriter();
    await w.write(Uint8Array.of(i & 255));
    await w.close();
    const got: number[] = [];
    for await (const chunk of b.readable) got.push(...chunk);
    assert.equal(got, [i & 255]);
  }
  s.close();
  await listener.close();
});

test("closing the listener closes its sessions; an aborted signal closes the listener", async () => {
  const ac = new AbortController();
  const { listener, url, accepted } = await listen({ signal: ac.signal });
  const s = await denoTransport.dial(url, pins);
  while (accepted.length === 0) await new Promise((r) => setTimeout(r, 5));
  ac.abort();
  const info = await s.closed;
  assert.equal(info, { closeCode: 0, reason: "listener closed" });
  await listener.close();
  const err = await denoTransport.dial(url, { ...pins, timeoutMs: 300, idleTimeoutMs: 1000 }).catch(
    (e) => e,
  );
  assert.ok(["TIMEOUT", "CONNECT_FAILED"].includes(err.code), err.message);
});

test("bad arguments are TypeError/RangeError", async () => {
  assert.instance(await denoTransport.dial("http://127.0.0.1:1/x").catch((e) => e), TypeError);
  assert.instance(await denoTransport.dial("not a url").catch((e) => e), TypeError);
  assert.instance(
    await denoTransport.dial("https://127.0.0.1:1/x", { timeoutMs: -1 }).catch((e) => e),
    RangeError,
  );
  assert.instance(
    await denoTransport.listen({ certificate: cert, maxSessions: 0 }).catch((e) => e),
    RangeError,
  );
  const { listener } = await listen();
  const s = await denoTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, pins);
  assert.throws(() => s.close({ closeCode: -1 }), RangeError);
  s.close();
  await listener.close();
});

test.run();
