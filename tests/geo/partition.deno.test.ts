/**
 * A 3/3 network partition across namespaces (real blackhole: the switch
 * ports of one side move to a bridge of their own), then heal. 6 node
 * processes, Deno (h3) and Bun (h2), hybrid and server mode.
 *
 * The promise asserted: during the split, a `request` or `send` across it
 * rejects with a typed `GeomeshError` within its timeout (the send once the
 * split has lasted a few keep-alive intervals: a send handed to a live-looking
 * stream in the first instant cannot know); nothing is delivered twice; after
 * heal the mesh reconverges: broadcasts reach all 6 and sends across the
 * former split succeed. Broadcasts during the split are best effort: their
 * reach is printed, not asserted. The reconvergence time is printed.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createHosts } from "./hosts.ts";
import { closeAll, type GeoNode, type Result } from "./process-node.ts";
import { type NodeSpec, peerCounts, sleep, startMesh, trackBroadcasts, waitFor } from "./mesh.ts";

const SPECS: NodeSpec[] = [
  { runtime: "deno", mode: "hybrid" }, // h1 side A, broadcaster
  { runtime: "bun", mode: "hybrid" }, // h2 side A
  { runtime: "deno", mode: "server" }, // h3 side A
  { runtime: "deno", mode: "hybrid" }, // h4 side B
  { runtime: "bun", mode: "server" }, // h5 side B
  { runtime: "deno", mode: "hybrid" }, // h6 side B
];
const A = [0, 1, 2];
const B = [3, 4, 5];
const KEEPALIVE_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const SPLIT_MS = 6000;
/** Typed failures a caller can act on for an unreachable peer. */
const TYPED = new Set(["TIMEOUT", "SESSION_CLOSED", "UNKNOWN_PEER", "CONNECT_FAILED", "CONNECT"]);

/** Counts message deliveries by payload id at every node. */
function trackMessages(nodes: GeoNode[]) {
  const got = new Map<string, number>();
  for (const n of nodes) {
    n.on("message", (e) => {
      const id = (e.payload as { id?: string })?.id;
      if (id) got.set(`${n.index}:${id}`, (got.get(`${n.index}:${id}`) ?? 0) + 1);
    });
    n.on("result", () => {});
  }
  return got;
}

const show = (r: Result) =>
  r.ok
    ? `ok in ${r.ms?.toFixed(0)} ms`
    : `${r.error?.code ?? r.error?.name} in ${r.ms?.toFixed(0)} ms (${
      r.error?.message?.slice(0, 90)
    })`;

test("3/3 partition: typed failures across it, nothing twice, reconvergence after heal", async () => {
  const hosts = await createHosts({ count: SPECS.length });
  let nodes: GeoNode[] = [];
  try {
    console.log(`hosts: ${hosts.mode}; partition method: ${hosts.partitionMethod}`);
    nodes = await startMesh(
      hosts,
      SPECS.map((s) => ({
        ...s,
        config: {
          keepAliveMs: KEEPALIVE_MS,
          requestTimeoutMs: REQUEST_TIMEOUT_MS,
          reconnectMaxMs: 1000,
        },
      })),
    );
    // Direct sessions across the future split, so "across" starts from a live session.
    for (const [a, b] of [[0, 3], [1, 5], [3, 2]]) {
      const r = await nodes[a].connect(nodes[b].address);
      assert.ok(r.ok, `h${a + 1} -> h${b + 1}: ${JSON.stringify(r.error)}`);
    }
    assert.ok(await waitFor(async () => (await peerCounts(nodes)).every((c) => c >= 2), 20_000));
    const exits = new Map<number, string>();
    for (const n of nodes) {
      n.on("exit", (e) => void exits.set(n.index, `code ${e.code} signal ${e.signal}`));
    }
    const origin = nodes[0];
    const tally = trackBroadcasts(nodes, origin.id);
    const messages = trackMessages(nodes);
    let seq = 0;
    const bcast = async () => {
      const r = await origin.broadcast({ seq: ++seq, t: Date.now() });
      assert.ok(r.ok, JSON.stringify(r.error));
      return seq;
    };
    const warm: number[] = [];
    for (let k = 0; k < 5; k++) warm.push(await bcast());
    assert.ok(
      await waitFor(
        () => nodes.slice(1).every((n) => warm.every((s) => tally.seqs[n.index].has(s))),
        5000,
      ),
      "broadcasts before the split reach everyone",
    );
    console.log(`peers before split: ${(await peerCounts(nodes)).join(" ")}`);

    await hosts.partition(A, B);
    const splitAt = Date.now();
    // (a) at once: the sessions across still look alive.
    const [sendEarly, reqEarly] = await Promise.all([
      origin.send(nodes[3].id, { id: "send-early", t: Date.now() }),
      origin.request(nodes[3].id, { id: "req-early" }, REQUEST_TIMEOUT_MS),
    ]);
    // (b) broadcasts during the split.
    const during: number[] = [];
    while (Date.now() - splitAt < 3 * KEEPALIVE_MS + 500) {
      during.push(await bcast());
      await sleep(100);
    }
    // (a) again, once keep-alive had time to notice.
    const late = await Promise.all([
      origin.send(nodes[3].id, { id: "send-late", t: Date.now() }),
      origin.request(nodes[3].id, { id: "req-late" }, REQUEST_TIMEOUT_MS),
      nodes[4].send(nodes[1].id, { id: "send-late-bun", t: Date.now() }),
      nodes[4].request(nodes[1].id, { id: "req-late-bun" }, REQUEST_TIMEOUT_MS),
    ]);
    const peersSplit = await peerCounts(nodes);
    await sleep(Math.max(0, SPLIT_MS - (Date.now() - splitAt)));
    await hosts.heal();
    const healAt = Date.now();

    // Reconvergence: a probe broadcast reaches all 5 others and sends across succeed.
    let bcastMs = NaN, sendMs = NaN, lastProbe = "";
    const probeEnd = healAt + 20_000;
    while (
      Date.now() < probeEnd && (Number.isNaN(bcastMs) || Number.isNaN(sendMs)) &&
      nodes.every((n) => n.alive)
    ) {
      if (Number.isNaN(bcastMs)) {
        const s = await bcast();
        if (await waitFor(() => nodes.slice(1).every((n) => tally.seqs[n.index].has(s)), 300)) {
          bcastMs = Date.now() - healAt;
        }
      }
      if (Number.isNaN(sendMs)) {
        const rs = await Promise.all([
          origin.request(nodes[3].id, { id: "probe" }, 1000),
          nodes[4].request(nodes[1].id, { id: "probe" }, 1000),
        ]);
        if (rs.every((r) => r.ok)) sendMs = Date.now() - healAt;
        else lastProbe = rs.map(show).join("; ");
      }
    }
    const peersHealed = await peerCounts(nodes);
    for (const n of nodes) {
      if (!n.alive) {
        console.log(
          `h${n.index + 1} (${n.runtime}) DIED: ${exits.get(n.index)}; stderr tail: ${
            n.stderr.slice(-1500)
          }`,
        );
      }
    }
    const after = await Promise.all([
      origin.send(nodes[3].id, { id: "send-after", t: Date.now() }),
      nodes[5].send(nodes[2].id, { id: "send-after-2", t: Date.now() }),
    ]);
    const finalB: number[] = [];
    for (let k = 0; k < 10; k++) finalB.push(await bcast());
    await waitFor(
      () => nodes.slice(1).every((n) => finalB.every((s) => tally.seqs[n.index].has(s))),
      5000,
    );
    await sleep(500);
    tally.stop();

    console.log(
      `(a) send at split start: ${show(sendEarly)}; request at split start: ${show(reqEarly)}`,
    );
    console.log(
      `(a) after ${3 * KEEPALIVE_MS + 500} ms of split: h1->h4 send ${show(late[0])}; request ${
        show(late[1])
      }`,
    );
    console.log(`    h5(bun)->h2(bun) send ${show(late[2])}; request ${show(late[3])}`);
    console.log(`    peers during split: ${peersSplit.join(" ")}`);
    for (const id of ["send-early", "send-late"]) {
      console.log(`    "${id}" delivered at h4: ${messages.get(`3:${id}`) ?? 0} times`);
    }
    console.log(
      `    "send-late-bun" delivered at h2: ${messages.get("1:send-late-bun") ?? 0} times`,
    );
    const reach = (i: number) => during.filter((s) => tally.seqs[i].has(s)).length;
    console.log(
      `(b) ${during.length} broadcasts during the split reached: ${
        nodes.slice(1).map((n) => `h${n.index + 1} ${reach(n.index)}`).join(", ")
      }`,
    );
    console.log(`heal: broadcast to all 6 after ${bcastMs} ms, requests across after ${sendMs} ms`);
    console.log(
      `    peers ${Date.now() - healAt} ms after heal: ${
        peersHealed.join(" ")
      }; last failed probe: ${lastProbe || "none"}`,
    );
    console.log(
      `    h2 broadcasts after heal: ${
        [...tally.seqs[1]].filter((x) => x > during[during.length - 1]).length
      }`,
    );
    console.log(
      `after heal: sends ${after.map(show).join("; ")}; last 10 broadcasts reached ${
        nodes.slice(1).map((n) => finalB.filter((s) => tally.seqs[n.index].has(s)).length).join(" ")
      }`,
    );
    console.log(
      `duplicates (broadcast) ${tally.duplicates.join(" ")}; message counts ${
        JSON.stringify(Object.fromEntries(messages))
      }`,
    );

    // The promise.
    for (const n of nodes) {
      assert.ok(
        n.alive,
        `h${n.index + 1} (${n.runtime}) died (${exits.get(n.index)}): ${n.stderr.slice(-300)}`,
      );
    }
    for (
      const [what, r] of [
        ["request at split start", reqEarly],
        ["late send", late[0]],
        ["late request", late[1]],
        ["late bun send", late[2]],
        ["late bun request", late[3]],
      ] as const
    ) {
      assert.not.ok(r.ok, `${what} across the partition must reject, got ${show(r)}`);
      assert.ok(
        TYPED.has(r.error?.code ?? ""),
        `${what}: typed GeomeshError code, got ${JSON.stringify(r.error)}`,
      );
      // Its own timeout plus a generous margin (dial attempt, relays, a loaded machine).
      assert.ok((r.ms ?? Infinity) <= 2 * REQUEST_TIMEOUT_MS + 3000, `${what} took ${r.ms} ms`);
    }
    for (const [key, count] of messages) assert.ok(count <= 1, `${key} delivered ${count} times`);
    assert.equal(tally.duplicates, nodes.map(() => 0), "no broadcast delivered twice");
    assert.ok(!Number.isNaN(bcastMs), "a broadcast after heal reached all 6");
    assert.ok(!Number.isNaN(sendMs), "requests across the former split succeed after heal");
    assert.ok(after.every((r) => r.ok), `sends after heal: ${after.map(show).join("; ")}`);
    for (const n of nodes.slice(1)) {
      const got = finalB.filter((s) => tally.seqs[n.index].has(s)).length;
      assert.is(
        got,
        finalB.length,
        `h${n.index + 1} got ${got}/${finalB.length} broadcasts after heal`,
      );
    }
    assert.is(messages.get("3:send-after"), 1);
    assert.is(messages.get("2:send-after-2"), 1);
  } finally {
    await closeAll(nodes.filter(Boolean));
    await hosts.close();
  }
});

test.run();
