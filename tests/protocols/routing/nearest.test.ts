/**
 * A client attached to several servers relays through the nearest one (by
 * measured round-trip time) and fails over to the next when its server goes
 * silent: one silence period for the first frame, none for the next ones.
 *
 *   A (client) -- near (5 ms) / far (40 ms) -- B (client)
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import type { MessageDetail } from "../../../lib/node/events.ts";
import { createMemoryNetwork } from "../../../lib/transport/memory.ts";
import { memoryNode, nextEvent, until } from "../../node/helpers.ts";

async function mesh() {
  const net = createMemoryNetwork({ seed: 5 });
  const opts = { gossipIntervalMs: 50, minPeers: 0, requestTimeoutMs: 4000 };
  const near = await memoryNode(net, "near", { ...opts, mode: "server" });
  const far = await memoryNode(net, "far", { ...opts, mode: "server" });
  const a = await memoryNode(net, "a", { ...opts, mode: "client" });
  const b = await memoryNode(net, "b", { ...opts, mode: "client" });
  const all = [a, b, near, far];
  net.link("a", "near", { latencyMs: 5 });
  net.link("a", "far", { latencyMs: 40 });
  try {
    for (const c of [a, b]) {
      await c.connect(far.address);
      await c.connect(near.address);
    }
    await until(
      () => a.peers().filter((p) => p.connected && p.rttMs !== undefined).length === 2,
      5000,
      "A measured both servers",
    );
    await until(
      () => [near, far].every((s) => s.peers().some((p) => p.id === b.id && p.connected)),
      5000,
      "B attached to both",
    );
  } catch (err) {
    await Promise.all(all.map((n) => n.close()));
    throw err;
  }
  return { net, a, b, near, far, close: () => Promise.all(all.map((n) => n.close())) };
}

test("relays through the nearest server, and fails over when it goes silent", async () => {
  const m = await mesh();
  try {
    const rtt = Object.fromEntries(m.a.peers().map((p) => [p.id, p.rttMs]));
    assert.ok(rtt[m.near.id]! < rtt[m.far.id]!, `rtt near ${rtt[m.near.id]} far ${rtt[m.far.id]}`);
    for (let i = 0; i < 3; i++) {
      const got = nextEvent<MessageDetail>(m.b, "message");
      await m.a.send(m.b.id, `n${i}`);
      assert.is((await got).via, m.near.id, `message ${i} via the nearest server`);
    }
    // The nearest server falls silent for A (a cut, not a close: nothing tells A).
    m.net.block("a", "near");
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const got = nextEvent<MessageDetail>(m.b, "message", (d) => d.payload === `f${i}`, 6000);
      const started = performance.now();
      await m.a.send(m.b.id, `f${i}`);
      times.push(performance.now() - started);
      assert.is((await got).via, m.far.id, `message ${i} after the cut via the far server`);
    }
    console.log(
      `nearest-server failover: first send ${times[0].toFixed(0)} ms (one silence period), ` +
        `then ${times.slice(1).map((t) => t.toFixed(0)).join(", ")} ms`,
    );
    // The silent server is tried last from then on: later sends cost no silence period.
    assert.ok(times[1] < times[0] && times[2] < times[0], times.join(","));
  } finally {
    m.net.heal();
    await m.close();
  }
});

test.run();
