/**
 * Virtual time (lib/testing/virtual-time.ts): timers run in (time, order)
 * without waiting in real time, intervals repeat and stop, a seed makes a run
 * repeat exactly, Web Crypto in flight holds the clock, and a whole mesh of
 * memory-transport nodes with keep-alives and gossip runs minutes of virtual
 * time in seconds of real time with every broadcast delivered.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { installVirtualTime } from "../../lib/testing/virtual-time.ts";
import { createMemoryNetwork } from "../../mod.ts";
import type { GeomeshNode } from "../../mod.ts";
import { memoryNode } from "../node/helpers.ts";

const realNow = performance.now.bind(performance);

test("timers run in virtual (time, order) and the clocks jump, not wait", async () => {
  const clock = installVirtualTime();
  try {
    const seen: string[] = [];
    const t0 = Date.now();
    setTimeout(() => seen.push(`b@${performance.now()}`), 3_600_000);
    setTimeout(() => seen.push(`a1@${performance.now()}`), 10);
    setTimeout(() => seen.push(`a2@${performance.now()}`), 10);
    const dropped = setTimeout(() => seen.push("cancelled"), 5);
    clearTimeout(dropped);
    setTimeout(() => setTimeout(() => seen.push(`nested@${performance.now()}`), 0), 20);
    const started = realNow();
    await clock.runFor(3_600_000);
    const realMs = realNow() - started;
    console.log(`[virtual-time] one virtual hour took ${realMs.toFixed(1)} real ms`);
    assert.equal(seen, ["a1@10", "a2@10", "nested@20", "b@3600000"]);
    assert.is(Date.now() - t0, 3_600_000);
    assert.is(clock.now(), 3_600_000);
    assert.is(clock.pendingTimers, 0);
    assert.ok(realMs < 3_600_000, "virtual time waited in real time");
  } finally {
    clock.uninstall();
  }
  // Real timers are back.
  const at = realNow();
  await new Promise((r) => setTimeout(r, 5));
  assert.ok(realNow() - at >= 4, "setTimeout was not restored");
});

test("intervals repeat on the virtual clock and stop when cleared", async () => {
  const clock = installVirtualTime();
  try {
    let ticks = 0;
    const id = setInterval(() => ticks++, 100);
    await clock.runFor(1_000);
    assert.is(ticks, 10);
    clearInterval(id);
    await clock.runFor(1_000);
    assert.is(ticks, 10);
    assert.ok(await clock.runUntil(() => ticks === 10, { limitMs: 0 }));
    assert.is(await clock.runUntil(() => ticks > 10, { limitMs: 500 }), false);
    assert.is(clock.now(), 2_500);
  } finally {
    clock.uninstall();
  }
});

/** Timers with random delays that spawn more timers: the order they ran in. */
async function randomRun(seed: number): Promise<string> {
  const clock = installVirtualTime({ seed });
  try {
    const log: string[] = [];
    const spawn = (name: string, depth: number) => {
      setTimeout(() => {
        log.push(`${name}@${performance.now()}`);
        if (depth < 3) { for (let i = 0; i < 2; i++) spawn(`${name}.${i}`, depth + 1); }
      }, Math.floor(Math.random() * 50));
    };
    for (let i = 0; i < 4; i++) spawn(String(i), 0);
    await clock.runFor(1_000);
    assert.is(log.length, 4 * (1 + 2 + 4 + 8));
    return log.join(" ");
  } finally {
    clock.uninstall();
  }
}

test("a seed makes a run repeat exactly; another seed changes it", async () => {
  const a = await randomRun(7), b = await randomRun(7), c = await randomRun(8);
  assert.is(a, b);
  assert.is.not(a, c);
});

test("a Web Crypto operation in flight holds the clock", async () => {
  const clock = installVirtualTime();
  try {
    let timedOut = false;
    setTimeout(() => timedOut = true, 5_000);
    // A timeout racing real work: the work must finish before virtual time moves on.
    let done = false;
    crypto.subtle.digest("SHA-256", new Uint8Array(1 << 20)).then(() => done = true);
    await clock.runFor(0);
    assert.ok(done, "the digest did not finish before the clock moved");
    assert.is(timedOut, false);
    await clock.runFor(5_000);
    assert.ok(timedOut);
  } finally {
    clock.uninstall();
  }
});

test("bad arguments: a second install, a bad seed, a negative run", async () => {
  assert.throws(() => installVirtualTime({ seed: Number.NaN }), TypeError);
  const clock = installVirtualTime();
  try {
    assert.throws(() => installVirtualTime(), /already installed/);
    let rejected: unknown;
    await clock.runFor(-1).catch((e) => rejected = e);
    assert.instance(rejected, RangeError);
  } finally {
    clock.uninstall();
  }
});

test("a mesh with keep-alives and gossip runs minutes of virtual time", async () => {
  const N = 24;
  const clock = installVirtualTime({ seed: 3 });
  const nodes: GeomeshNode[] = [];
  const started = realNow();
  try {
    const net = createMemoryNetwork({ latencyMs: 20, jitterMs: 10, seed: 3 });
    const config = { keepAliveMs: 5_000, gossipIntervalMs: 1_000 };
    const creating = Array.from({ length: N }, (_, i) => memoryNode(net, `n${i}`, config));
    // Node creation signs certificates: run the clock until they are all up.
    const all = Promise.all(creating);
    let up = false;
    all.then(() => up = true, () => up = true);
    assert.ok(await clock.runUntil(() => up, { limitMs: 60_000 }), "nodes did not start");
    nodes.push(...await all);
    // Each joins through one earlier node; discovery does the rest.
    for (let i = 1; i < N; i++) {
      const via = nodes[Math.floor(Math.random() * i)];
      const joined = nodes[i].connect(via.address);
      let ok = false;
      joined.then(() => ok = true);
      assert.ok(await clock.runUntil(() => ok, { limitMs: 10_000 }), `n${i} did not join`);
    }
    await clock.runFor(120_000); // two virtual minutes: keep-alives, gossip rounds
    const got = nodes.map(() => 0);
    nodes.forEach((n, i) => n.addEventListener("broadcast", () => got[i]++));
    const ROUNDS = 5;
    for (let r = 0; r < ROUNDS; r++) nodes[r].broadcast({ r });
    const delivered = await clock.runUntil(
      () => got.every((g, i) => g === (i < ROUNDS ? ROUNDS - 1 : ROUNDS)),
      { limitMs: 30_000 },
    );
    const peers = nodes.map((n) => n.peers().filter((p) => p.connected).length);
    console.log(
      `[virtual-time] ${N} nodes, ${clock.now() / 1000} virtual s in ${
        ((realNow() - started) / 1000).toFixed(1)
      } real s, ${clock.timersRun} timers; sessions per node min ${Math.min(...peers)} max ${
        Math.max(...peers)
      }; broadcasts delivered ${got.reduce((a, b) => a + b, 0)} of ${N * ROUNDS - ROUNDS}`,
    );
    assert.ok(delivered, `broadcast deliveries per node: ${got.join(",")}`);
    assert.ok(Math.min(...peers) >= 1, "a node has no session left after two virtual minutes");
  } finally {
    const closing = Promise.allSettled(nodes.map((n) => n.close()));
    let closed = false;
    closing.then(() => closed = true);
    await clock.runUntil(() => closed, { limitMs: 30_000 });
    clock.uninstall();
  }
});

test.run();
