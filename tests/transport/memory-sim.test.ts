/**
 * Memory transport features beyond the conformance suite: seeded loss,
 * latency and jitter with ordered streams, partitions, vanishing on either
 * side, admission, flow control, and 10,000 nodes.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createMemoryNetwork, type MemoryNetwork } from "../../lib/transport/memory.ts";
import type { Listener, TransportSession } from "../../lib/transport/types.ts";

const NO_CERT = { certPem: "", keyPem: "" };

async function pair(net: MemoryNetwork, server = "s", client = "c") {
  const listener = await net.transport(server).listen({ certificate: NO_CERT });
  const accepted = listener.sessions.getReader().read().then((r) => r.value!);
  const dialed = await net.transport(client).dial(`memory://${server}/geomesh`);
  return { listener, dialed, accepted: await accepted };
}

async function datagramRun(seed: number): Promise<number[]> {
  const net = createMemoryNetwork({ seed, loss: 0.3 });
  const { listener, dialed, accepted } = await pair(net);
  const w = dialed.datagrams.writable.getWriter();
  for (let i = 0; i < 200; i++) await w.write(Uint8Array.of(i));
  const got: number[] = [];
  const r = accepted.datagrams.readable.getReader();
  await new Promise((resolve) => setTimeout(resolve, 10));
  dialed.close();
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    got.push(value[0]);
  }
  await listener.close();
  return got;
}

test("datagram loss is seeded and reproducible", async () => {
  const a = await datagramRun(42);
  const b = await datagramRun(42);
  const c = await datagramRun(43);
  assert.equal(a, b);
  assert.ok(a.length > 100 && a.length < 180, `${a.length} of 200 arrived at 30% loss`);
  assert.not.equal(a, c);
});

test("latency delays delivery; jitter never reorders a stream", async () => {
  const net = createMemoryNetwork({ seed: 5, latencyMs: 15, jitterMs: 10 });
  const started = performance.now();
  const { listener, dialed, accepted } = await pair(net);
  assert.ok(performance.now() - started >= 30, "a dial takes a round trip");
  const s = await dialed.createBidirectionalStream();
  const w = s.writable.getWriter();
  for (let i = 0; i < 100; i++) await w.write(Uint8Array.of(i));
  await w.close();
  const incoming = (await accepted.incomingBidirectionalStreams.getReader().read()).value!;
  const seen: number[] = [];
  for await (const chunk of incoming.readable) seen.push(...chunk);
  assert.equal(seen, Array.from({ length: 100 }, (_, i) => i));
  dialed.close();
  await listener.close();
});

test("a partition holds stream data, drops datagrams and handshakes; heal delivers in order", async () => {
  const net = createMemoryNetwork();
  const { listener, dialed, accepted } = await pair(net);
  const s = await dialed.createBidirectionalStream();
  const w = s.writable.getWriter();
  await w.write(Uint8Array.of(1));
  const incoming = (await accepted.incomingBidirectionalStreams.getReader().read()).value!;
  const reader = incoming.readable.getReader();
  assert.equal((await reader.read()).value, Uint8Array.of(1));
  net.block("c", "s");
  assert.ok(net.isBlocked("s", "c"));
  await w.write(Uint8Array.of(2));
  await w.write(Uint8Array.of(3));
  await dialed.datagrams.writable.getWriter().write(Uint8Array.of(9));
  const blockedDial = await net.transport("c").dial("memory://s/geomesh", { timeoutMs: 50 })
    .then(() => undefined, (e) => e);
  assert.is(blockedDial?.code, "TIMEOUT");
  assert.ok(net.stats.held >= 2 && net.stats.datagramsLost === 1);
  net.heal();
  assert.equal((await reader.read()).value, Uint8Array.of(2));
  assert.equal((await reader.read()).value, Uint8Array.of(3));
  dialed.close();
  await listener.close();
});

test("a vanished server: the client's reads, writes and closed report errors", async () => {
  const net = createMemoryNetwork({ vanishDetectMs: 20 });
  const { listener, dialed } = await pair(net);
  const s = await dialed.createBidirectionalStream();
  const read = s.readable.getReader().read().then(() => "data", (e) => e.code);
  net.vanish("s");
  const info = await dialed.closed;
  assert.ok(info.error instanceof Error);
  assert.is(await read, "SESSION_CLOSED");
  const write = await s.writable.getWriter().write(Uint8Array.of(1)).then(
    () => "ok",
    (e) => e.code,
  );
  assert.is(write, "SESSION_CLOSED");
  const redial = await net.transport("c").dial("memory://s/geomesh", { timeoutMs: 50 })
    .then(() => "ok", (e) => e.code);
  assert.is(redial, "TIMEOUT", "a dead endpoint does not answer");
  await listener.close();
});

test("a vanished client: the server session ends with an error", async () => {
  const net = createMemoryNetwork();
  const { listener, accepted } = await pair(net);
  net.vanish("c");
  const info = await accepted.closed;
  assert.is(info.closeCode, 0);
  assert.ok(info.error instanceof Error);
  await listener.close();
});

test("admission: refuse beyond maxSessions, or ignore with retryToken", async () => {
  const net = createMemoryNetwork();
  const refusing = await net.transport("r").listen({ certificate: NO_CERT, maxSessions: 1 });
  const ignoring = await net.transport("i").listen({
    certificate: NO_CERT,
    maxSessions: 1,
    retryToken: true,
  });
  const c = net.transport("c");
  const first = [await c.dial("memory://r/geomesh"), await c.dial("memory://i/geomesh")];
  assert.is(await c.dial("memory://r/geomesh").then(() => "ok", (e) => e.code), "CONNECT_FAILED");
  const ignored = await c.dial("memory://i/geomesh", { timeoutMs: 50 }).then(
    () => "ok",
    (e) => e.code,
  );
  assert.is(ignored, "TIMEOUT");
  first[0].close();
  await first[0].closed;
  await new Promise((r) => setTimeout(r, 0));
  const again = await c.dial("memory://r/geomesh");
  assert.is(again.protocol, "memory");
  for (const s of [...first, again]) s.close();
  await refusing.close();
  await ignoring.close();
});

test("wrong path and nothing listening fail with ConnectError; bad URLs with TypeError", async () => {
  const net = createMemoryNetwork();
  const l = await net.transport("s").listen({ certificate: NO_CERT });
  const c = net.transport("c");
  assert.is(await c.dial("memory://s/other").then(() => "ok", (e) => e.code), "CONNECT_FAILED");
  assert.is(
    await c.dial("memory://nobody/geomesh").then(() => "ok", (e) => e.code),
    "CONNECT_FAILED",
  );
  assert.instance(await c.dial("https://x/geomesh").catch((e) => e), TypeError);
  assert.instance(await c.dial("nonsense").catch((e) => e), TypeError);
  await l.close();
});

test("flow control: an unread stream holds the writer at the window", async () => {
  const net = createMemoryNetwork({ streamWindow: 64 * 1024 });
  const { listener, dialed, accepted } = await pair(net);
  const s = await dialed.createUnidirectionalStream();
  const w = s.getWriter();
  let written = 0;
  const writing = (async () => {
    for (let i = 0; i < 16; i++) {
      await w.write(new Uint8Array(16 * 1024));
      written++;
    }
    await w.close();
  })();
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(written < 16, `writer ran ${written} writes ahead of an idle reader`);
  const incoming = (await accepted.incomingUnidirectionalStreams.getReader().read()).value!;
  let n = 0;
  for await (const chunk of incoming) n += chunk.length;
  await writing;
  assert.is(n, 16 * 16 * 1024);
  dialed.close();
  await listener.close();
});

test("10,000 nodes: each dials the next and exchanges a stream message and a datagram", async () => {
  const N = 10_000;
  const net = createMemoryNetwork({ seed: 9 });
  const started = performance.now();
  const listeners: Listener[] = [];
  const received = new Set<number>();
  const datagrams = new Set<number>();
  for (let i = 0; i < N; i++) {
    const l = await net.transport(`n${i}`).listen({ certificate: NO_CERT });
    listeners.push(l);
    l.sessions.getReader().read().then(async ({ value: s }) => {
      if (!s) return;
      s.datagrams.readable.getReader().read().then(({ value }) => value && datagrams.add(i));
      const uni = (await s.incomingUnidirectionalStreams.getReader().read()).value!;
      for await (const chunk of uni) if (chunk[0] === i % 256) received.add(i);
    });
  }
  const sessions: TransportSession[] = await Promise.all(
    listeners.map((_, i) => net.transport(`n${i}`).dial(`memory://n${(i + 1) % N}/geomesh`)),
  );
  await Promise.all(sessions.map(async (s, i) => {
    await s.datagrams.writable.getWriter().write(Uint8Array.of(1));
    const w = (await s.createUnidirectionalStream()).getWriter();
    await w.write(Uint8Array.of((i + 1) % N % 256));
    await w.close();
  }));
  while (received.size < N) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - started;
  assert.is(received.size, N);
  assert.is(datagrams.size, N);
  console.log(`  10,000 nodes, 10,000 sessions, 20,000 messages: ${ms.toFixed(0)} ms`);
  for (const s of sessions) s.close();
  await Promise.all(listeners.map((l) => l.close()));
});

test.run();
