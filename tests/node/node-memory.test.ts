/**
 * Node behaviour on the deterministic memory transport: messaging, requests,
 * actors, pool de-duplication, reconnect, graceful close, broadcast, and bad
 * input (garbage, forged hello, oversized frames) refused with typed errors.
 */
import { test } from "npm:uvu@0.5.6";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as assert from "npm:uvu@0.5.6/assert";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { encodeMessage } from "../../lib/codec/messages.ts";
import { encodeFrame } from "../../lib/codec/frame.ts";
import { generateIdentity } from "../../lib/identity/identity.ts";
import { MessageChannel } from "../../lib/session/channel.ts";
import { dialerHandshake, PROTOCOL_VERSION } from "../../lib/session/handshake.ts";
import { Inbox } from "../../lib/session/inbox.ts";
import type { BroadcastDetail, GeomeshNode, MessageDetail } from "../../lib/node/node.ts";
import { captureLogger, memoryNode, nextEvent, rejectsWith, until } from "./helpers.ts";

test("connect, send both ways, request/response, ping", async () => {
  const net = createMemoryNetwork();
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b");
  try {
    const got = nextEvent<MessageDetail>(b, "message");
    const id = await a.connect(b.address);
    assert.is(id, b.id);
    await a.send(b.id, { n: 1, bytes: new Uint8Array([1, 2]) });
    const detail = await got;
    assert.is(detail.from, a.id);
    assert.equal(detail.payload, { n: 1, bytes: new Uint8Array([1, 2]) });
    await until(() => b.peers().some((p) => p.id === a.id && p.connected), 2000, "b sees a");
    const back = nextEvent<MessageDetail>(a, "message");
    await b.send(a.id, "pong");
    assert.is((await back).payload, "pong");
    b.handle((payload, ctx) => ({ echo: payload, from: ctx.from }));
    assert.equal(await a.request(b.id, [1, "x"]), { echo: [1, "x"], from: a.id });
    await rejectsWith(b.request(a.id, 1), "UNKNOWN_ACTOR"); // a has no handler
    assert.ok((await a.ping(b.id)) >= 0);
    assert.equal(a.peers().map((p) => [p.id, p.connected, p.protocol]), [[b.id, true, "memory"]]);
    assert.ok(a.metrics.messagesSent >= 2 && b.metrics.messagesReceived >= 2);
  } finally {
    await a.close();
    await b.close();
  }
});

test("actors: name@id delivery, replies, unknown actor and failing handler are typed", async () => {
  const net = createMemoryNetwork();
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b");
  try {
    await a.connect(b.address);
    const seen: unknown[] = [];
    b.actor("log", (p) => void seen.push(p));
    b.actor("inc", (p) => (p as number) + 1);
    b.actor("boom", () => {
      throw new RangeError("bad input");
    });
    await a.send(`log@${b.id}`, "first");
    assert.equal(seen, ["first"]);
    assert.is(await a.request(`inc@${b.id}`, 41), 42);
    const unknown = await rejectsWith(a.send(`nobody@${b.id}`, 1), "UNKNOWN_ACTOR");
    assert.match(unknown.message, /nobody/);
    await rejectsWith(a.request(`nobody@${b.id}`, 1), "UNKNOWN_ACTOR");
    const remote = await rejectsWith(a.request(`boom@${b.id}`, 1), "REMOTE_ERROR");
    assert.match(remote.message, /bad input/);
    await rejectsWith(a.send("zzzz", 1), "UNKNOWN_PEER");
    assert.throws(() => b.actor("x@y", () => 1), TypeError);
    assert.is(await a.request(`inc@${b.id}`, 1), 2, "node still serves after failures");
  } finally {
    await a.close();
    await b.close();
  }
});

test("simultaneous dial ends with one session per pair and no lost message", async () => {
  const net = createMemoryNetwork({ latencyMs: 2 });
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b");
  try {
    let flaps = 0;
    a.addEventListener("peer:disconnected", () => flaps++);
    b.addEventListener("peer:disconnected", () => flaps++);
    const [x, y] = await Promise.all([a.connect(b.address), b.connect(a.address)]);
    assert.is(x, b.id);
    assert.is(y, a.id);
    const got: unknown[] = [];
    b.addEventListener(
      "message",
      (e) => got.push((e as CustomEvent<MessageDetail>).detail.payload),
    );
    for (let i = 0; i < 50; i++) await a.send(b.id, i);
    await until(() => got.length === 50, 3000, "50 messages");
    assert.equal(got, Array.from({ length: 50 }, (_, i) => i));
    await new Promise((r) => setTimeout(r, 2500)); // the duplicate's grace period
    assert.is(a.peers().filter((p) => p.connected).length, 1);
    assert.is(b.peers().filter((p) => p.connected).length, 1);
    assert.is(a.metrics.sessions, 1);
    assert.is(flaps, 0, "settling the duplicate never disconnects the peer");
    assert.is(await (b.handle(() => "ok"), a.request(b.id, 0)), "ok");
  } finally {
    await a.close();
    await b.close();
  }
});

test("reconnects with backoff after the peer restarts", async () => {
  const net = createMemoryNetwork();
  const certPath = await mkdtemp(join(tmpdir(), "geomesh-node-"));
  const a = await memoryNode(net, "a", { reconnectBaseMs: 20, reconnectMaxMs: 200 });
  let b = await memoryNode(net, "b", { certPath });
  try {
    const bId = await a.connect(b.address);
    const down = nextEvent(a, "peer:disconnected");
    await b.close();
    await down;
    const up = nextEvent<{ id: string }>(a, "peer:connected", (d) => d.id === bId, 5000);
    b = await memoryNode(net, "b", { certPath });
    assert.is(b.id, bId, "same identity from certPath");
    await up;
    b.handle(() => "back");
    assert.is(await a.request(bId, null), "back");
  } finally {
    await a.close();
    await b.close();
    await rm(certPath, { recursive: true, force: true });
  }
});

test("close() drains queued messages before saying goodbye", async () => {
  const net = createMemoryNetwork({ latencyMs: 1 });
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b");
  const got: number[] = [];
  b.addEventListener(
    "message",
    (e) => got.push((e as CustomEvent<MessageDetail>).detail.payload as number),
  );
  await a.connect(b.address);
  const sends = Array.from({ length: 1000 }, (_, i) => a.send(b.id, i));
  const down = nextEvent(b, "peer:disconnected");
  await a.close();
  await Promise.all(sends);
  await down;
  assert.is(got.length, 1000);
  assert.is(got[999], 999);
  await b.close();
});

test("broadcast reaches every node once; a forged broadcast is dropped", async () => {
  const net = createMemoryNetwork();
  const nodes: GeomeshNode[] = [];
  for (let i = 0; i < 6; i++) nodes.push(await memoryNode(net, `n${i}`));
  try {
    // A ring plus one chord: several paths to each node, so de-duplication matters.
    for (let i = 0; i < 6; i++) await nodes[i].connect(nodes[(i + 1) % 6].address);
    await nodes[0].connect(nodes[3].address);
    const counts = new Map<string, number>();
    for (const n of nodes) {
      n.addEventListener("broadcast", (e) => {
        const d = (e as CustomEvent<{ from: string; payload: unknown }>).detail;
        assert.is(d.from, nodes[2].id);
        counts.set(n.id, (counts.get(n.id) ?? 0) + 1);
      });
    }
    await nodes[2].broadcast({ hello: "all" });
    await until(() => counts.size === 5, 3000, "5 deliveries");
    await new Promise((r) => setTimeout(r, 50));
    assert.equal([...counts.values()], [1, 1, 1, 1, 1]);
    assert.not.ok(counts.has(nodes[2].id));
  } finally {
    for (const n of nodes) await n.close();
  }
});

test("a broadcast event says how many hops its copy took", async () => {
  const net = createMemoryNetwork();
  const nodes: GeomeshNode[] = [];
  // A line, discovery off so it stays one: n0 - n1 - n2 - n3.
  for (let i = 0; i < 4; i++) nodes.push(await memoryNode(net, `l${i}`, { gossipIntervalMs: 0 }));
  try {
    for (let i = 0; i < 3; i++) await nodes[i].connect(nodes[i + 1].address);
    const hops = new Map<number, number>();
    nodes.forEach((n, i) =>
      n.addEventListener(
        "broadcast",
        (e) => hops.set(i, (e as CustomEvent<BroadcastDetail>).detail.hops),
      )
    );
    await nodes[0].broadcast("down the line");
    await until(() => hops.size === 3, 3000, "3 deliveries");
    assert.equal([hops.get(1), hops.get(2), hops.get(3)], [1, 2, 3]);
  } finally {
    for (const n of nodes) await n.close();
  }
});

test("garbage, forged hellos and oversized frames are refused; the node keeps serving", async () => {
  const net = createMemoryNetwork();
  const log = captureLogger();
  const server = await memoryNode(net, "s", {
    logger: log,
    maxMessageSize: 4096,
    connectTimeoutMs: 1000,
  });
  const good = await memoryNode(net, "g");
  try {
    server.handle((p) => p);
    await good.connect(server.address);
    const raw = net.transport("raw");
    const attempt = async (bytes: Uint8Array) => {
      const session = await raw.dial("memory://s/geomesh");
      const stream = await session.createBidirectionalStream();
      const writer = stream.writable.getWriter();
      await writer.write(bytes).catch(() => {});
      const info = await session.closed;
      return info.closeCode;
    };
    // 1. Garbage bytes on the control stream.
    assert.is(await attempt(new Uint8Array([0x05, 0xff, 0xfe, 0x00, 0x13, 0x37])), 4);
    // 2. A frame far over maxMessageSize (declared length only).
    assert.is(await attempt(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x08])), 4);
    // 3. A hello whose node id does not match its public key.
    const me = await generateIdentity();
    const other = await generateIdentity();
    const forged = encodeMessage({
      type: "hello",
      version: PROTOCOL_VERSION,
      nodeId: other.id,
      publicKey: me.publicKey,
      nonce: new Uint8Array(32),
      mode: "client",
    });
    assert.is(await attempt(encodeFrame(forged)), 3);
    // 3b. A hello of an older protocol version.
    const older = encodeMessage({
      type: "hello",
      version: PROTOCOL_VERSION - 1,
      nodeId: me.id,
      publicKey: me.publicKey,
      nonce: new Uint8Array(32),
      mode: "client",
    });
    assert.is(await attempt(encodeFrame(older)), 3);
    // 4. A correct hello followed by an auth signature over the wrong transcript.
    const session = await raw.dial("memory://s/geomesh");
    const stream = await session.createBidirectionalStream();
    const writer = stream.writable.getWriter();
    await writer.write(encodeFrame(encodeMessage({
      type: "hello",
      version: PROTOCOL_VERSION,
      nodeId: me.id,
      publicKey: me.publicKey,
      nonce: crypto.getRandomValues(new Uint8Array(32)),
      mode: "client",
    })));
    await writer.write(
      encodeFrame(
        encodeMessage({ type: "auth", signature: await me.sign("hello", new Uint8Array(8)) }),
      ),
    );
    assert.is((await session.closed).closeCode, 3);
    const refusals = log.lines.filter((l) => l.msg === "session refused");
    assert.is(refusals.length, 5);
    assert.ok(
      refusals.every((l) =>
        typeof l.err === "string" &&
        /\((DECODE_ERROR|MESSAGE_TOO_LARGE|AUTH_FAILED|BAD_SIGNATURE)\)/.test(l.err as string)
      ),
      JSON.stringify(refusals),
    );
    assert.is(server.metrics.sessionsRejected, 5);
    assert.ok(refusals.some((l) => /unsupported protocol version/.test(String(l.err))));
    // 5. Oversized application message: refused at the sender, nothing sent.
    await rejectsWith(good.send(server.id, new Uint8Array(5000)), "MESSAGE_TOO_LARGE");
    // The good peer is still served.
    assert.equal(await good.request(server.id, "still here"), "still here");
  } finally {
    await good.close();
    await server.close();
  }
});

test("the peer's smaller limit is enforced at the sender; a frame over it kills only that session", async () => {
  const net = createMemoryNetwork();
  const log = captureLogger();
  const small = await memoryNode(net, "small", { maxMessageSize: 2048, logger: log });
  const big = await memoryNode(net, "big", { maxMessageSize: 1 << 20 });
  const other = await memoryNode(net, "other");
  try {
    small.handle((p) => p);
    await big.connect(small.address);
    await other.connect(small.address);
    // The sender learned the receiver's limit in the hello: refused locally, session intact.
    await rejectsWith(big.send(small.id, new Uint8Array(4096)), "MESSAGE_TOO_LARGE");
    assert.is(await big.request(small.id, 1), 1);
    // A peer that ignores the limit: authenticate by hand, then send an oversized frame.
    const me = await generateIdentity();
    const session = await net.transport("rogue").dial("memory://small/geomesh");
    const channel = new MessageChannel(await session.createBidirectionalStream(), {
      maxMessageSize: 1 << 20,
    });
    const inbox = new Inbox();
    channel.start((m) => inbox.push(m));
    await dialerHandshake({ send: (m) => channel.send(m), next: () => inbox.next() }, {
      identity: me,
      mode: "client",
      timeoutMs: 2000,
      dialPins: [],
    });
    await until(() => small.peers().some((p) => p.id === me.id), 2000, "rogue registered");
    const down = nextEvent<{ id: string }>(small, "peer:disconnected", (d) => d.id === me.id);
    await channel.sendEncoded(new Uint8Array(4096).fill(1));
    await down;
    assert.ok(
      log.lines.some((l) => /MESSAGE_TOO_LARGE/.test(String(l.err))),
      "a log line names the error",
    );
    assert.ok(small.metrics.errors >= 1);
    assert.is(await other.request(small.id, 7), 7);
    channel.close();
  } finally {
    await small.close();
    await big.close();
    await other.close();
  }
});

test.run();
