/**
 * What a peer (or a careless handler) can do to a node, on the memory
 * transport: request floods, replies that cannot be sent, a target that stops
 * reading behind a relay, stream messages smuggled into datagrams, and
 * broadcasts with an inflated hop limit. Each gets a typed error or a bounded
 * refusal, and the node keeps serving.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { PROTOCOL_VERSION } from "../../lib/session/handshake.ts";
import { encodeValue } from "../../lib/codec/cbor.ts";
import { decodeMessage, encodeMessage, type WireMessage } from "../../lib/codec/messages.ts";
import type { MessageDetail } from "../../lib/node/node.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { BROADCAST_TTL } from "../../lib/protocols/broadcast/broadcast.ts";
import { CloseCode } from "../../lib/session/authenticate.ts";
import { encodeFrame } from "../../lib/codec/frame.ts";
import { generateIdentity } from "../../lib/identity/identity.ts";
import { captureLogger, memoryNode, rejectsWith, rogue, sleep, star, until } from "./helpers.ts";

test("requests beyond maxInflightRequests get OVERLOADED; the node serves again after", async () => {
  const net = createMemoryNetwork();
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b", { maxInflightRequests: 8 });
  try {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    b.handle(async (p) => {
      await gate;
      return p;
    });
    await a.connect(b.address);
    const outcomes = Array.from(
      { length: 20 },
      (_, i) => a.request(b.id, i).then((v) => v, (e) => e.code as string),
    );
    await sleep(50);
    release();
    const results = await Promise.all(outcomes);
    assert.is(results.filter((r) => r === "OVERLOADED").length, 12, results.join(","));
    assert.equal(results.filter((r) => typeof r === "number"), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.is(await a.request(b.id, "again"), "again");
  } finally {
    await a.close();
    await b.close();
  }
});

test("a reply that cannot be encoded or is too large is a typed error, direct and relayed", async () => {
  const { server, a, b, close } = await star();
  try {
    b.actor("date", () => ({ when: new Date() }));
    b.actor("huge", () => new Uint8Array(2 << 20));
    server.actor("date", () => ({ when: undefined }));
    // Direct: a -> server.
    const direct = await rejectsWith(
      a.request(`date@${server.id}`, null, { timeoutMs: 5000 }),
      "REMOTE_ERROR",
    );
    assert.match(direct.message, /encode/);
    // Relayed: a -> server -> b.
    const relayed = await rejectsWith(
      a.request(`date@${b.id}`, null, { timeoutMs: 5000 }),
      "REMOTE_ERROR",
    );
    assert.match(relayed.message, /encode/);
    await rejectsWith(a.request(`huge@${b.id}`, null, { timeoutMs: 5000 }), "MESSAGE_TOO_LARGE");
    b.actor("ok", () => "ok");
    assert.is(await a.request(`ok@${b.id}`, null), "ok");
  } finally {
    await close();
  }
});

test("a relay holds a bounded backlog for a target that stops reading", async () => {
  const net = createMemoryNetwork({ streamWindow: 64 * 1024 });
  const server = await memoryNode(net, "s", { mode: "server" });
  const a = await memoryNode(net, "a", { mode: "client", requestTimeoutMs: 1500 });
  try {
    await a.connect(server.address);
    const slow = await rogue(net, "slow", "s");
    await until(() => server.peers().length === 2, 2000, "server sees both");
    slow.pause(true);
    const chunk = new Uint8Array(16 * 1024);
    const outcomes = await Promise.all(
      Array.from(
        { length: 600 },
        () => a.send(slow.identity.id, chunk).then(() => "ok", (e) => e.code),
      ),
    );
    const overloaded = outcomes.filter((c) => c === "OVERLOADED").length;
    assert.ok(overloaded > 0, `relay refused nothing: ${[...new Set(outcomes)]}`);
    assert.ok(
      outcomes.every((c) => c === "OVERLOADED" || c === "TIMEOUT"),
      String(new Set(outcomes)),
    );
    slow.close();
    // The relay still relays for others and answers directly.
    server.handle(() => "alive");
    assert.is(await a.request(server.id, null), "alive");
  } finally {
    await Promise.all([a.close(), server.close()]);
  }
});

test("stream-only messages sent as datagrams are refused; ping over datagrams still works", async () => {
  const net = createMemoryNetwork();
  const log = captureLogger();
  const b = await memoryNode(net, "b", { logger: log });
  try {
    const r = await rogue(net, "r", "b");
    await until(() => b.peers().length === 1, 2000, "b sees the rogue");
    const delivered: unknown[] = [];
    b.addEventListener("message", (e) => delivered.push((e as CustomEvent<MessageDetail>).detail));
    const writer = r.session.datagrams.writable.getWriter();
    await writer.write(encodeMessage({ type: "message", payload: "smuggled" }));
    await writer.write(encodeMessage({ type: "goodbye", code: 1, reason: "bye" }));
    await until(
      () => log.lines.filter((l) => l.msg === "bad input from peer").length >= 2,
      2000,
      "two refusals",
    );
    assert.equal(delivered, []);
    assert.ok(b.peers().some((p) => p.id === r.identity.id && p.connected), "session intact");
    // Ping/pong still work over datagrams.
    const reader = r.session.datagrams.readable.getReader();
    await writer.write(encodeMessage({ type: "ping", seq: 7, ts: 1 }));
    let pong = decodeMessage((await reader.read()).value!);
    // Skip the node's discovery gossip (its record and a discover, sent on connect) and its
    // own RTT ping.
    while (pong.type === "discover" || pong.type === "discovery-response" || pong.type === "ping") {
      pong = decodeMessage((await reader.read()).value!);
    }
    assert.equal(pong, { type: "pong", seq: 7, ts: 1 });
    reader.releaseLock();
    writer.releaseLock();
    r.close();
  } finally {
    await b.close();
  }
});

test("a broadcast's hop limit is capped when it is forwarded", async () => {
  const net = createMemoryNetwork();
  const b = await memoryNode(net, "b");
  try {
    const sender = await rogue(net, "r1", "b");
    const watcher = await rogue(net, "r2", "b");
    await until(() => b.peers().length === 2, 2000, "b sees both");
    const msg = {
      type: "broadcast",
      origin: sender.identity.id,
      seq: 1,
      ts: Date.now(),
      payload: "flood",
      ttl: 1_000_000,
    } as Extract<WireMessage, { type: "broadcast" }>;
    msg.sig = await sender.identity.sign(
      "broadcast",
      encodeValue([msg.origin, msg.seq, msg.ts!, msg.payload] as never),
    );
    await sender.channel.send(msg);
    let forwarded: WireMessage;
    do forwarded = await watcher.inbox.next(); while (forwarded.type !== "broadcast");
    assert.is(forwarded.payload, "flood");
    assert.ok(forwarded.ttl < BROADCAST_TTL, String(forwarded.ttl));
    sender.close();
    watcher.close();
  } finally {
    await b.close();
  }
});

test("a flood of forged signatures is shed, not queued for verification without bound", async () => {
  const net = createMemoryNetwork();
  const log = captureLogger();
  const b = await memoryNode(net, "b", { logger: log });
  try {
    const r = await rogue(net, "r", "b");
    await until(() => b.peers().length === 1, 2000, "b sees the rogue");
    const origin = await generateIdentity();
    const ghost = await generateIdentity();
    // Forged signatures cost the sender nothing and the receiver one verification each.
    const junk = new Uint8Array(64).fill(7);
    for (let i = 0; i < 3000; i++) {
      r.channel.send({
        type: "broadcast",
        origin: origin.id,
        seq: i + 1,
        ts: 1,
        payload: i,
        ttl: 3,
        sig: junk,
      }).catch(() => {});
      r.channel.send({
        type: "request",
        id: i + 1,
        from: origin.id,
        to: b.id,
        payload: i,
        sig: junk,
      }).catch(() => {});
      // Unroutable: the relay answers each with a signed refusal.
      r.channel.send({ type: "message", id: i + 1, from: origin.id, to: ghost.id, payload: i })
        .catch(() => {});
    }
    await until(() => log.lines.some((l) => l.msg === "frame dropped"), 3000, "shedding");
    await until(
      () => log.lines.some((l) => l.msg === "frame dropped" && /unroutable/.test(String(l.what))),
      3000,
      "shedding refusals",
    );
    await until(() => b.metrics.errors >= 6000, 5000, "every frame refused or shed");
    const warnings = log.lines.filter((l) => l.level === "warn" && l.peer === r.identity.id);
    assert.ok(warnings.length <= 20, `the log is not flooded (${warnings.length} warnings)`);
    b.handle(() => "still serving");
    const good = await memoryNode(net, "g");
    assert.is(await good.request(await good.connect(b.address), null), "still serving");
    await good.close();
    r.close();
  } finally {
    await b.close();
  }
});

test("a hello with an oversized or foreign address is refused", async () => {
  const net = createMemoryNetwork();
  const b = await memoryNode(net, "b");
  try {
    const me = await generateIdentity();
    const other = await generateIdentity();
    const hello = (address: string) =>
      encodeFrame(encodeMessage({
        type: "hello",
        version: PROTOCOL_VERSION,
        nodeId: me.id,
        publicKey: me.publicKey,
        nonce: crypto.getRandomValues(new Uint8Array(32)),
        mode: "hybrid",
        address,
      }));
    const attempt = async (address: string) => {
      const session = await net.transport("raw").dial("memory://b/geomesh");
      const writer = (await session.createBidirectionalStream()).writable.getWriter();
      await writer.write(hello(address)).catch(() => {});
      return (await session.closed).closeCode;
    };
    const huge = `geomesh://${me.id}@${"h".repeat(100_000)}:1`;
    assert.is(await attempt(huge), CloseCode.AuthFailed);
    assert.is(await attempt(`geomesh://${other.id}@127.0.0.1:9`), CloseCode.AuthFailed);
    assert.is(b.peers().length, 0);
  } finally {
    await b.close();
  }
});

test.run();
