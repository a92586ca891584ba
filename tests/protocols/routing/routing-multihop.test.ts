/**
 * Multi-hop routing on the memory transport: client-mode nodes behind
 * different servers reach each other, a server-mode node (which cannot dial)
 * reaches a client two relays away and gets its reply back the same way, and
 * an unreachable target fails fast with a typed error.
 *
 *   A (client) - S1 (server) - H (hybrid) - S2 (server) - B (client)
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import type { MessageDetail } from "../../../lib/node/node.ts";
import { createMemoryNetwork } from "../../../lib/transport/memory.ts";
import { memoryNode, nextEvent, rejectsWith, until } from "../../node/helpers.ts";

/** The line above; discovery on (fast) but no extra sessions, so paths stay long. */
async function line() {
  const net = createMemoryNetwork({ seed: 11 });
  const opts = { gossipIntervalMs: 50, minPeers: 0 };
  const s1 = await memoryNode(net, "s1", { ...opts, mode: "server" });
  const s2 = await memoryNode(net, "s2", { ...opts, mode: "server" });
  const h = await memoryNode(net, "h", { ...opts, mode: "hybrid" });
  const a = await memoryNode(net, "a", { ...opts, mode: "client" });
  const b = await memoryNode(net, "b", { ...opts, mode: "client" });
  const all = [a, s1, h, s2, b];
  try {
    await join();
  } catch (err) {
    await Promise.all(all.map((n) => n.close()));
    throw err;
  }
  return { net, a, s1, h, s2, b, close: () => Promise.all(all.map((n) => n.close())) };

  async function join() {
    await h.connect(s1.address);
    await h.connect(s2.address);
    await a.connect(s1.address);
    await b.connect(s2.address);
    // The servers have B's record (attached via S2) and A's (via S1); the clients, being
    // leaves, hold only the records of nodes they can dial.
    await until(
      () =>
        [s1, h, s2].every((n) => n.peers().some((p) => p.id === a.id)) &&
        [s1, h, s2].every((n) => n.peers().some((p) => p.id === b.id)),
      5000,
      "the clients' records spread",
    );
  }
}

test("a client's record names its server, and peers() shows it as reachable via that server", async () => {
  const m = await line();
  try {
    const seen = m.s1.peers().find((p) => p.id === m.b.id)!;
    assert.equal([seen.connected, seen.via, seen.mode, seen.address], [
      false,
      m.s2.id,
      "client",
      undefined,
    ]);
  } finally {
    await m.close();
  }
});

test("client to client behind different servers: the sender dials the target's server", async () => {
  const m = await line();
  try {
    m.b.handle((p, ctx) => ({ echo: p, from: ctx.from }));
    const got = nextEvent<MessageDetail>(m.b, "message");
    await m.a.send(m.b.id, "hello B");
    const detail = await got;
    assert.equal([detail.from, detail.payload, detail.via], [m.a.id, "hello B", m.s2.id]);
    assert.equal(await m.a.request(m.b.id, 7), { echo: 7, from: m.a.id });
    assert.ok(m.a.peers().some((p) => p.id === m.s2.id && p.connected), "A dialed S2");
  } finally {
    await m.close();
  }
});

test("a server-mode origin reaches a client three hops away, and the reply comes back", async () => {
  const m = await line();
  try {
    m.b.handle((p, ctx) => ({ echo: p, from: ctx.from }));
    const got = nextEvent<MessageDetail>(m.b, "message");
    await m.s1.send(m.b.id, "over H and S2");
    const detail = await got;
    assert.equal([detail.from, detail.payload, detail.via], [m.s1.id, "over H and S2", m.s2.id]);
    // S1 -> H -> S2 -> B, and the signed reply B -> S2 -> H -> S1.
    assert.equal(await m.s1.request(m.b.id, [1, 2]), { echo: [1, 2], from: m.s1.id });
    assert.ok(m.h.metrics.messagesRelayed >= 4 && m.s2.metrics.messagesRelayed >= 4);
    assert.not.ok(m.s1.peers().some((p) => p.id === m.s2.id && p.connected), "no direct S1-S2");
    // Actors too.
    m.b.actor("inc", (n) => (n as number) + 1);
    assert.is(await m.s1.request(`inc@${m.b.id}`, 41), 42);
  } finally {
    await m.close();
  }
});

test("the path follows a client that moves to another server", async () => {
  const m = await line();
  try {
    m.b.handle(() => "here");
    assert.is(await m.s1.request(m.b.id, null), "here");
    // S2 goes away; B attaches to H instead, and its new record says so.
    await m.s2.close();
    await m.b.connect(m.h.address);
    await until(
      () => m.s1.peers().some((p) => p.id === m.b.id && p.via === m.h.id),
      5000,
      "S1 learns that B is behind H now",
    );
    assert.is(await m.s1.request(m.b.id, null), "here");
  } finally {
    await m.close();
  }
});

test("an unknown target fails fast with UNKNOWN_PEER, relays refusing on the way", async () => {
  const m = await line();
  try {
    const ghost = "a".repeat(52);
    const started = Date.now();
    await rejectsWith(m.s1.request(ghost, 1, { timeoutMs: 5000 }), "UNKNOWN_PEER");
    await rejectsWith(m.a.send(ghost, 1), "UNKNOWN_PEER");
    assert.ok(Date.now() - started < 4000, "refused, not timed out");
  } finally {
    await m.close();
  }
});

test.run();
