/**
 * Real geomesh nodes through the impairment relay: HTTP/3 over the UDP relay
 * under Deno, HTTP/2 over the TCP relay under Bun. Delay shows in request
 * RTTs, lossy links still deliver every request, a cut either stalls a
 * request until heal or fails it with a typed error, and a NAT rebinding
 * (Deno: QUIC migration) keeps the session.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNode, GeomeshError, type GeomeshNode, parseAddress } from "../../mod.ts";
import { createImpairedLink, type ImpairedLink, type LinkProfile } from "../../lib/testing/mod.ts";
import { captureLogger } from "../node/helpers.ts";
import { summary } from "./helpers.ts";

const runtime = "Deno" in globalThis ? "deno" : "bun";
const expected = runtime === "deno" ? "h3" : "h2";

interface Pair {
  a: GeomeshNode;
  b: GeomeshNode;
  link: ImpairedLink;
}

/** Nodes A and B (B echoes), a link in front of B, A connected through it; all closed after. */
async function throughRelay(profile: LinkProfile, body: (p: Pair) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "geomesh-impair-"));
  const nodes: GeomeshNode[] = [];
  let link: ImpairedLink | undefined;
  try {
    for (const name of ["a", "b"]) {
      nodes.push(
        await createNode({
          mode: "hybrid",
          port: 0,
          hostname: "127.0.0.1",
          certPath: join(dir, name),
          dashboard: false,
          logger: captureLogger(),
          connectTimeoutMs: 8000,
        }),
      );
    }
    const [a, b] = nodes;
    b.handle((payload) => payload);
    link = await createImpairedLink({
      target: { host: "127.0.0.1", port: parseAddress(b.address).port! },
      profile,
      seed: 42,
    });
    const id = await a.connect(link.address(b.address));
    assert.is(id, b.id);
    assert.is(a.peers().find((p) => p.id === b.id)?.protocol, expected);
    await body({ a, b, link });
  } finally {
    for (const n of nodes) await n.close();
    await link?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function rtts(a: GeomeshNode, b: GeomeshNode, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    assert.is(await a.request(b.id, i, { timeoutMs: 10_000 }), i);
    out.push(performance.now() - t0);
  }
  return out;
}

/** The relay carried the session on the protocol this runtime dials. */
function assertCarried(link: ImpairedLink) {
  const s = link.stats();
  if (expected === "h3") assert.ok(s.forward.packets > 0 && s.reverse.packets > 0, "UDP relayed");
  else assert.ok(s.forward.tcpBytes > 0 && s.reverse.tcpBytes > 0, "TCP relayed");
}

test("40 ms each way: 20 requests take at least 80 ms each; a zero profile costs little", async () => {
  await throughRelay({}, async ({ a, b, link }) => {
    const relayed = await rtts(a, b, 20);
    assertCarried(link);
    // The same node pair direct, for the relay's own cost.
    const dir = await mkdtemp(join(tmpdir(), "geomesh-impair-direct-"));
    const c = await createNode({
      mode: "client",
      certPath: dir,
      dashboard: false,
      logger: captureLogger(),
    });
    try {
      await c.connect(b.address);
      const direct = await rtts(c, b, 20);
      console.log(`${runtime} ${expected} request RTT direct:             ${summary(direct)}`);
      console.log(`${runtime} ${expected} request RTT, zero-profile relay: ${summary(relayed)}`);
    } finally {
      await c.close();
      await rm(dir, { recursive: true, force: true });
    }
    link.setProfile({ delayMs: 40 });
    const slow = await rtts(a, b, 20);
    console.log(`${runtime} ${expected} request RTT through 40+40 ms:   ${summary(slow)}`);
    assert.ok(Math.min(...slow) >= 79, `min RTT ${Math.min(...slow)}`);
  });
});

test("2% loss (and 10 ms each way): all 50 requests complete", async () => {
  await throughRelay({ delayMs: 10 }, async ({ a, b, link }) => {
    link.setProfile({ delayMs: 10, loss: 0.02 });
    const t0 = performance.now();
    const times = await rtts(a, b, 50);
    const s = link.stats();
    console.log(
      `${runtime} ${expected} 50 requests over 2% loss in ${
        (performance.now() - t0).toFixed(0)
      } ms: ` +
        `${summary(times)}; datagrams dropped ${s.forward.droppedLoss}+${s.reverse.droppedLoss} ` +
        `of ${s.forward.packets + s.forward.droppedLoss}+${
          s.reverse.packets + s.reverse.droppedLoss
        }` +
        (expected === "h2" ? " (TCP: loss does not apply to bytes)" : ""),
    );
    assert.is(times.length, 50);
    assertCarried(link);
  });
});

test("a request during a 1 s cut completes after heal or fails typed", async () => {
  await throughRelay({ delayMs: 10 }, async ({ a, b, link }) => {
    assert.is(await a.request(b.id, "before"), "before");
    link.cut();
    const t0 = performance.now();
    const pending = a.request(b.id, "during", { timeoutMs: 5000 }).then(
      (value) => ({ value, ms: performance.now() - t0 }),
      (error) => ({ error, ms: performance.now() - t0 }),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const s = link.stats();
    assert.ok(s.forward.droppedBlackhole + s.forward.tcpHeldBytes > 0, "the cut held traffic");
    link.heal();
    const outcome = await pending;
    if ("value" in outcome) {
      console.log(
        `${runtime} ${expected} cut 1 s: the request completed ${
          outcome.ms.toFixed(0)
        } ms after it was sent`,
      );
      assert.is(outcome.value, "during");
      assert.ok(outcome.ms >= 990, "not before the heal");
    } else {
      console.log(
        `${runtime} ${expected} cut 1 s: the request failed after ${
          outcome.ms.toFixed(0)
        } ms: ${outcome.error}`,
      );
      assert.instance(outcome.error, GeomeshError);
    }
    assert.is(await a.request(b.id, "after", { timeoutMs: 5000 }), "after");
  });
});

test("a cut longer than the request timeout is a TIMEOUT; the session works after heal", async () => {
  await throughRelay({}, async ({ a, b, link }) => {
    link.cut();
    const err = await a.request(b.id, "x", { timeoutMs: 800 }).then(() => null, (e) => e);
    link.heal();
    assert.instance(err, GeomeshError);
    assert.is(err.code, "TIMEOUT");
    assert.is(await a.request(b.id, "after", { timeoutMs: 5000 }), "after");
  });
});

test("rebind(): a new source port at B (QUIC migration under Deno) keeps the session", async () => {
  await throughRelay({ delayMs: 5 }, async ({ a, b, link }) => {
    assert.is(await a.request(b.id, 1), 1);
    const flows = link.stats().udpFlows;
    await link.rebind();
    const t0 = performance.now();
    assert.is(await a.request(b.id, 2, { timeoutMs: 5000 }), 2);
    console.log(
      `${runtime} ${expected} after rebind (${flows} UDP flows moved): request in ${
        (performance.now() - t0).toFixed(0)
      } ms`,
    );
    assert.ok(a.peers().find((p) => p.id === b.id)?.connected);
    assert.is(flows, expected === "h3" ? 1 : 0);
  });
});

test.run();
