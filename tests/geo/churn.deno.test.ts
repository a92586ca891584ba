/**
 * Churn across network namespaces: 6 node processes (Deno h3 and Bun h2,
 * hybrid and server mode); one of them at a time (rotating over three
 * victims) is SIGKILLed and restarted with the same identity every couple of
 * seconds while a survivor broadcasts a numbered message every 100 ms. Every
 * survivor must deliver every broadcast exactly once, and restarted nodes
 * must rejoin (sessions back, broadcasts after the churn delivered).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createHosts } from "./hosts.ts";
import { closeAll, type GeoNode } from "./process-node.ts";
import {
  mib,
  type NodeSpec,
  peerCounts,
  percentile,
  sleep,
  startMesh,
  trackBroadcasts,
  waitFor,
} from "./mesh.ts";

const SPECS: NodeSpec[] = [
  { runtime: "deno", mode: "hybrid" }, // h1: the broadcaster, a survivor
  { runtime: "deno", mode: "hybrid" }, // h2: survivor
  { runtime: "bun", mode: "hybrid" }, // h3: victim
  { runtime: "deno", mode: "server" }, // h4: victim
  { runtime: "bun", mode: "server" }, // h5: survivor
  { runtime: "deno", mode: "hybrid" }, // h6: victim
];
const VICTIMS = [2, 3, 5];
/** Survivors that receive: the origin (h1) does not deliver its own broadcasts. */
const SURVIVORS = [1, 4];
const ROUNDS = 6;
const DOWN_MS = 800;
const UP_MS = 1500;

test("survivors deliver 100% of broadcasts while 1 of 6 nodes is killed and restarted in turn", async () => {
  const hosts = await createHosts({ count: SPECS.length });
  let nodes: GeoNode[] = [];
  try {
    console.log(`hosts: ${hosts.mode}${hosts.fallbackReason ? ` (${hosts.fallbackReason})` : ""}`);
    const t0start = Date.now();
    nodes = await startMesh(hosts, SPECS);
    console.log(`started in ${Date.now() - t0start} ms`);
    const settled = await waitFor(
      async () => (await peerCounts(nodes)).every((c) => c >= 2),
      20_000,
    );
    const baseline = await peerCounts(nodes);
    console.log(`peers before churn: ${baseline.join(" ")}`);
    assert.ok(settled, `mesh did not settle: peers ${baseline.join(" ")}`);

    const origin = nodes[0];
    const tally = trackBroadcasts(nodes, origin.id);
    let seq = 0;
    let broadcasting = true;
    const failures: string[] = [];
    const sender = (async () => {
      while (broadcasting) {
        const r = await origin.broadcast({ seq: ++seq, t: Date.now() });
        if (!r.ok) failures.push(`seq ${seq}: ${JSON.stringify(r.error)}`);
        await sleep(100);
      }
    })();
    const started = Date.now();
    const rejoinMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const victim = nodes[VICTIMS[round % VICTIMS.length]];
      await victim.kill9();
      await sleep(DOWN_MS);
      const t0 = Date.now();
      const id = victim.id;
      const again = await victim.restart();
      assert.is(again.id, id, "restarted with the same identity");
      // Rejoined once it has a session again.
      const back = await waitFor(async () => (await peerCounts([victim]))[0] >= 1, 10_000);
      rejoinMs.push(back ? Date.now() - t0 : NaN);
      await sleep(UP_MS);
    }
    broadcasting = false;
    await sender;
    const churnMs = Date.now() - started;
    // Broadcasts in flight when the churn ended: give them a bounded moment.
    await waitFor(() => SURVIVORS.every((i) => tally.seqs[i].size === seq), 10_000);

    // After the churn every node, restarted ones included, gets new broadcasts.
    const recovered = await waitFor(
      async () => (await peerCounts(nodes)).every((c) => c >= 2),
      15_000,
    );
    const after = await peerCounts(nodes);
    const tail = 10;
    for (let k = 1; k <= tail; k++) {
      await origin.broadcast({ seq: seq + k, t: Date.now() });
      await sleep(100);
    }
    const tailSeqs = Array.from({ length: tail }, (_, k) => seq + k + 1);
    const receivers = nodes.slice(1);
    await waitFor(
      () => receivers.every((n) => tailSeqs.every((s) => tally.seqs[n.index].has(s))),
      10_000,
    );
    tally.stop();

    const stats = await Promise.all(nodes.map((n) => n.stats().catch(() => undefined)));
    const lat = SURVIVORS.flatMap((i) => tally.latencies[i]);
    console.log(
      `churn ${churnMs} ms, ${ROUNDS} kills (victims h${
        VICTIMS.map((v) => v + 1).join(",h")
      }), rejoin ms: ${rejoinMs.join(" ")}`,
    );
    console.log(
      `sent ${seq} (+${tail} after churn); broadcast failures at origin: ${failures.length}`,
    );
    nodes.forEach((n, i) =>
      console.log(
        `  h${i + 1} ${n.runtime} ${SPECS[i].mode}${
          i === 0 ? " origin" : VICTIMS.includes(i) ? " victim" : " survivor"
        }: ` +
          `delivered ${[...tally.seqs[i]].filter((s) => s <= seq).length}/${seq}, tail ${
            tailSeqs.filter((s) => tally.seqs[i].has(s)).length
          }/${tail}, ` +
          `dup ${tally.duplicates[i]}, peers lost ${tally.lost[i]}, peers ${baseline[i]} -> ${
            after[i]
          }, ` +
          `rss ${stats[i] ? mib(stats[i]!.rss) : "?"} MiB, restarts ${n.restarts}`,
      )
    );
    console.log(
      `survivor latency p50 ${percentile(lat, 50)} ms, p99 ${percentile(lat, 99)} ms, max ${
        percentile(lat, 100)
      } ms`,
    );

    for (const i of SURVIVORS) {
      const missing = Array.from({ length: seq }, (_, k) => k + 1).filter((s) =>
        !tally.seqs[i].has(s)
      );
      assert.ok(
        missing.length === 0,
        `survivor h${i + 1} missed ${missing.length}: ${missing.slice(0, 30)}`,
      );
    }
    for (let i = 0; i < nodes.length; i++) {
      assert.is(tally.duplicates[i], 0, `h${i + 1} duplicates`);
    }
    assert.equal(failures, []);
    assert.ok(recovered, `peer counts after churn: ${after.join(" ")}`);
    for (let i = 1; i < nodes.length; i++) {
      const got = tailSeqs.filter((s) => tally.seqs[i].has(s)).length;
      assert.is(got, tail, `h${i + 1} got ${got}/${tail} broadcasts after the churn`);
    }
  } finally {
    await closeAll(nodes.filter(Boolean));
    await hosts.close();
  }
});

test.run();
