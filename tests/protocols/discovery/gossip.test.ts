/**
 * Discovery between nodes on the memory transport: a full view from one
 * seed, dialing discovered peers, keeping a minimum degree when the seed goes,
 * client-mode nodes, and bad gossip refused without harming the session.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { encodeValue } from "../../../lib/codec/cbor.ts";
import { decodeMessage, type WireMessage } from "../../../lib/codec/messages.ts";
import { createRecord, readRecord } from "../../../lib/protocols/discovery/record.ts";
import { buildFilter, recordKey } from "../../../lib/protocols/discovery/filter.ts";
import type { GeomeshNode, MessageDetail } from "../../../lib/node/node.ts";
import { createMemoryNetwork } from "../../../lib/transport/memory.ts";
import { captureLogger, memoryNode, nextEvent, rogue, until } from "../../node/helpers.ts";

const FAST = { gossipIntervalMs: 50 };

async function closeAll(nodes: GeomeshNode[]) {
  await Promise.all(nodes.map((n) => n.close()));
}

test("20 nodes bootstrapped from one seed each list all 19 others, with addresses", async () => {
  const net = createMemoryNetwork({ seed: 1 });
  const seed = await memoryNode(net, "seed", { ...FAST, minPeers: 0 });
  const nodes = [seed];
  const discovered = new Map<string, Set<string>>();
  try {
    for (let i = 1; i < 20; i++) {
      const n = await memoryNode(net, `n${i}`, { ...FAST, minPeers: 0, bootstrap: [seed.address] });
      const seen = new Set<string>();
      discovered.set(n.id, seen);
      n.addEventListener("peer:discovered", (e) => seen.add((e as CustomEvent).detail.id));
      nodes.push(n);
    }
    const full = () => nodes.every((n) => n.peers().length === nodes.length - 1);
    await until(full, 10_000, "every node lists all others");
    for (const n of nodes) {
      const ids = new Set(n.peers().map((p) => p.id));
      for (const m of nodes) if (m !== n) assert.ok(ids.has(m.id), "lists every other node");
      for (const p of n.peers()) {
        assert.ok(p.address?.startsWith(`geomesh://${p.id}@`), "with its signed address");
      }
    }
    // With minPeers 0 nobody dialed anyone but the seed: the view came from gossip.
    for (const n of nodes.slice(1)) {
      assert.equal(n.peers().filter((p) => p.connected).map((p) => p.id), [seed.id]);
      const seen = discovered.get(n.id)!;
      for (const m of nodes) {
        if (m !== n && m !== seed) assert.ok(seen.has(m.id), "peer:discovered");
      }
    }
    assert.ok(nodes[5].metrics.peersDiscovered >= 18);
    // A discovered peer is reachable directly: send dials it on demand.
    const got = nextEvent<MessageDetail>(nodes[7], "message");
    await nodes[3].send(nodes[7].id, "direct via a discovered address");
    const detail = await got;
    assert.equal([detail.from, detail.payload, detail.via], [
      nodes[3].id,
      "direct via a discovered address",
      undefined,
    ]);
  } finally {
    await closeAll(nodes);
  }
});

test("minPeers: nodes dial discovered peers and the mesh survives its seed", async () => {
  const net = createMemoryNetwork({ seed: 2 });
  const seed = await memoryNode(net, "seed", FAST);
  const nodes: GeomeshNode[] = [];
  try {
    for (let i = 0; i < 8; i++) {
      nodes.push(
        await memoryNode(net, `m${i}`, { ...FAST, minPeers: 3, bootstrap: [seed.address] }),
      );
    }
    const degree = (n: GeomeshNode) => n.peers().filter((p) => p.connected).length;
    await until(() => nodes.every((n) => degree(n) >= 3), 10_000, "every node has 3 sessions");
    await seed.close();
    await until(
      () =>
        nodes.every((n) => n.peers().filter((p) => p.connected && p.id !== seed.id).length >= 3),
      10_000,
      "degree restored without the seed",
    );
    // Still one mesh: a broadcast from one node reaches all the others.
    const got = new Set<string>();
    for (const n of nodes) {
      n.addEventListener("broadcast", () => got.add(n.id));
    }
    await nodes[0].broadcast("after the seed left");
    await until(() => got.size === nodes.length - 1, 5000, "broadcast reaches every node");
  } finally {
    await closeAll([seed, ...nodes]);
  }
});

test("client-mode nodes are listed as reachable via their servers, never as dialable", async () => {
  const net = createMemoryNetwork({ seed: 3 });
  const s1 = await memoryNode(net, "s1", { ...FAST, mode: "server" });
  const s2 = await memoryNode(net, "s2", { ...FAST, mode: "hybrid", bootstrap: [s1.address] });
  const c = await memoryNode(net, "c", { ...FAST, mode: "client", bootstrap: [s1.address] });
  const d = await memoryNode(net, "d", { ...FAST, mode: "client", bootstrap: [s1.address] });
  try {
    await until(() => c.peers().some((p) => p.id === s2.id), 5000, "client learns s2");
    // The client has minPeers 4 > servers known: it dials s2 too.
    await until(() => c.peers().filter((p) => p.connected).length === 2, 5000, "client dials s2");
    // Leaves hold only the records of nodes they can dial: d has both servers', not c's.
    await until(() => d.peers().filter((p) => p.id === s2.id).length === 1, 5000, "d learns s2");
    await new Promise((r) => setTimeout(r, 200));
    assert.not.ok(d.peers().some((p) => p.id === c.id), "no client records at a leaf");
    // The servers have c's record: no address to dial, reachable via one of c's servers.
    const seen = s2.peers().find((p) => p.id === c.id)!;
    assert.ok(seen.connected, "s2 has c's session");
    const atS1 = s1.peers().find((p) => p.id === c.id)!;
    assert.equal([atS1.connected, atS1.mode], [true, "client"]);
    // d reaches c anyway: it looks c's record up, then goes through one of c's servers.
    const got = nextEvent<MessageDetail>(c, "message");
    await d.send(c.id, "found you");
    const detail = await got;
    assert.equal([detail.from, detail.payload], [d.id, "found you"]);
    assert.ok(detail.via === s1.id || detail.via === s2.id);
    const looked = d.peers().find((p) => p.id === c.id);
    assert.ok(looked && !looked.connected && looked.address === undefined, "never dialable");
    // Nobody dials a client: d (minPeers 4) has sessions with the two servers only.
    assert.equal(
      d.peers().filter((p) => p.connected).map((p) => p.id).sort(),
      [s1.id, s2.id].sort(),
    );
    assert.ok(s1.peers().filter((p) => p.connected).length === 3, "server mode dials nobody");
  } finally {
    await closeAll([c, d, s2, s1]);
  }
});

test("forged, malformed and oversized gossip is refused with a log line; the session goes on", async () => {
  const net = createMemoryNetwork({ seed: 4 });
  const log = captureLogger();
  const node = await memoryNode(net, "node", { ...FAST, logger: log });
  const bad = await rogue(net, "rogue", "node");
  const honest = await memoryNode(net, "honest", FAST);
  try {
    const liar = bad.identity;
    const good = await createRecord(liar, `geomesh://${liar.id}@10.0.0.1:1?proto=h3`, "hybrid");
    const { sig } = readRecord(good.bytes);
    // The honest node's id with the liar's address, signed by the liar.
    const forgedFor = `geomesh://${honest.id}@10.6.6.6:1?proto=h3`;
    const forged = encodeValue([forgedFor, "hybrid", good.issuedAt, sig]);
    await bad.channel.send({ type: "discovery-response", peers: [forged] });
    await bad.channel.send({ type: "discovery-response", peers: [new Uint8Array([0xff, 1, 2])] });
    await bad.channel.send({
      type: "discovery-response",
      peers: Array.from({ length: 70 }, () => good.bytes),
    });
    await bad.channel.send({ type: "discover", filter: new Uint8Array(3) });
    const codes = () => log.lines.filter((l) => l.msg === "bad input from peer").map((l) => l.err);
    await until(() => codes().length >= 4, 5000, "four bad-input lines");
    const text = JSON.stringify(codes());
    for (const code of ["BAD_SIGNATURE", "DECODE_ERROR", "PROTOCOL_ERROR"]) {
      assert.ok(text.includes(code), `${code} logged: ${text}`);
    }
    // The forged record did not get in; the liar's own (valid) one did, once.
    assert.not.ok(node.peers().some((p) => p.address === forgedFor));
    assert.is(node.peers().filter((p) => p.id === liar.id).length, 1);
    // The session still works both ways, and other peers are unaffected.
    const got = nextEvent<MessageDetail>(node, "message");
    await bad.channel.send({ type: "message", payload: "still here" });
    assert.is((await got).payload, "still here");
    await honest.connect(node.address);
    assert.ok(await honest.ping(node.id) >= 0);
    // Answers leave out what the asker's filter holds.
    const heard: WireMessage[] = [];
    const reader = bad.session.datagrams.readable.getReader();
    (async () => {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return;
        heard.push(decodeMessage(value));
      }
    })().catch(() => {});
    const records = () =>
      heard.flatMap((m) =>
        m.type === "discovery-response" ? m.peers.map((b) => readRecord(b)) : []
      );
    await new Promise((r) => setTimeout(r, 150)); // past the per-peer answer interval
    await bad.channel.send({ type: "discover" });
    await until(() => records().some((r) => r.record.id === node.id), 5000, "node's record");
    await new Promise((r) => setTimeout(r, 150));
    const keys = records().map((r) => recordKey(r.record.id, r.record.issuedAt));
    assert.ok(keys.length >= 2, "node's and honest's records");
    heard.length = 0;
    await bad.channel.send({ type: "discover", filter: buildFilter(keys, 256) });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(records(), [], "nothing the asker holds is sent again");
  } finally {
    bad.close();
    await closeAll([honest, node]);
  }
});

test("a mesh larger than maxKnownPeers keeps every table within its bound", async () => {
  const net = createMemoryNetwork({ seed: 6 });
  const opts = { ...FAST, maxKnownPeers: 4, minPeers: 2 };
  const seed = await memoryNode(net, "seed", opts);
  const nodes = [seed];
  try {
    for (let i = 0; i < 11; i++) {
      nodes.push(await memoryNode(net, `b${i}`, { ...opts, bootstrap: [seed.address] }));
    }
    await until(() => seed.metrics.peersDiscovered >= 4, 5000, "the seed learns records");
    await new Promise((r) => setTimeout(r, 500));
    for (const n of nodes) {
      assert.ok(n.peers().filter((p) => !p.connected).length <= 4, "bounded view");
    }
    const got = nextEvent<MessageDetail>(nodes[11], "message");
    await seed.send(nodes[11].id, "still fine");
    assert.is((await got).payload, "still fine");
  } finally {
    await closeAll(nodes);
  }
});

test("lookups: a held record is answered, a flood is cut at 50 per second, the session goes on", async () => {
  const net = createMemoryNetwork({ seed: 7 });
  const node = await memoryNode(net, "node", { ...FAST, gossipIntervalMs: 10_000 });
  const other = await memoryNode(net, "other", { ...FAST, bootstrap: [node.address] });
  const bad = await rogue(net, "rogue", "node");
  try {
    await until(() => node.peers().some((p) => p.id === other.id && p.address), 5000, "record");
    const answers: WireMessage[] = [];
    const reader = bad.session.datagrams.readable.getReader();
    (async () => {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return;
        const msg = decodeMessage(value);
        if (msg.type === "discovery-response") answers.push(msg);
      }
    })().catch(() => {});
    await new Promise((r) => setTimeout(r, 100));
    answers.length = 0;
    for (let i = 0; i < 200; i++) {
      await bad.channel.send({ type: "discover", limit: 1, want: other.id });
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(answers.length >= 1 && answers.length <= 50, `${answers.length} answers`);
    for (const a of answers) {
      if (a.type !== "discovery-response") continue;
      assert.equal(a.peers.map((b) => readRecord(b).record.id), [other.id]);
    }
    // An unknown id gets no answer; the session still carries messages.
    answers.length = 0;
    await new Promise((r) => setTimeout(r, 1000));
    await bad.channel.send({ type: "discover", want: "a".repeat(52) });
    const got = nextEvent<MessageDetail>(node, "message");
    await bad.channel.send({ type: "message", payload: "still here" });
    assert.is((await got).payload, "still here");
    assert.equal(answers, []);
  } finally {
    bad.close();
    await closeAll([other, node]);
  }
});

test("a record heard second-hand is held but passed on only once this node dialed its subject", async () => {
  const net = createMemoryNetwork({ seed: 8 });
  const opts = { ...FAST, minPeers: 0 };
  const a = await memoryNode(net, "a", opts);
  const b = await memoryNode(net, "b", opts);
  const c = await memoryNode(net, "c", opts);
  const d = await memoryNode(net, "d", opts);
  try {
    // The line a - b - c - d: a's own record reaches b over a's session, b passes it to c.
    await a.connect(b.address);
    await b.connect(c.address);
    await c.connect(d.address);
    const knows = (n: GeomeshNode, id: string) => n.peers().some((p) => p.id === id);
    await until(() => knows(c, a.id), 5000, "c hears of a from b");
    // c never dialed a, nor got a's record from a: it does not vouch for it, so d is not told.
    await new Promise((r) => setTimeout(r, 400));
    assert.not.ok(knows(d, a.id), "d was not told about a");
    assert.ok(knows(d, b.id), "but of b, whose own record c got from b");
    // Once c dialed a successfully, a's record is proven and goes on to d.
    await c.connect(a.address);
    await until(() => knows(d, a.id), 5000, "d hears of a once c reached it");
  } finally {
    await closeAll([a, b, c, d]);
  }
});

test("feelers: a dialing node proves records heard second-hand, passes them on, and hangs up", async () => {
  const net = createMemoryNetwork({ seed: 9 });
  // minPeers 1: every node has its degree, so the only automatic dials are feelers.
  const opts = { ...FAST, minPeers: 1 };
  const nodes: GeomeshNode[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      nodes.push(
        await memoryNode(net, `l${i}`, {
          ...opts,
          bootstrap: i ? [nodes[i - 1].address] : [],
        }),
      );
    }
    // A line of five: without proofs nobody would hear of a node more than two hops away.
    await until(
      () => nodes.every((n) => n.peers().length === nodes.length - 1),
      10_000,
      "every node lists all others",
    );
    // Feeler sessions not needed for the degree are closed again.
    const connected = (n: GeomeshNode) => n.peers().filter((p) => p.connected).length;
    await until(
      () => nodes.every((n) => connected(n) <= 3),
      5000,
      "feeler sessions closed",
    );
    const got = nextEvent<MessageDetail>(nodes[4], "message");
    await nodes[0].send(nodes[4].id, "end to end");
    assert.is((await got).payload, "end to end");
  } finally {
    await closeAll(nodes);
  }
});

test("gossipIntervalMs 0 turns discovery off: no records, gossip ignored", async () => {
  const net = createMemoryNetwork({ seed: 5 });
  const a = await memoryNode(net, "a", { gossipIntervalMs: 0 });
  const b = await memoryNode(net, "b", { gossipIntervalMs: 0, bootstrap: [a.address] });
  const c = await memoryNode(net, "c", { gossipIntervalMs: 0, bootstrap: [a.address] });
  try {
    await until(() => a.peers().length === 2, 5000, "a sees b and c");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(b.peers().map((p) => p.id), [a.id]);
    assert.is(b.metrics.peersDiscovered, 0);
  } finally {
    await closeAll([a, b, c]);
  }
});

test.run();
