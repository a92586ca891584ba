/**
 * The connection pool on the memory transport: a restarted peer replacing its
 * stale session, bootstrap retries, close() during a dial and while already
 * closing, idle close that spares busy sessions, and requests failing fast
 * when their session dies.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { memoryNode, nextEvent, rejectsWith, sleep, until, within } from "./helpers.ts";

test("a peer restarted with the same identity replaces its stale session", async () => {
  const net = createMemoryNetwork();
  const certPath = await mkdtemp(join(tmpdir(), "geomesh-pool-"));
  const server = await memoryNode(net, "s", { mode: "server" });
  const old = await memoryNode(net, "c", { mode: "client", certPath });
  const fresh = await memoryNode(net, "c2", { mode: "client", certPath });
  try {
    await old.connect(server.address);
    await until(() => server.peers().length === 1, 2000, "server sees c");
    // The old process hangs (nothing gets through any more) and the same identity
    // comes back from elsewhere before the server noticed.
    net.block("c", "s");
    fresh.handle(() => "fresh");
    assert.is(await fresh.connect(server.address), server.id);
    assert.is(await server.request(fresh.id, null, { timeoutMs: 1500 }), "fresh");
    await sleep(2200); // past the duplicate's grace period
    assert.is(await server.request(fresh.id, null, { timeoutMs: 1500 }), "fresh");
    assert.ok(fresh.peers().some((p) => p.id === server.id && p.connected));
  } finally {
    net.heal();
    await Promise.all([old.close(), fresh.close(), server.close()]);
    await rm(certPath, { recursive: true, force: true });
  }
});

test("simultaneous dials under jitter settle on one session without a disconnect", async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const net = createMemoryNetwork({ latencyMs: 1, jitterMs: 10, seed });
    const a = await memoryNode(net, "a");
    const b = await memoryNode(net, "b");
    try {
      let flaps = 0;
      a.addEventListener("peer:disconnected", () => flaps++);
      b.addEventListener("peer:disconnected", () => flaps++);
      await Promise.all([a.connect(b.address), b.connect(a.address)]);
      b.handle((p) => p);
      assert.is(await a.request(b.id, seed), seed);
      await sleep(60);
      assert.is(flaps, 0, `seed ${seed}`);
      assert.is(a.peers().length + b.peers().length, 2, `seed ${seed}`);
    } finally {
      await a.close();
      await b.close();
    }
  }
});

test("a bootstrap peer that is not up yet is dialed again until it is", async () => {
  const net = createMemoryNetwork();
  const certPath = await mkdtemp(join(tmpdir(), "geomesh-pool-"));
  let b = await memoryNode(net, "b", { certPath });
  const address = b.address;
  await b.close();
  const a = await memoryNode(net, "a", {
    bootstrap: [address],
    reconnectBaseMs: 20,
    reconnectMaxMs: 100,
  });
  try {
    await sleep(100);
    const up = nextEvent<{ id: string }>(a, "peer:connected", (d) => d.id === b.id, 3000);
    b = await memoryNode(net, "b", { certPath });
    await up;
    b.handle(() => "late but here");
    assert.is(await a.request(b.id, null), "late but here");
  } finally {
    await a.close();
    await b.close();
    await rm(certPath, { recursive: true, force: true });
  }
});

test("close() aborts a dial in flight; concurrent close() calls all wait for the end", async () => {
  const net = createMemoryNetwork();
  const a = await memoryNode(net, "a", { connectTimeoutMs: 20_000 });
  const b = await memoryNode(net, "b");
  try {
    net.block("a", "b");
    const dial = a.connect(b.address);
    await sleep(20);
    const first = a.close();
    const second = a.close();
    assert.is(await within(second, 3000), undefined);
    const err = await within(dial, 3000);
    assert.ok(
      err instanceof Error &&
        ["ABORTED", "SESSION_CLOSED"].includes((err as { code?: string }).code!),
      String(err),
    );
    await first;
    // The listener is gone: the endpoint name can listen again.
    const again = await net.transport("a").listen({ certificate: { certPem: "", keyPem: "" } });
    await again.close();
    await rejectsWith(a.connect(b.address), "SESSION_CLOSED");
  } finally {
    net.heal();
    await a.close();
    await b.close();
  }
});

test("idle sessions close on both sides without reconnecting; busy ones stay open", async () => {
  const net = createMemoryNetwork();
  const a = await memoryNode(net, "a", { idleTimeoutMs: 150 });
  const b = await memoryNode(net, "b");
  try {
    b.handle(async () => {
      await sleep(500);
      return "slow";
    });
    await a.connect(b.address);
    // A request outlasting the idle timeout is not cut off.
    assert.is(await a.request(b.id, null), "slow");
    const downA = nextEvent<{ reason: string }>(a, "peer:disconnected", () => true, 3000);
    const downB = nextEvent(b, "peer:disconnected", () => true, 3000);
    assert.match((await downA).reason, /idle/);
    await downB;
    await sleep(300);
    assert.is(a.peers().filter((p) => p.connected).length, 0, "no reconnect after idle close");
    // Needed again: a request to the known peer dials it on demand.
    assert.is(await a.request(b.id, null), "slow");
    assert.is(a.peers().filter((p) => p.connected).length, 1);
  } finally {
    await a.close();
    await b.close();
  }
});

test("keep-alive does not kill a busy session whose datagrams are lost; a silent one goes", async () => {
  const net = createMemoryNetwork({ loss: 1 }); // every datagram lost, streams intact
  const a = await memoryNode(net, "a", { keepAliveMs: 100 });
  const b = await memoryNode(net, "b");
  try {
    b.handle((p) => p);
    await a.connect(b.address);
    let flaps = 0;
    a.addEventListener("peer:disconnected", () => flaps++);
    for (let i = 0; i < 30; i++) {
      assert.is(await a.request(b.id, i), i);
      await sleep(20);
    }
    assert.is(flaps, 0, "traffic on the stream proves the peer alive");
    const down = await nextEvent<{ reason: string }>(a, "peer:disconnected", () => true, 3000);
    assert.match(down.reason, /unresponsive/);
  } finally {
    await a.close();
    await b.close();
  }
});

test("requests pending on a session that dies fail with SESSION_CLOSED, not a timeout", async () => {
  const net = createMemoryNetwork({ vanishDetectMs: 50 });
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b");
  try {
    b.handle(() => new Promise(() => {}));
    await a.connect(b.address);
    const pending = a.request(b.id, 1, { timeoutMs: 10_000 });
    await sleep(20);
    net.vanish("b");
    await rejectsWith(pending, "SESSION_CLOSED");
  } finally {
    await a.close();
    await b.close();
  }
});

test.run();
